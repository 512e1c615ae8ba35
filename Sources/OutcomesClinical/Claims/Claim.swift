/// A published statement to check against a practice's data.
public struct Claim: Sendable, Equatable {
    /// Short stable identifier.
    public let id: String
    /// The statement, quoted.
    public let text: String
    /// Where it was published.
    public let source: String
    /// How vague wording was mapped to a metric, when it needed mapping.
    public let interpretation: String?
    /// What to compute and compare.
    public let check: ClaimCheck
    /// Line of the claim in its file, for errors about it (nil for claims built in code).
    public var line: Int? = nil
}

/// Which patients a metric counts.
public struct ClaimPopulation: Sendable, Equatable {
    /// Diagnoses included, in the order written; empty means all.
    public var diagnoses: [Diagnosis] = []
    /// Scale for score-based metrics.
    public var instrument: Scale = .phq9
    /// When set, only patients with at least this many failed prior treatments recorded (proportion claims).
    public var priorTreatmentsFailedAtLeast: Int? = nil

    /// The diagnoses as a count's filter: nil for all.
    public var selection: Set<Diagnosis>? { diagnoses.isEmpty ? nil : Set(diagnoses) }
}

/// A rate the clinical layer can compute.
public enum ProportionMetric: String, Sendable, CaseIterable {
    /// Response at the end of the first induction series.
    case response
    /// Partial response (at least the partial cut-off, below the response cut-off) at the end of the first induction series.
    case partialResponse = "partial_response"
    /// Remission at the end of the first induction series.
    case remission
    /// Suicidal item resolved within a window, among patients positive before an infusion.
    case suicidalResolution = "suicidal_resolution"
    /// First induction completed without discontinuation for an adverse event.
    case tolerability
    /// At least two prior treatments failed.
    case priorTreatmentsFailedAtLeast2 = "prior_treatments_failed_at_least_2"
}

/// A time or length whose median is claimed to lie in a range.
public enum RangeMetric: String, Sendable, CaseIterable {
    /// Median time from the end of induction to relapse among responders (Kaplan–Meier).
    case medianDaysToRelapse = "median_days_to_relapse"
    /// Median days between consecutive maintenance sessions.
    case maintenanceIntervalDays = "maintenance_interval_days"
    /// Median recorded infusion duration.
    case infusionDurationMinutes = "infusion_duration_minutes"
}

/// Which side of the claimed value the claim is on.
public enum ClaimDirection: Sendable, Equatable {
    case atLeast
    case atMost
    /// Within ± tolerance of the claimed value.
    case about(tolerance: Double)
}

/// The typed check of a claim.
public enum ClaimCheck: Sendable, Equatable {
    case proportion(metric: ProportionMetric, population: ClaimPopulation, claimed: Double, direction: ClaimDirection, windowMinutes: Double?)
    case range(metric: RangeMetric, population: ClaimPopulation, low: Double, high: Double)
    case equivalence(metric: ProportionMetric, instrument: Scale, groupA: [Diagnosis], groupB: [Diagnosis], margin: Double?)
    case comparison(instrument: Scale, better: TreatmentStrategy, than: TreatmentStrategy)
    /// `kind: comparison` with `metric: relapse_hazard_target_trial`: the verdict from the IPTW intention-to-treat
    /// hazard ratio of the target-trial emulation (``StrategyComparison``) on the primary relapse outcome; the
    /// other analyses are its sensitivity rows.
    case strategyTrial(instrument: Scale, better: TreatmentStrategy, than: TreatmentStrategy)
    case notCheckable(reason: String)

    /// The kind as written in claims files.
    public var kind: String {
        switch self {
        case .proportion: return "proportion"
        case .range: return "range"
        case .equivalence: return "equivalence"
        case .comparison, .strategyTrial: return "comparison"
        case .notCheckable: return "not_checkable"
        }
    }
}
