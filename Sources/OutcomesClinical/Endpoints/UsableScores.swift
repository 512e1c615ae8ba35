/// A scored assessment the plan's missing-item rule accepts.
public struct UsableScore: Sendable, Equatable {
    public let record: ScoreRecord
    /// The total used (recorded, summed or prorated).
    public let total: Double
    public let prorated: Bool
    public var time: Double { record.time }
}

/// An assessment that could not be scored, kept for the exclusion list.
public struct UnusableScore: Sendable, Equatable {
    public let record: ScoreRecord
    public let reason: String
}

extension PatientTimeline {
    /// This patient's scores of one scale, split into usable and unusable under the plan.
    public func scores(of scale: Scale, plan: AnalysisPlan) -> (usable: [UsableScore], unusable: [UnusableScore]) {
        let maxProrated = plan.rules(for: scale).maxProratedItems
        var usable: [UsableScore] = []
        var unusable: [UnusableScore] = []
        for r in scores where r.scale == scale {
            switch scale.score(total: r.total, itemScores: r.itemScores, maxProrated: maxProrated) {
            case .observed(let v): usable.append(.init(record: r, total: v, prorated: false))
            case .prorated(let v, _): usable.append(.init(record: r, total: v, prorated: true))
            case .unusable(let why): unusable.append(.init(record: r, reason: why))
            }
        }
        return (usable, unusable)
    }
}
