import OutcomesTabular

/// The CSV schemas of the four dataset files (see datasets/README.md for the human-readable version).
public enum DatasetSchemas {
    /// `patients.csv`.
    public static let patients = CSVSchema([
        CSVColumn("patient_id", .text),
        CSVColumn("diagnosis", .category(Diagnosis.csvCategory)),
        CSVColumn("sex", .category(Sex.csvCategory), .optionalColumn),
        CSVColumn("age", .double, .optionalColumn),
        CSVColumn("prior_treatments_failed", .integer, .optionalColumn),
        CSVColumn("site", .text, .optionalColumn),
        CSVColumn("strategy", .category(TreatmentStrategy.csvCategory), .optionalColumn),
    ])

    /// `infusions.csv`.
    public static let infusions = CSVSchema([
        CSVColumn("patient_id", .text),
        CSVColumn("start", .dateTime),
        CSVColumn("route", .category(Route.csvCategory)),
        CSVColumn("dose_mg_per_kg", .double, .optionalValue),
        CSVColumn("duration_min", .double, .optionalValue),
        CSVColumn("phase", .category(TreatmentPhase.csvCategory), .optionalColumn),
        CSVColumn("completed", .category(YesNo.csvCategory)),
    ])

    /// `assessments.csv`: items 1–10 may be absent as columns (then blank).
    public static let assessments = CSVSchema([
        CSVColumn("patient_id", .text),
        CSVColumn("time", .dateTime),
        CSVColumn("instrument", .category(Instrument.csvCategory)),
        CSVColumn("total", .integer, .optionalValue),
    ] + (1...10).map { CSVColumn("item_\($0)", .integer, .optionalColumn) })

    /// `adverse_events.csv`.
    public static let adverseEvents = CSVSchema([
        CSVColumn("patient_id", .text),
        CSVColumn("time", .dateTime),
        CSVColumn("term", .text),
        CSVColumn("severity", .category(Severity.csvCategory)),
        CSVColumn("serious", .category(YesNo.csvCategory)),
        CSVColumn("led_to_discontinuation", .category(YesNo.csvCategory)),
    ])

    /// The schema of `file`.
    public static func schema(for file: DatasetFile) -> CSVSchema {
        switch file {
        case .patients: patients
        case .infusions: infusions
        case .assessments: assessments
        case .adverseEvents: adverseEvents
        }
    }
}
