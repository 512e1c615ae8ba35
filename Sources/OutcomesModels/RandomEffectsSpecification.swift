import Foundation

/// A random-effects term in lme4's notation without the parentheses: `1 + week | id`, `week | id` (the
/// intercept is implied), `0 + week | id` (no random intercept).
public struct RandomEffectsSpecification: Sendable, Equatable {
    /// The covariate list of the random effects (without `1`, `0` or `-1`).
    public let covariates: String
    /// Whether the random effects include an intercept.
    public let intercept: Bool
    /// The grouping column.
    public let group: String

    public init(parsing text: String) throws(ModelError) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[1].isEmpty, !parts[0].isEmpty else {
            throw ModelError("--random must look like '1+week|id' (terms | group), got '\(text)'")
        }
        group = parts[1]
        var intercept = true
        var rest: [String] = []
        for item in parts[0].replacingOccurrences(of: "-1", with: "+0").split(whereSeparator: { $0 == "+" || $0 == "," }) {
            let t = item.trimmingCharacters(in: .whitespaces)
            switch t {
            case "1": intercept = true
            case "0": intercept = false
            case "": continue
            default: rest.append(t)
            }
        }
        guard intercept || !rest.isEmpty else { throw ModelError("--random '\(text)' has no random effect") }
        self.intercept = intercept
        covariates = rest.joined(separator: ", ")
    }
}
