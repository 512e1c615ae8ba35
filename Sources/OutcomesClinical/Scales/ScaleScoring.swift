/// The total of one assessment, or why there is none.
public enum ScoredTotal: Equatable, Sendable {
    /// Total as recorded, or the sum of complete items.
    case observed(Double)
    /// Total prorated from the present items (mean of present items × item count).
    case prorated(Double, missingItems: Int)
    /// Not usable under the plan's missing-item rule.
    case unusable(reason: String)

    /// The value, when usable.
    public var value: Double? {
        switch self {
        case .observed(let v), .prorated(let v, _): return v
        case .unusable: return nil
        }
    }
}

extension Scale {
    /// Scores one assessment. A recorded total wins; otherwise complete items are summed; otherwise up to
    /// `maxProrated` missing items are prorated, but never the suicidal item (a risk marker is not imputed).
    public func score(total: Double?, itemScores: ItemScores, maxProrated: Int) -> ScoredTotal {
        if let total { return .observed(total) }
        return score(total: nil, items: itemScores.scores(count: itemCount), maxProrated: maxProrated)
    }

    /// As ``score(total:itemScores:maxProrated:)``, from a list of items 1…n (nil when blank).
    public func score(total: Double?, items: [Int?], maxProrated: Int) -> ScoredTotal {
        if let total { return .observed(total) }
        let own = Array(items.prefix(itemCount)) + Array(repeating: nil, count: max(0, itemCount - items.count))
        let present = own.compactMap { $0 }
        let missing = itemCount - present.count
        if missing == 0 { return .observed(Double(present.reduce(0, +))) }
        if own[suicidalItem - 1] == nil {
            return .unusable(reason: "item \(suicidalItem) (suicidal thoughts) missing; never prorated")
        }
        if missing > maxProrated {
            return .unusable(reason: "\(missing) item(s) missing; the plan prorates at most \(maxProrated)")
        }
        let mean = Double(present.reduce(0, +)) / Double(present.count)
        return .prorated((mean * Double(itemCount)).rounded(), missingItems: missing)
    }
}
