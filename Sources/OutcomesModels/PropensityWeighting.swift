import Foundation
import OutcomesLinearAlgebra

/// The population the weights target.
public enum WeightingEstimand: String, Sendable, CaseIterable {
    /// Average treatment effect: treated 1/e, controls 1/(1 − e).
    case ate
    /// Average treatment effect on the treated: treated 1, controls e/(1 − e).
    case att
}

/// Settings of propensity-score weighting.
public struct WeightingOptions: Sendable {
    public var estimand: WeightingEstimand = .ate
    /// Multiply ATE weights by the marginal probability of the group received (stabilized weights).
    public var stabilize = false
    /// Truncate weights above this quantile (e.g. 0.99), as WeightIt's trim(at =): R's type-7 quantile over the
    /// weights that are not fixed at 1 (all weights for ATE, the controls' for ATT).
    public var trimQuantile: Double? = nil
    public init() {}
}

/// One row of the balance table.
public struct BalanceRow: Sendable {
    public let covariate: String
    public let binary: Bool
    public let smdBefore: Double
    public let smdAfter: Double
    /// Variance ratio treated / control of the unbiased weighted variances (nil for a binary covariate, as cobalt).
    public let varianceRatioBefore: Double?
    public let varianceRatioAfter: Double?
}

/// A covariate of the balance table: numeric values in row order, or a categorical covariate as each row's level
/// index (one balance row per level, for its indicator, computed without forming the indicator columns).
public enum BalanceCovariate: Sendable {
    case numeric(String, [Double])
    case categorical(String, levels: [String], codes: [Int])
}

/// Effective sample size of one group, Kish's (Σw)² / Σw².
public struct EffectiveSampleSize: Sendable {
    public let group: String
    public let n: Int
    public let ess: Double
}

/// Propensity scores, weights, balance and effective sample sizes.
public struct PropensityWeights: Sendable {
    /// The propensity model's coefficients and fit; nil when it was fitted for its probabilities only
    /// (``PropensityWeighting/fit(dense:denseNames:group:groupLevels:groupName:treated:balance:groupLabels:options:)``).
    public let propensityModel: GLMFit?
    public let scores: [Double]
    public let weights: [Double]
    public let balance: [BalanceRow]
    /// Control group first, then treated.
    public let effectiveSampleSize: [EffectiveSampleSize]
    public let trimmedAt: Double?
    public let trimmedCount: Int
    public let notes: [String]
}

/// Inverse-probability-of-treatment weighting from a logistic propensity model (generic: any binary treatment).
public enum PropensityWeighting {
    /// - Parameters:
    ///   - design: the propensity model's design (with intercept), e.g. from `DesignMatrix`.
    ///   - balanceColumns: the covariates to balance, as (name, values) in row order (see `balanceColumns(of:table:)`).
    ///   - treated: true for the treated rows.
    public static func fit(design: Matrix, names: [String], treated: [Bool], balanceColumns: [(String, [Double])],
                           groupLabels: (control: String, treated: String) = ("0", "1"),
                           options: WeightingOptions = WeightingOptions()) throws(ModelError) -> PropensityWeights {
        let n = design.rows
        guard treated.count == n else { throw ModelError("treatment does not fit the design") }
        let n1 = treated.filter { $0 }.count, n0 = n - n1
        guard n1 > 0, n0 > 0 else { throw ModelError("both groups need rows: \(n1) treated, \(n0) control") }
        if options.stabilize && options.estimand == .att {
            throw ModelError("--stabilize applies to ATE weights; ATT weights (treated 1, controls e/(1 − e)) are used as they are")
        }
        let y = treated.map { $0 ? 1.0 : 0.0 }
        let model = try GeneralizedLinearModel.fit(design: design, names: names, y: y, options: GLMOptions(family: .binomial))
        return try weigh(scores: model.fitted, model: model, notes: model.notes.map { "propensity model: " + $0 }, treated: treated,
                         balance: balanceColumns.map { .numeric($0.0, $0.1) }, groupLabels: groupLabels, options: options)
    }

    /// The same weights with the propensity model `treated ~ dense + factor(group)` fitted by
    /// ``AbsorbedFactorLogistic`` (the group's levels solved for in closed form, so a covariate with many levels,
    /// such as a site, costs O(n) per step instead of O(n · levels²)): the probabilities are those of the model with
    /// an intercept and the group's indicators as columns; `propensityModel` is nil. An empty `balance` skips the
    /// balance table (a bootstrap replicate needs only the weights). `etaStart` starts the propensity model's
    /// iterations from that linear predictor (R's `etastart`).
    public static func fit(dense: Matrix, denseNames: [String], group: [Int], groupLevels: Int, groupName: String = "group", treated: [Bool],
                           balance: [BalanceCovariate], groupLabels: (control: String, treated: String) = ("0", "1"),
                           options: WeightingOptions = WeightingOptions(), etaStart: [Double]? = nil) throws(ModelError) -> PropensityWeights {
        let n = treated.count
        let n1 = treated.filter { $0 }.count, n0 = n - n1
        guard n1 > 0, n0 > 0 else { throw ModelError("both groups need rows: \(n1) treated, \(n0) control") }
        let model = try AbsorbedFactorLogistic.fit(dense: dense, names: denseNames, group: group, levels: groupLevels, groupName: groupName, y: treated,
                                                   etaStart: etaStart)
        var notes = model.notes
        if !model.aliased.isEmpty {
            notes.append("coefficients not defined because of singularities (aliased, as R prints NA): \(model.aliased.map { $0 < denseNames.count ? denseNames[$0] : "column \($0 + 1)" }.joined(separator: ", "))")
        }
        return try weigh(scores: model.fitted, model: nil, notes: notes.map { "propensity model: " + $0 }, treated: treated,
                         balance: balance, groupLabels: groupLabels, options: options)
    }

    /// The weights of a bootstrap replicate drawing the rows `sample` (with repeats) of `dense`, `group` and
    /// `treated`, in sample order: as ``fit(dense:denseNames:group:groupLevels:groupName:treated:balance:groupLabels:options:etaStart:)``
    /// on the resampled rows, with the propensity model fitted once per distinct row weighted by its copies (the
    /// same maximum in about two thirds of the work). `etaStart` is one starting linear predictor per row of `dense`.
    public static func resampledWeights(dense: Matrix, group: [Int], groupLevels: Int, treated: [Bool], sample: [Int],
                                        options: WeightingOptions = WeightingOptions(), etaStart: [Double]? = nil) throws(ModelError) -> [Double] {
        let rows = treated.count
        guard dense.rows == rows, group.count == rows else {
            throw ModelError("the design (\(dense.rows) rows), groups (\(group.count)) and treatment (\(rows)) differ in length")
        }
        if let bad = sample.firstIndex(where: { $0 < 0 || $0 >= rows }) {
            throw ModelError("sample position \(bad + 1) draws row \(sample[bad]), outside 0..<\(rows)")
        }
        if let etaStart, etaStart.count != rows { throw ModelError("\(etaStart.count) starting linear predictor values for \(rows) rows") }
        let n1 = sample.count { treated[$0] }, n0 = sample.count - n1
        guard n1 > 0, n0 > 0 else { throw ModelError("both groups need rows: \(n1) treated, \(n0) control") }
        var copies = [Int](repeating: 0, count: treated.count)
        for i in sample { copies[i] += 1 }
        let distinct = copies.indices.filter { copies[$0] > 0 }
        var position = [Int](repeating: -1, count: treated.count)
        for (k, i) in distinct.enumerated() { position[i] = k }
        let model = try AbsorbedFactorLogistic.fit(dense: dense.selecting(rows: distinct), group: distinct.map { group[$0] }, levels: groupLevels,
                                                   y: distinct.map { treated[$0] }, weights: distinct.map { Double(copies[$0]) },
                                                   etaStart: etaStart.map { start in distinct.map { start[$0] } })
        return try weigh(scores: sample.map { model.fitted[position[$0]] }, model: nil, notes: [], treated: sample.map { treated[$0] },
                         balance: [], groupLabels: ("0", "1"), options: options).weights
    }

    static func weigh(scores e: [Double], model: GLMFit?, notes modelNotes: [String], treated: [Bool], balance covariates: [BalanceCovariate],
                      groupLabels: (control: String, treated: String), options: WeightingOptions) throws(ModelError) -> PropensityWeights {
        let n = treated.count
        let n1 = treated.filter { $0 }.count
        if options.stabilize && options.estimand == .att {
            throw ModelError("--stabilize applies to ATE weights; ATT weights (treated 1, controls e/(1 − e)) are used as they are")
        }
        var notes = modelNotes
        let p1 = Double(n1) / Double(n), p0 = 1 - p1
        var w = (0..<n).map { i -> Double in
            switch options.estimand {
            case .ate: return treated[i] ? (options.stabilize ? p1 : 1) / e[i] : (options.stabilize ? p0 : 1) / (1 - e[i])
            case .att: return treated[i] ? 1 : e[i] / (1 - e[i])
            }
        }
        var trimmedAt: Double? = nil, trimmedCount = 0
        if let at = options.trimQuantile {
            guard at > 0.5 && at < 1 else { throw ModelError("--trim must lie in (0.5, 1), e.g. 0.99 for the 99th percentile; got \(at)") }
            let free = (0..<n).filter { options.estimand == .ate || !treated[$0] }
            let cut = quantile(free.map { w[$0] }, at)
            for i in free where w[i] > cut { w[i] = cut; trimmedCount += 1 }
            trimmedAt = cut
            notes.append("\(trimmedCount) weight\(trimmedCount == 1 ? "" : "s") above the \(ReportNumber.short(at * 100))th percentile (\(ReportNumber.short(cut))) truncated to it")
        }
        let balance = covariates.flatMap { covariate -> [BalanceRow] in
            switch covariate {
            case .numeric(let name, let x): return [balanceRow(name, x, treated: treated, weights: w)]
            case .categorical(let name, let levels, let codes): return levelBalanceRows(name, levels: levels, codes: codes, treated: treated, weights: w)
            }
        }
        // One pass with the weights as a constant: a nested function reading the mutable `w` boxed it, and every read
        // retained it (a bootstrap replicate's largest cost after the fit itself).
        let weights = w
        var count = [0, 0], sum = [0.0, 0.0], squares = [0.0, 0.0]
        for i in 0..<n {
            let g = treated[i] ? 1 : 0
            count[g] += 1
            sum[g] += weights[i]
            squares[g] += weights[i] * weights[i]
        }
        let ess = [false, true].map { group in
            let g = group ? 1 : 0
            return EffectiveSampleSize(group: group ? groupLabels.treated : groupLabels.control, n: count[g], ess: sum[g] * sum[g] / squares[g])
        }
        return PropensityWeights(propensityModel: model, scores: e, weights: weights, balance: balance,
                                 effectiveSampleSize: ess, trimmedAt: trimmedAt, trimmedCount: trimmedCount, notes: notes)
    }

    /// R's default (type 7) quantile.
    static func quantile(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        guard s.count > 1 else { return s.first ?? .nan }
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    static func weightedMean(_ x: [Double], _ w: [Double]) -> Double {
        zip(x, w).map(*).reduce(0, +) / w.reduce(0, +)
    }

    /// Unbiased weighted variance Σw(x − m)² · Σw / ((Σw)² − Σw²) (equal weights: the sample variance).
    static func weightedVariance(_ x: [Double], _ w: [Double]) -> Double {
        let m = weightedMean(x, w), s = w.reduce(0, +), s2 = w.reduce(0) { $0 + $1 * $1 }
        return zip(x, w).map { $1 * ($0 - m) * ($0 - m) }.reduce(0, +) * s / (s * s - s2)
    }

    /// SMD = (weighted mean treated − weighted mean control) / √((s²₁ + s²₀)/2) with the unweighted variances
    /// (p(1 − p) for a 0/1 covariate, as cobalt); variance ratio of the unbiased weighted variances.
    static func balanceRow(_ name: String, _ x: [Double], treated: [Bool], weights w: [Double]) -> BalanceRow {
        let t = x.indices.filter { treated[$0] }, c = x.indices.filter { !treated[$0] }
        let xt = t.map { x[$0] }, xc = c.map { x[$0] }
        let ones1 = [Double](repeating: 1, count: xt.count), ones0 = [Double](repeating: 1, count: xc.count)
        let wt = t.map { w[$0] }, wc = c.map { w[$0] }
        let binary = x.allSatisfy { $0 == 0 || $0 == 1 }
        func variance(_ v: [Double], _ weights: [Double]) -> Double {
            if binary { let p = weightedMean(v, weights); return p * (1 - p) }
            return weightedVariance(v, weights)
        }
        let pooled = ((variance(xt, ones1) + variance(xc, ones0)) / 2).squareRoot()
        let before = (weightedMean(xt, ones1) - weightedMean(xc, ones0)) / pooled
        let after = (weightedMean(xt, wt) - weightedMean(xc, wc)) / pooled
        return BalanceRow(covariate: name, binary: binary, smdBefore: before, smdAfter: after,
                          varianceRatioBefore: binary ? nil : weightedVariance(xt, ones1) / weightedVariance(xc, ones0),
                          varianceRatioAfter: binary ? nil : weightedVariance(xt, wt) / weightedVariance(xc, wc))
    }

    /// ``balanceRow(_:_:treated:weights:)`` of each level's indicator, from one pass over the rows: the same sums in
    /// the same order (an indicator's zero terms add nothing), so the same values to the bit.
    static func levelBalanceRows(_ name: String, levels: [String], codes: [Int], treated: [Bool], weights w: [Double]) -> [BalanceRow] {
        let l = levels.count
        var weighted = [[Double]](repeating: [Double](repeating: 0, count: l), count: 2)
        var counted = [[Double]](repeating: [Double](repeating: 0, count: l), count: 2)
        var totalWeight = [0.0, 0.0], totalCount = [0.0, 0.0]
        for i in codes.indices {
            let g = treated[i] ? 1 : 0
            weighted[g][codes[i]] += w[i]
            counted[g][codes[i]] += 1
            totalWeight[g] += w[i]
            totalCount[g] += 1
        }
        return levels.indices.map { k in
            let pt = counted[1][k] / totalCount[1], pc = counted[0][k] / totalCount[0]
            let pooled = ((pt * (1 - pt) + pc * (1 - pc)) / 2).squareRoot()
            let after = (weighted[1][k] / totalWeight[1] - weighted[0][k] / totalWeight[0]) / pooled
            return BalanceRow(covariate: "\(name)_\(levels[k])", binary: true, smdBefore: (pt - pc) / pooled, smdAfter: after,
                              varianceRatioBefore: nil, varianceRatioAfter: nil)
        }
    }

    /// The covariates to balance: the design's columns, except that a categorical main effect contributes an
    /// indicator for every level, its reference included (as cobalt lists factor levels).
    public static func balanceColumns(of design: DesignMatrix) -> [(String, [Double])] {
        var out: [(String, [Double])] = []
        var done = Set<String>()
        for j in 1..<design.names.count {
            let parts = design.columnParts[j]
            if parts.count == 1, let level = parts[0].level {
                let variable = parts[0].variable
                guard !done.contains(variable), let levels = design.levels[variable] else { continue }
                done.insert(variable)
                let block = (1..<design.names.count).filter { design.columnParts[$0].count == 1 && design.columnParts[$0][0].variable == variable }
                let columns = block.map { design.matrix.column($0) }
                let reference = (0..<design.matrix.rows).map { i in 1 - columns.reduce(0) { $0 + $1[i] } }
                out.append((variable + levels[0], reference))
                for (k, b) in block.enumerated() { out.append((design.names[b], columns[k])) }
                _ = level
            } else {
                out.append((design.names[j], design.matrix.column(j)))
            }
        }
        return out
    }
}

/// Short number formatting for notes (six significant digits).
enum ReportNumber {
    static func short(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.6g", x)
    }
}
