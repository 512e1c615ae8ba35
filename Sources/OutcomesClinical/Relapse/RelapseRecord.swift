/// Which rule ended a relapse follow-up.
public enum RelapseOutcome: String, Sendable, Equatable {
    /// k consecutive scores at or above the threshold (the event time is the first of them: the onset).
    case scoreThreshold = "score_threshold"
    /// The start of a re-induction series.
    case reinduction
    /// Followed to the last usable score without relapse.
    case censored
}

/// Time to relapse for one responder at the end of the first induction series, on one scale.
///
/// Time zero is the last infusion of the induction series. Relapse is `relapse.consecutive` consecutive
/// usable scores at or above the scale's threshold, each at most `relapse.max_days_apart` days after the
/// previous one and the last at least `relapse.min_days_apart` days after the first (SUSTAIN-1), or the
/// start of a re-induction series when `relapse.reinduction_is_relapse`, whichever comes first. Otherwise the
/// follow-up is censored at the last usable score. Times are in days. Each record carries both the event-time
/// form (`days`, `event`) and the interval form (`intervalLeftDays`, `intervalRightDays`).
///
/// There is deliberately no "had maintenance before the event" flag: it is only known at the end of
/// follow-up, so a model on it credits maintenance with the time a patient had to survive to receive it
/// (immortal time bias). Maintenance exposure is in the counting-process form (``RelapseInterval``).
public struct RelapseRecord: Sendable, Equatable {
    public let patientID: String
    public let diagnosis: Diagnosis
    public let strategy: TreatmentStrategy?
    public let scale: Scale
    /// Time zero (seconds): the last infusion of the induction series.
    public let origin: Double
    /// Days from time zero to the event or censoring.
    public let days: Double
    /// 1 for relapse, 0 for censored.
    public var event: Int { outcome == .censored ? 0 : 1 }
    public let outcome: RelapseOutcome
    /// The record that decided the outcome (first qualifying score, re-induction infusion, or last score).
    public let source: SourceLine
    /// Interval form, left end (days): the last usable score below the threshold before the relapse (0, time
    /// zero, when there is none); without a relapse, the censoring time.
    public let intervalLeftDays: Double
    /// Interval form, right end (days): the first of `relapse.consecutive` scores in a row at or above the
    /// threshold, however far apart (or the re-induction start when no high score came before it); nil
    /// (infinity) when censored. The relapse lies in (left, right]: what an interval-censored estimate
    /// (Turnbull; survreg with `Surv(left, right, type = "interval2")`) uses when visits are too far apart
    /// for the confirmation window. Its confirmation ignores `relapse.max_days_apart`, so it can record a
    /// relapse the event-time form censors.
    public let intervalRightDays: Double?
    /// Days between consecutive usable scores of the scale from time zero to the end of this follow-up (the
    /// first gap from time zero itself): how densely relapse could be observed.
    public let assessmentGapsDays: [Double]
}

/// One interval of the counting-process form: (start, stop] in days with the maintenance covariate constant.
public struct RelapseInterval: Sendable, Equatable {
    public let patientID: String
    public let scale: Scale
    public let start: Double
    public let stop: Double
    /// 1 when the interval ends in relapse.
    public let event: Int
    /// 1 when a maintenance infusion fell within the plan's exposure window before this interval.
    public let onMaintenance: Int
}
