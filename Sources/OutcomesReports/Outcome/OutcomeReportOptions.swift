import OutcomesClinical

/// What `outcomes report` was asked for beyond the dataset: the period, title, suppression, patient tables and
/// the provenance to print.
public struct OutcomeReportOptions: Sendable {
    /// The report's title (default: "Outcome report" and the period).
    public var title: String?
    /// The induction series that started in this period are reported (nil: all data).
    public var period: CalendarPeriod?
    /// Small-cell suppression (default: counts 1–10 print as `<11`).
    public var suppression = SmallCellPolicy()
    /// Write the per-patient derived tables under `patient_tables/` (they carry identifiers and dates).
    public var withPatientTables = false
    /// The command line to print under Provenance (nil: the entry point's own description).
    public var commandLine: [String]?

    public init(title: String? = nil, period: CalendarPeriod? = nil, suppression: SmallCellPolicy = SmallCellPolicy(),
                withPatientTables: Bool = false, commandLine: [String]? = nil) {
        self.title = title; self.period = period; self.suppression = suppression
        self.withPatientTables = withPatientTables; self.commandLine = commandLine
    }
}

/// One part of the report: its Markdown, its tidy tables (file name under `tables/` → CSV) and its figures
/// (file name under `figures/` → SVG).
struct ReportPart: Sendable {
    var markdown = ""
    var tables: [(name: String, csv: String)] = []
    var figures: [(name: String, svg: String)] = []

    static func + (a: ReportPart, b: ReportPart) -> ReportPart {
        ReportPart(markdown: a.markdown + b.markdown, tables: a.tables + b.tables, figures: a.figures + b.figures)
    }
}

/// Everything a section may read: the reported cohort's tables, the whole dataset's (for the trend), the
/// patients' records (sex, age, site), claims and the options.
struct ReportContext: Sendable {
    let all: DerivedTables
    let cohort: DerivedTables
    let records: [Patient]
    let verdicts: [ClaimVerdict]?
    /// Why the claims could not be checked on this period's patients, when they could not.
    let claimsProblem: String?
    let published: [PublishedResponseRate]?
    let options: OutcomeReportOptions
    let cells: ReportCells
    var plan: AnalysisPlan { cohort.plan }
    var periodLabel: String { options.period?.label ?? "all data" }
    var siteOf: [String: String] { Dictionary(records.compactMap { r in r.site.map { (r.id, $0) } }, uniquingKeysWith: { a, _ in a }) }
}
