import Foundation
import Yams

/// A claims file that cannot be used; names the file, line, claim and key.
public struct ClaimsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String
    public var description: String { (line.map { "\(file):\($0)" } ?? file) + ": " + message }
}

/// Reads claims files (YAML): a top-level `claims:` list, each with `id`, `text`, `source`, optional
/// `interpretation`, and a `check` mapping whose `kind` selects the other keys.
///
/// Diagnoses (`diagnoses`, `group_a`, `group_b`), the scale (`instrument`) and strategies (`better`, `than`)
/// accept exactly the spellings the dataset reader accepts in the data files, ignoring case (for example
/// `MDD`, `major depressive disorder`, `bipolar disorder`, `PHQ9`, `as-needed`); anything else is an error
/// naming the file, line, key, value and the accepted spellings.
public enum ClaimsFile {
    /// Reads a claims file from disk.
    public static func load(path: String) throws(ClaimsFileError) -> [Claim] {
        let text: String
        switch YAMLLimits.readText(path, what: "the claims file") {
        case .success(let t): text = t
        case .failure(let e): throw ClaimsFileError(file: path, line: nil, message: e.message)
        }
        return try parse(text, file: path)
    }

    /// Parses claims from YAML text.
    public static func parse(_ text: String, file: String = "<string>") throws(ClaimsFileError) -> [Claim] {
        if let problem = YAMLLimits.sizeProblem(text) { throw ClaimsFileError(file: file, line: nil, message: problem) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ClaimsFileError(file: file, line: nil, message: "not valid YAML: \(error)")
        }
        guard let list = root?.mapping?["claims"], case .sequence(let items) = list else {
            throw ClaimsFileError(file: file, line: root?.mark?.line, message: "expected a top-level 'claims:' list")
        }
        if items.count > YAMLLimits.maximumClaims {
            throw ClaimsFileError(file: file, line: list.mark?.line, message: "\(items.count) claims; the limit for one claims file is \(YAMLLimits.maximumClaims)")
        }
        var claims: [Claim] = []
        var seen = Set<String>()
        for item in items {
            let r = Reader(node: item, file: file, context: "claim")
            let id = try r.string("id")
            guard seen.insert(id).inserted else { throw r.error("duplicate claim id '\(id)'") }
            let checkNode = try r.node("check")
            let c = Reader(node: checkNode, file: file, context: "claim '\(id)' check")
            claims.append(Claim(id: id, text: try r.string("text"), source: try r.string("source"),
                                interpretation: try r.optionalString("interpretation"), check: try check(c),
                                line: item.mark?.line))
            try r.rejectUnknown(["id", "text", "source", "interpretation", "check"])
        }
        return claims
    }

    private static func check(_ c: Reader) throws(ClaimsFileError) -> ClaimCheck {
        let kind = try c.string("kind")
        switch kind {
        case "proportion":
            try c.rejectUnknown(["kind", "metric", "instrument", "diagnoses", "prior_treatments_failed_at_least", "claimed", "direction",
                                 "tolerance", "window_minutes"])
            let metric = try c.choice("metric", ProportionMetric.self)
            let claimed = try c.number("claimed", in: 0...1)
            let dirText = try c.string("direction")
            let direction: ClaimDirection
            switch dirText {
            case "at_least": direction = .atLeast
            case "at_most": direction = .atMost
            case "about": direction = .about(tolerance: try c.number("tolerance", in: 0...1))
            default: throw c.error("'direction' is '\(dirText)'; allowed: at_least, at_most, about")
            }
            var population = try population(c)
            if let minimum = try c.optionalNumber("prior_treatments_failed_at_least", in: 0...100) {
                guard minimum == minimum.rounded() else { throw c.error("'prior_treatments_failed_at_least' is \(minimum); it counts treatments, so write a whole number") }
                population.priorTreatmentsFailedAtLeast = Int(minimum)
            }
            return .proportion(metric: metric, population: population, claimed: claimed, direction: direction,
                               windowMinutes: try c.optionalNumber("window_minutes", in: 1...10080))
        case "range":
            try c.rejectUnknown(["kind", "metric", "instrument", "diagnoses", "low", "high"])
            let low = try c.number("low", in: 0...1e9), high = try c.number("high", in: 0...1e9)
            guard low <= high else { throw c.error("'low' (\(low)) is above 'high' (\(high))") }
            return .range(metric: try c.choice("metric", RangeMetric.self), population: try population(c), low: low, high: high)
        case "equivalence":
            try c.rejectUnknown(["kind", "metric", "instrument", "group_a", "group_b", "margin"])
            return .equivalence(metric: try c.choice("metric", ProportionMetric.self), instrument: try population(c).instrument,
                                groupA: try c.vocabularyList("group_a", Diagnosis.self, required: true) ?? [],
                                groupB: try c.vocabularyList("group_b", Diagnosis.self, required: true) ?? [],
                                margin: try c.optionalNumber("margin", in: 0.001...0.5))
        case "comparison":
            try c.rejectUnknown(["kind", "metric", "instrument", "better", "than"])
            let metric = try c.string("metric")
            guard metric == "relapse_hazard" || metric == "relapse_hazard_target_trial" else {
                throw c.error("'metric' is '\(metric)'; allowed: relapse_hazard, relapse_hazard_target_trial")
            }
            let better = try c.vocabulary("better", TreatmentStrategy.self), than = try c.vocabulary("than", TreatmentStrategy.self)
            guard better != than else { throw c.error("'better' and 'than' are both '\(better.rawValue)'; name two different strategies") }
            if metric == "relapse_hazard_target_trial" {
                return .strategyTrial(instrument: try population(c).instrument, better: better, than: than)
            }
            return .comparison(instrument: try population(c).instrument, better: better, than: than)
        case "not_checkable":
            try c.rejectUnknown(["kind", "reason"])
            return .notCheckable(reason: try c.string("reason"))
        default:
            throw c.error("'kind' is '\(kind)'; allowed: proportion, range, equivalence, comparison, not_checkable")
        }
    }

    private static func population(_ c: Reader) throws(ClaimsFileError) -> ClaimPopulation {
        var p = ClaimPopulation()
        if let d = try c.vocabularyList("diagnoses", Diagnosis.self, required: false) { p.diagnoses = d }
        if c.node.mapping?["instrument"] != nil { p.instrument = try c.vocabulary("instrument", Instrument.self).scale }
        return p
    }
}

/// Typed access to one YAML mapping, with errors that name the key and line.
private struct Reader {
    let node: Node
    let file: String
    let context: String

    func error(_ message: String) -> ClaimsFileError {
        ClaimsFileError(file: file, line: node.mark?.line, message: "\(context): \(message)")
    }
    func node(_ key: String) throws(ClaimsFileError) -> Node {
        guard let v = node.mapping?[key] else { throw error("missing '\(key)'") }
        return v
    }
    func optionalString(_ key: String) throws(ClaimsFileError) -> String? {
        guard let v = node.mapping?[key] else { return nil }
        guard let s = v.string, !s.isEmpty else { throw error("'\(key)' must be text") }
        return s
    }
    func string(_ key: String) throws(ClaimsFileError) -> String {
        guard let s = try optionalString(key) else { throw error("missing '\(key)'") }
        return s
    }
    func optionalNumber(_ key: String, in range: ClosedRange<Double>) throws(ClaimsFileError) -> Double? {
        guard let v = node.mapping?[key] else { return nil }
        guard let x = v.float ?? v.int.map(Double.init), range.contains(x) else {
            throw error("'\(key)' must be a number from \(range.lowerBound) to \(range.upperBound); got '\(v.string ?? "?")'")
        }
        return x
    }
    func number(_ key: String, in range: ClosedRange<Double>) throws(ClaimsFileError) -> Double {
        guard let x = try optionalNumber(key, in: range) else { throw error("missing '\(key)'") }
        return x
    }
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws(ClaimsFileError) -> T where T.RawValue == String {
        let s = try string(key)
        guard let v = T(rawValue: s) else {
            throw error("'\(key)' is '\(s)'; allowed: " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return v
    }
    /// One value of a dataset vocabulary, spelled as the dataset reader accepts it (case-insensitive).
    func vocabulary<T: DatasetVocabulary>(_ key: String, _: T.Type) throws(ClaimsFileError) -> T {
        guard let v = node.mapping?[key] else { throw error("missing '\(key)'") }
        guard let s = v.string else { throw error("'\(key)' must be text") }
        return try spelled(s, key: key, at: v)
    }

    /// A list of vocabulary values (duplicates dropped, order kept); nil when the key is absent and not required.
    func vocabularyList<T: DatasetVocabulary>(_ key: String, _: T.Type, required: Bool) throws(ClaimsFileError) -> [T]? {
        guard let v = node.mapping?[key] else {
            if required { throw error("missing '\(key)'") }
            return nil
        }
        guard case .sequence(let seq) = v else { throw error("'\(key)' must be a list, e.g. [MDD, bipolar]") }
        guard !seq.isEmpty else { throw error("'\(key)' is an empty list; leave the key out to include every diagnosis") }
        if let problem = YAMLLimits.listProblem(seq.count) { throw error("'\(key)' is \(problem)") }
        var out: [T] = []
        for item in seq {
            guard let s = item.string else { throw error("'\(key)' must be a list of text") }
            let value: T = try spelled(s, key: key, at: item)
            if !out.contains(value) { out.append(value) }
        }
        return out
    }

    private func spelled<T: DatasetVocabulary>(_ s: String, key: String, at valueNode: Node) throws(ClaimsFileError) -> T {
        guard let value = T.parse(s) else {
            throw ClaimsFileError(file: file, line: valueNode.mark?.line ?? node.mark?.line,
                                  message: "\(context): '\(key)' value '\(s)' is not accepted; accepted (any case): "
                                      + T.acceptedSpellings.joined(separator: ", "))
        }
        return value
    }

    func rejectUnknown(_ allowed: [String]) throws(ClaimsFileError) {
        for k in node.mapping?.keys.compactMap(\.string) ?? [] where !allowed.contains(k) {
            throw error("unknown key '\(k)'; allowed: " + allowed.joined(separator: ", "))
        }
    }
}
