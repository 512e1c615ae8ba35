/// Rapid effect on the suicidal-thoughts item for one patient and scale.
///
/// The index infusion is the patient's first infusion whose pre-infusion score (the last usable score of the
/// scale at or before the infusion's start, at most 24 hours before) has the suicidal item at or above the
/// plan's positive cut-off. For each window, the outcome is read from the latest score in
/// (start, start + window]: resolved when the item is at or below the plan's resolved cut-off. A patient with
/// no score in a window is "not assessed" for it and is left out of that window's denominator, never counted
/// as resolved. The item is a risk marker with low positive predictive value (Simon et al. 2013); resolution
/// is not proof that suicidal thinking ended.
public struct SuicidalItemResolution: Sendable, Equatable {
    public let patientID: String
    public let diagnosis: Diagnosis
    public let scale: Scale
    public let infusionTime: Double
    public let infusionSource: SourceLine
    public let preInfusionItem: Int
    /// One outcome per window, in the plan's order (primary window first).
    public let outcomes: [WindowOutcome]

    /// Outcome at one window.
    public struct WindowOutcome: Sendable, Equatable {
        public let windowMinutes: Double
        /// nil when not assessed within the window.
        public let resolved: Bool?
        public let item: Int?
        public let source: SourceLine?
    }

    /// The outcome for a window length, when that window was evaluated.
    public func outcome(windowMinutes: Double) -> WindowOutcome? {
        outcomes.first { $0.windowMinutes == windowMinutes }
    }
}

enum SuicidalItemBuilder {
    static func resolution(patient: PatientTimeline, scale: Scale, scores: [UsableScore], plan: AnalysisPlan) -> SuicidalItemResolution? {
        let rules = plan.rules(for: scale)
        let positiveAt = rules.suicidalPositiveAtLeast, resolvedAt = rules.suicidalResolvedAtMost
        let withItem = scores.filter { $0.record.suicidalItem != nil }
        var windows = [plan.suicidalWindowMinutes]
        for w in plan.suicidalReportWindowsMinutes where !windows.contains(w) { windows.append(w) }
        for infusion in patient.infusions {
            guard let pre = withItem.last(where: { $0.time <= infusion.time && $0.time >= infusion.time - 86_400 }),
                  let item = pre.record.suicidalItem, item >= positiveAt else { continue }
            let outcomes = windows.map { w -> SuicidalItemResolution.WindowOutcome in
                let post = withItem.last { $0.time > infusion.time && $0.time <= infusion.time + w * 60 }
                guard let post, let v = post.record.suicidalItem else {
                    return .init(windowMinutes: w, resolved: nil, item: nil, source: nil)
                }
                return .init(windowMinutes: w, resolved: v <= resolvedAt, item: v, source: post.record.source)
            }
            return SuicidalItemResolution(patientID: patient.patientID, diagnosis: patient.diagnosis, scale: scale,
                                          infusionTime: infusion.time, infusionSource: infusion.source,
                                          preInfusionItem: item, outcomes: outcomes)
        }
        return nil
    }
}
