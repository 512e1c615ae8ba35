import Foundation

/// The right-hand side of an R model formula without the response: main effects, interactions `a:b` and
/// crossings `a*b` (= `a + b + a:b`), separated by commas or `+`.
public struct ModelTerms: Sendable, Equatable {
    /// Variables in order of first appearance (R orders the variables of an interaction this way).
    public let variables: [String]
    /// Terms as sets of variable indices, ordered as R's `terms()`: by degree, then by first appearance.
    public let terms: [[Int]]

    /// Parses a covariate list such as `"age, sex*arm, visit:arm"`.
    public init(parsing list: String) throws(ModelError) {
        var variables: [String] = []
        var collected: [[Int]] = []
        func index(_ name: String) -> Int {
            if let i = variables.firstIndex(of: name) { return i }
            variables.append(name)
            return variables.count - 1
        }
        let items = list.split(whereSeparator: { $0 == "," || $0 == "+" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for item in items {
            // a*b:c is a + b:c + a:b:c: each '*' factor is a ':'-product; every non-empty subset of factors is a term.
            var factors: [[Int]] = []
            for factor in item.split(separator: "*", omittingEmptySubsequences: false) {
                let names = factor.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard !names.contains(where: \.isEmpty) else { throw ModelError("covariate list: '\(item)' has an empty name") }
                factors.append(names.map(index))
            }
            for mask in 1..<(1 << factors.count) {
                var term: [Int] = []
                for (k, f) in factors.enumerated() where mask & (1 << k) != 0 {
                    for v in f where !term.contains(v) { term.append(v) }
                }
                collected.append(term.sorted())
            }
        }
        var unique: [[Int]] = []
        for t in collected where !unique.contains(t) { unique.append(t) }
        // Stable sort by degree keeps first appearance within a degree, as R's terms.formula.
        terms = unique.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
        self.variables = variables
    }

    /// R's label of term `k`, e.g. `visit:arm`.
    public func label(_ k: Int) -> String { terms[k].map { variables[$0] }.joined(separator: ":") }
}

