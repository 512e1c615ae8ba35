import OutcomesLinearAlgebra

/// A covariate the propensity model of the strategy comparison may use (plan `strategy.covariates`).
public enum StrategyCovariate: String, CaseIterable, Sendable {
    /// Baseline total of the comparison's scale before the first induction infusion (numeric).
    case baselineScore = "baseline_score"
    /// The published severity band of that total (categorical), instead of or beside the total.
    case baselineSeverityBand = "baseline_severity_band"
    /// Remission (not only response) at the end of induction (0/1).
    case remission
    case diagnosis
    case priorTreatmentsFailed = "prior_treatments_failed"
    /// The scale's suicidal item at baseline (numeric).
    case suicidalItemBaseline = "suicidal_item_baseline"
    case age
    /// Sex; a blank is its own level ("not recorded").
    case sex
    /// Site; a blank is its own level ("not recorded").
    case site

    /// The issue's list: baseline severity, remission vs response, diagnosis, prior failed treatments, suicidal
    /// item at baseline, age, sex and site.
    public static let defaults: [StrategyCovariate] = [.baselineScore, .remission, .diagnosis, .priorTreatmentsFailed,
                                                       .suicidalItemBaseline, .age, .sex, .site]

    /// Whether the covariate is categorical (indicator columns against its first level in sorted order, as R).
    public var isCategorical: Bool { [.baselineSeverityBand, .diagnosis, .sex, .site].contains(self) }
}

/// The design of a propensity model over participants: intercept, numeric columns and indicators.
public struct StrategyDesign: Sendable {
    /// n × (1 + p), intercept first.
    public let matrix: Matrix
    public let names: [String]
    /// Every covariate as balanced: numeric columns as they are, and one indicator per level of a categorical
    /// covariate, its reference included (as cobalt lists factor levels).
    public let balanceColumns: [(String, [Double])]

    /// Builds the design; participants must have every numeric covariate (see ``StrategyParticipant/missing(_:)``).
    public init(_ participants: [StrategyParticipant], covariates: [StrategyCovariate]) {
        var columns: [(String, [Double])] = []
        var balance: [(String, [Double])] = []
        for c in covariates {
            if c.isCategorical {
                let values = participants.map { $0.category(c) }
                let levels = Array(Set(values)).sorted()
                guard levels.count > 1 else {
                    balance.append(("\(c.rawValue)_\(levels.first ?? "-")", values.map { _ in 1 }))
                    continue
                }
                balance.append(("\(c.rawValue)_\(levels[0])", values.map { $0 == levels[0] ? 1 : 0 }))
                for level in levels.dropFirst() {
                    let column = values.map { $0 == level ? 1.0 : 0.0 }
                    columns.append(("\(c.rawValue)_\(level)", column))
                    balance.append(("\(c.rawValue)_\(level)", column))
                }
            } else {
                let column = participants.map { $0.number(c) ?? .nan }
                columns.append((c.rawValue, column))
                balance.append((c.rawValue, column))
            }
        }
        var m = Matrix(rows: participants.count, columns: columns.count + 1, repeating: 1)
        for (j, col) in columns.enumerated() { for i in 0..<participants.count { m[i, j + 1] = col.1[i] } }
        matrix = m
        names = ["(Intercept)"] + columns.map(\.0)
        balanceColumns = balance
    }
}
