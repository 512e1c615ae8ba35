/// Which series of each patient a series endpoint is read at.
public enum SeriesSelection: Sendable, Equatable, CustomStringConvertible {
    /// The patient's first induction series (found by phase and ordinal, never by its label).
    case firstInduction
    /// The `ordinal`-th series of `phase` (1-based).
    case series(TreatmentPhase, ordinal: Int)

    /// The phase and the 1-based ordinal within it of the selected series.
    public var phaseAndOrdinal: (phase: TreatmentPhase, ordinal: Int) {
        switch self {
        case .firstInduction: (.induction, 1)
        case let .series(phase, ordinal): (phase, ordinal)
        }
    }

    /// Whether `series` is the selected one.
    public func matches(_ series: InfusionSeries) -> Bool {
        switch self {
        case .firstInduction: series.phase == .induction && series.ordinal == 1
        case let .series(phase, ordinal): series.phase == phase && series.ordinal == ordinal
        }
    }

    public var description: String {
        switch self {
        case .firstInduction: "the end of the first induction series"
        case let .series(phase, ordinal): "the end of \(phase.rawValue) series \(ordinal)"
        }
    }
}

/// A span of the data's calendar time that a count is restricted to. A patient's row belongs to the period
/// when its anchor time (the series' first infusion, the index infusion, or the patient's first infusion)
/// falls inside it.
public enum ReportingPeriod: Sendable, Equatable, CustomStringConvertible {
    /// All of the data.
    case all
    /// From `start` (inclusive) to `end` (exclusive), in seconds since 1970 in the data's clock.
    case between(start: Double, end: Double)

    /// Whether `time` falls in the period.
    public func contains(_ time: Double) -> Bool {
        switch self {
        case .all: true
        case let .between(start, end): time >= start && time < end
        }
    }

    public var description: String {
        switch self {
        case .all: "all dates"
        case let .between(start, end): "from \(PlanNumber.format(start)) to \(PlanNumber.format(end)) (seconds since 1970)"
        }
    }
}

/// Successes out of patients for one rate, with the patients selected but left out and the rule in words.
public struct RateCount: Sendable, Equatable {
    /// Patients meeting the metric's rule.
    public let successes: Int
    /// The denominator: selected patients with an evaluable value.
    public let patients: Int
    /// Selected patients without an evaluable value (no endpoint, not assessed in the window, not recorded);
    /// each is listed with its reason in the exclusions where the derivation made one.
    public let notEvaluable: Int
    /// How the metric was counted, with the population, for the report.
    public let definition: String

    /// Creates a count.
    public init(successes: Int, patients: Int, notEvaluable: Int = 0, definition: String) {
        self.successes = successes
        self.patients = patients
        self.notEvaluable = notEvaluable
        self.definition = definition
    }

    /// successes / patients; nil when there are no patients.
    public var rate: Double? { patients > 0 ? Double(successes) / Double(patients) : nil }
}

extension DerivedTables {
    /// The one count behind every rate of the report, the claims and the command line: successes and patients
    /// for `metric` on `scale` at `series`, among patients with one of `diagnoses` (nil: every diagnosis), in
    /// `period`. `windowMinutes` applies to suicidal-item resolution (nil: the plan's primary window).
    /// `priorFailuresAtLeast` keeps only patients with at least that many failed prior treatments recorded
    /// (patients without the field recorded are left out of that subpopulation, and the definition says how many).
    ///
    /// Series endpoints (response, partial response, remission) share one denominator: patients with a baseline
    /// above 0 and an end-of-series score for that series and scale. A baseline of 0 leaves the endpoint out
    /// of all three (exclusions.csv says so), so a remission rate and its claim always count the same patients.
    public func count(_ metric: ProportionMetric, scale: Scale = .phq9, series: SeriesSelection = .firstInduction,
                      diagnoses: Set<Diagnosis>? = nil, period: ReportingPeriod = .all, windowMinutes: Double? = nil,
                      priorFailuresAtLeast: Int? = nil) -> RateCount {
        let selected = PatientSubpopulation(patients, diagnoses: diagnoses, priorFailuresAtLeast: priorFailuresAtLeast)
        let included = selected.includes
        let who = selected.text + (period == .all ? "" : "; \(period)")
        switch metric {
        case .response, .partialResponse, .remission:
            // Counted in place, reading the fields of each row where it lies: the report asks for hundreds of
            // counts, and copying the matching endpoints out each time was a tenth of its time at 200,000
            // patients (even copying one row at a time retains its every string and array).
            var rowCount = 0, evaluableCount = 0, successes = 0
            // The series' phase and ordinal compared field by field: passing each row's series whole to `matches` (and
            // reading its start when every date counts) copied it, retaining its infusions, for every row of every count.
            let (phase, ordinal) = series.phaseAndOrdinal
            let everyDate = period == .all
            endpoints.withUnsafeBufferPointer { rows in
                for i in rows.indices {
                    guard rows[i].scale == scale, rows[i].series.phase == phase, rows[i].series.ordinal == ordinal,
                          everyDate || period.contains(rows[i].series.start),
                          included(rows[i].patientID, rows[i].diagnosis) else { continue }
                    rowCount += 1
                    guard rows[i].isEvaluable else { continue }
                    evaluableCount += 1
                    let flag = switch metric {
                    case .response: rows[i].response
                    case .partialResponse: rows[i].partialResponse
                    default: rows[i].remission
                    }
                    if flag == true { successes += 1 }
                }
            }
            let rules = plan.rules(for: scale)
            let rule = switch metric {
            case .response: rules.responseText
            case .partialResponse: rules.partialResponseText
            default: rules.remissionText
            }
            return RateCount(successes: successes, patients: evaluableCount, notEvaluable: rowCount - evaluableCount,
                             definition: "\(metric.rawValue) on \(scale.id) (\(rule)) at \(series); \(who)")
        case .suicidalResolution:
            let w = windowMinutes ?? plan.suicidalWindowMinutes
            let rows = suicidal.filter { $0.scale == scale && included($0.patientID, $0.diagnosis) && period.contains($0.infusionTime) }
            let outcomes = rows.map { $0.outcome(windowMinutes: w)?.resolved ?? nil }
            let assessed = outcomes.compactMap { $0 }
            return RateCount(successes: assessed.count { $0 }, patients: assessed.count, notEvaluable: outcomes.count - assessed.count,
                             definition: "\(scale.id) suicidal item resolved within \(PlanNumber.format(w)) minutes of the first infusion with a positive item, among patients assessed in that window; \(who)")
        case .tolerability:
            let rows = tolerability.filter { t in
                included(t.patientID, t.diagnosis) && period.contains(self.series[t.patientID]?.first { $0.phase == .induction }?.start ?? -.infinity)
            }
            return RateCount(successes: rows.count(where: \.tolerated), patients: rows.count,
                             definition: (plan.tolerabilityCountsOtherInterruptions
                                ? "first induction completed, every infusion in full, without discontinuation for an adverse event; "
                                : "first induction without discontinuation for an adverse event; ") + who)
        case .priorTreatmentsFailedAtLeast2:
            let rows = patients.filter { p in included(p.patientID, p.diagnosis) && period.contains(p.infusions.first?.time ?? -.infinity) }
            let known = rows.compactMap(\.priorTreatmentsFailed)
            return RateCount(successes: known.count { $0 >= 2 }, patients: known.count, notEvaluable: rows.count - known.count,
                             definition: "prior_treatments_failed >= 2 among patients with it recorded; \(who)")
        }
    }

    /// Patients of the dataset with one of `diagnoses` (nil: all).
    public func patientCount(diagnoses: Set<Diagnosis>?) -> Int {
        // By index: a closure over each element copied the patient's whole timeline (its arrays retained) per call.
        guard let diagnoses else { return patients.count }
        var n = 0
        for i in patients.indices where diagnoses.contains(patients[i].diagnosis) { n += 1 }
        return n
    }

    /// "all diagnoses" or the diagnoses in vocabulary order.
    static func populationText(_ diagnoses: Set<Diagnosis>?) -> String {
        guard let diagnoses else { return "all diagnoses" }
        return Diagnosis.allCases.filter(diagnoses.contains).map(\.rawValue).joined(separator: ", ")
    }
}

extension SeriesEndpoint {
    /// Whether response, partial response and remission are defined: a baseline above 0 and an end-of-series score.
    public var isEvaluable: Bool { response != nil && remission != nil }
}

/// The patients a count is restricted to: by diagnosis and, optionally, by the number of failed prior treatments.
struct PatientSubpopulation {
    let includes: (_ patientID: String, _ diagnosis: Diagnosis) -> Bool
    let text: String

    init(_ patients: [PatientTimeline], diagnoses: Set<Diagnosis>?, priorFailuresAtLeast: Int?) {
        var text = DerivedTables.populationText(diagnoses)
        guard let minimum = priorFailuresAtLeast else {
            // A bit per diagnosis: counts test every row, and hashing the diagnosis into the set was most of a count's time.
            let allowed = diagnoses.map { set in set.reduce(UInt8(0)) { $0 | $1.bit } } ?? UInt8.max
            includes = { _, d in allowed & d.bit != 0 }
            self.text = text
            return
        }
        let inDiagnoses = patients.filter { diagnoses?.contains($0.diagnosis) ?? true }
        let qualifying = Set(inDiagnoses.filter { ($0.priorTreatmentsFailed ?? -1) >= minimum }.map(\.patientID))
        let unrecorded = inDiagnoses.count { $0.priorTreatmentsFailed == nil }
        text += "; with at least \(minimum) failed prior treatments recorded"
            + (unrecorded > 0 ? " (\(unrecorded) without the number recorded left out)" : "")
        includes = { id, _ in qualifying.contains(id) }
        self.text = text
    }
}

private extension Diagnosis {
    /// One bit per diagnosis, for a set of them as a byte.
    var bit: UInt8 {
        switch self {
        case .mdd: 1
        case .bipolar: 2
        case .ptsd: 4
        case .other: 8
        }
    }
}
