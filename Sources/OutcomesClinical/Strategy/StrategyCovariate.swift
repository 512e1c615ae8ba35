import OutcomesLinearAlgebra
import OutcomesModels

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

    /// The list: baseline severity, remission vs response, diagnosis, prior failed treatments, suicidal
    /// item at baseline, age, sex and site.
    public static let defaults: [StrategyCovariate] = [.baselineScore, .remission, .diagnosis, .priorTreatmentsFailed,
                                                       .suicidalItemBaseline, .age, .sex, .site]

    /// Whether the covariate is categorical (indicator columns against its first level in sorted order, as R).
    public var isCategorical: Bool { [.baselineSeverityBand, .diagnosis, .sex, .site].contains(self) }
}

/// The design of a propensity model over participants: intercept, numeric columns and indicators.
///
/// It is held as dense columns plus the categorical covariate with the most levels (usually the site) as level
/// codes, which the propensity fit absorbs (``PropensityWeighting/fit(dense:denseNames:group:groupLevels:groupName:treated:balance:groupLabels:options:)``);
/// the full treatment-coded matrix is built only when asked for.
public struct StrategyDesign: Sendable {
    /// Columns other than the intercept and the absorbed covariate's indicators, n × q.
    public let dense: Matrix
    public let denseNames: [String]
    /// The absorbed covariate: each participant's level index into `groupLevels` (sorted); one level named "(all)"
    /// when no categorical covariate has two levels (the intercept alone).
    public let group: [Int]
    public let groupLevels: [String]
    public let groupCovariate: StrategyCovariate?
    /// The absorbed covariate's name for notes ("intercept" when there is none).
    public var groupName: String { groupCovariate?.rawValue ?? "intercept" }

    private enum Column: Sendable { case dense(Int), level(Int) }
    /// The full design's columns after the intercept, in the covariates' order.
    private let layout: [Column]
    /// Per covariate: numeric column, or (categorical name, levels, codes).
    private let balanceLayout: [(String, [String]?, [Int]?, Int?)]

    /// Builds the design; participants must have every numeric covariate (see ``StrategyParticipant/missing(_:)``).
    public init(_ participants: [StrategyParticipant], covariates: [StrategyCovariate]) {
        var categorical: [StrategyCovariate: (levels: [String], codes: [Int])] = [:]
        for c in covariates where c.isCategorical {
            let values = participants.map { $0.category(c) }
            let levels = Array(Set(values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            categorical[c] = (levels, values.map { index[$0]! })
        }
        let absorbed = covariates.filter { ($0.isCategorical && categorical[$0]!.levels.count > 1) }
            .max { categorical[$0]!.levels.count < categorical[$1]!.levels.count }
        var columns: [(String, [Double])] = []
        var layout: [Column] = []
        var balanceLayout: [(String, [String]?, [Int]?, Int?)] = []
        for c in covariates {
            if let (levels, codes) = categorical[c] {
                balanceLayout.append((c.rawValue, levels, codes, nil))
                guard levels.count > 1 else { continue }
                for k in 1..<levels.count {
                    if c == absorbed { layout.append(.level(k)); continue }
                    layout.append(.dense(columns.count))
                    columns.append(("\(c.rawValue)_\(levels[k])", codes.map { $0 == k ? 1.0 : 0.0 }))
                }
            } else {
                balanceLayout.append((c.rawValue, nil, nil, columns.count))
                layout.append(.dense(columns.count))
                columns.append((c.rawValue, participants.map { $0.number(c) ?? .nan }))
            }
        }
        let n = participants.count
        var m = Matrix(rows: n, columns: columns.count)
        for (j, col) in columns.enumerated() { for i in 0..<n { m[i, j] = col.1[i] } }
        dense = m
        denseNames = columns.map(\.0)
        if let absorbed, let (levels, codes) = categorical[absorbed] {
            group = codes; groupLevels = levels; groupCovariate = absorbed
        } else {
            group = [Int](repeating: 0, count: n); groupLevels = ["(all)"]; groupCovariate = nil
        }
        self.layout = layout
        self.balanceLayout = balanceLayout
    }

    /// n × (1 + p): intercept, then every covariate's columns in order, a categorical one as indicators against its
    /// first level in sorted order (as R).
    public var matrix: Matrix {
        let n = dense.rows
        var m = Matrix(rows: n, columns: layout.count + 1, repeating: 1)
        for (j, column) in layout.enumerated() {
            switch column {
            case .dense(let k): for i in 0..<n { m[i, j + 1] = dense[i, k] }
            case .level(let k): for i in 0..<n { m[i, j + 1] = group[i] == k ? 1 : 0 }
            }
        }
        return m
    }

    public var names: [String] {
        ["(Intercept)"] + layout.map { column in
            switch column {
            case .dense(let k): return denseNames[k]
            case .level(let k): return "\(groupCovariate!.rawValue)_\(groupLevels[k])"
            }
        }
    }

    /// The covariates to balance, a categorical one as level codes (``balanceColumns`` as the balance table needs them).
    public var balanceCovariates: [BalanceCovariate] {
        balanceLayout.compactMap { name, levels, codes, column -> BalanceCovariate? in
            if let levels, let codes { return .categorical(name, levels: levels, codes: codes) }
            return column.map { .numeric(name, dense.column($0)) }
        }
    }

    /// Every covariate as balanced: numeric columns as they are, and one indicator per level of a categorical
    /// covariate, its reference included (as cobalt lists factor levels).
    public var balanceColumns: [(String, [Double])] {
        var out: [(String, [Double])] = []
        for (name, levels, codes, column) in balanceLayout {
            if let levels, let codes {
                for (k, level) in levels.enumerated() { out.append(("\(name)_\(level)", codes.map { $0 == k ? 1.0 : 0.0 })) }
            } else if let column {
                out.append((name, dense.column(column)))
            }
        }
        return out
    }
}
