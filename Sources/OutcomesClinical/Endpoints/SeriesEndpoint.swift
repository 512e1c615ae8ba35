/// Response, remission and change for one patient, one series and one scale.
///
/// Baseline is the last usable score at or before the series' first infusion and at most
/// `windows.baseline_days_before` days before it. End of series is the first usable score from
/// `windows.end_of_series_min_hours_after` hours after the last infusion's start up to
/// `windows.end_of_series_days_after` days after it. Percent change is
/// 100 × (end − baseline) / baseline, undefined when the baseline is 0.
public struct SeriesEndpoint: Sendable, Equatable {
    public let patientID: String
    public let diagnosis: Diagnosis
    public let strategy: TreatmentStrategy?
    public let series: InfusionSeries
    public let scale: Scale
    public let baseline: UsableScore?
    public let endOfSeries: UsableScore?

    /// end − baseline, when both exist.
    public var change: Double? {
        guard let b = baseline, let e = endOfSeries else { return nil }
        return e.total - b.total
    }
    /// Percent change from baseline; nil when either score is missing or the baseline is 0.
    public var percentChange: Double? {
        guard let b = baseline, let c = change, b.total > 0 else { return nil }
        return 100 * c / b.total
    }
    /// ≥ plan's response reduction from baseline.
    public let response: Bool?
    /// ≥ partial cut-off and below the response cut-off.
    public let partialResponse: Bool?
    /// End-of-series score within the scale's remission rule.
    public let remission: Bool?
    /// Days from the series' first infusion to the first usable score meeting the response rule, within the
    /// end-of-series window; nil when none does.
    public let daysToFirstResponse: Double?
    /// Why the endpoint could not be computed; nil when it was.
    public let exclusion: String?
}

enum SeriesEndpointBuilder {
    static func endpoint(patient: PatientTimeline, series: InfusionSeries, scale: Scale,
                         scores: [UsableScore], plan: AnalysisPlan) -> SeriesEndpoint {
        let day = 86_400.0
        let baseline = scores.last { $0.time <= series.start && $0.time >= series.start - plan.baselineWindowDays * day }
        let windowEnd = series.end + plan.endOfSeriesWindowDays * day
        let endFrom = series.end + plan.endOfSeriesMinimumHours * 3600
        let end = scores.first { $0.time >= endFrom && $0.time <= windowEnd }
        var exclusion: String?
        var response: Bool?, partial: Bool?, remission: Bool?
        var firstResponse: Double?
        if baseline == nil {
            exclusion = "no \(scale.id) score within \(PlanNumber.format(plan.baselineWindowDays)) days before the first infusion"
        } else if end == nil {
            exclusion = "no \(scale.id) score within \(PlanNumber.format(plan.endOfSeriesWindowDays)) days after the last infusion"
        }
        let rules = plan.rules(for: scale)
        if let b = baseline, let e = end {
            if b.total == 0 {
                // Nothing to respond or remit from: the endpoint is out of all three rates (one denominator).
                exclusion = "baseline \(scale.id) is 0: percent change undefined"
            } else {
                remission = rules.isRemission(e.total)
                response = rules.isResponse(baseline: b.total, score: e.total)
                partial = rules.isPartialResponse(baseline: b.total, score: e.total)
            }
        }
        if let b = baseline, b.total > 0 {
            if let hit = scores.first(where: { $0.time > series.start && $0.time <= windowEnd && rules.isResponse(baseline: b.total, score: $0.total) }) {
                firstResponse = (hit.time - series.start) / day
            }
        }
        return SeriesEndpoint(patientID: patient.patientID, diagnosis: patient.diagnosis, strategy: patient.strategy,
                              series: series, scale: scale, baseline: baseline, endOfSeries: end,
                              response: response, partialResponse: partial, remission: remission,
                              daysToFirstResponse: firstResponse, exclusion: exclusion)
    }
}
