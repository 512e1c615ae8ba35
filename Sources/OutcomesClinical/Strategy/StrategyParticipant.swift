/// One eligible patient of the strategy comparison: a responder at the end of the first induction series whose
/// end-of-series score is below the relapse threshold. Times are days from time zero, the end-of-induction
/// assessment.
public struct StrategyParticipant: Sendable, Equatable {
    public let patientID: String
    /// Strategy as recorded in `patients.csv` (nil when blank).
    public let recorded: TreatmentStrategy?
    /// What the patient received in the grace period: maintenance when a maintenance session falls in
    /// (0, grace] days (before any relapse), as-needed otherwise.
    public let receivedInGrace: TreatmentStrategy
    /// Day the patient left their recorded strategy (per protocol), nil when they never did during follow-up:
    /// for as_needed, the first maintenance session; for maintenance, the end of the grace period without a
    /// session, or the day a gap between sessions first exceeded the grace period.
    public let deviationDay: Double?

    // Baseline covariates.
    public let baselineScore: Double
    public let baselineBand: String
    public let remission: Bool
    public let diagnosis: Diagnosis
    public let priorTreatmentsFailed: Int?
    public let suicidalItemBaseline: Int?
    public let ageYears: Double?
    public let sex: Sex?
    public let site: String?

    // Outcomes, from time zero.
    /// Event-time form: days to relapse or censoring.
    public let days: Double
    public let event: Bool
    /// Interval form: relapse in (left, right]; right nil when censored at left.
    public let intervalLeft: Double
    public let intervalRight: Double?
    /// Days from time zero to the patient's last record (the observation window of the infusion count).
    public let observedDays: Double
    /// Infusions of any phase in (0, observedDays].
    public let infusionsAfterTimeZero: Int
    /// Days of maintenance sessions after time zero.
    public let maintenanceSessionDays: [Double]

    /// The value of a numeric covariate (nil when not recorded).
    public func number(_ c: StrategyCovariate) -> Double? {
        switch c {
        case .baselineScore: return baselineScore
        case .remission: return remission ? 1 : 0
        case .priorTreatmentsFailed: return priorTreatmentsFailed.map(Double.init)
        case .suicidalItemBaseline: return suicidalItemBaseline.map(Double.init)
        case .age: return ageYears
        case .baselineSeverityBand, .diagnosis, .sex, .site: return nil
        }
    }

    /// The level of a categorical covariate ("not recorded" for a blank).
    public func category(_ c: StrategyCovariate) -> String {
        switch c {
        case .baselineSeverityBand: return baselineBand
        case .diagnosis: return diagnosis.rawValue
        case .sex: return sex?.rawValue ?? "not recorded"
        case .site: return site ?? "not recorded"
        default: return number(c).map { "\($0)" } ?? "not recorded"
        }
    }

    /// The first numeric covariate of `covariates` that is not recorded, if any.
    public func missing(_ covariates: [StrategyCovariate]) -> StrategyCovariate? {
        covariates.first { !$0.isCategorical && number($0) == nil }
    }
}
