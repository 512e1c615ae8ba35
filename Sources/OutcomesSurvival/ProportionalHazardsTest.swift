import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// One row of the proportional-hazards test table.
public struct ProportionalHazardsRow: Sendable, Equatable {
    /// Term name, or "GLOBAL".
    public let term: String
    /// Score statistic.
    public let chiSquare: Double
    /// Degrees of freedom (columns of the term).
    public let degreesOfFreedom: Int
    /// Upper-tail chi-square p-value.
    public let pValue: Double
}

/// The function g(t) of time against which `cox.zph` tests each coefficient (R's `transform =`).
public enum TimeTransform: String, Sendable, CaseIterable {
    /// g(t) = 1 − S(t−), S the Kaplan–Meier curve of the pooled, unweighted data (R's default).
    case km
    /// g(t) = the rank of t among the exit times of all rows (ties given their average rank), as R ranks them.
    case rank
    /// g(t) = t.
    case identity
    /// g(t) = log t.
    case log
}

/// The test of proportional hazards as R's `cox.zph(fit, transform =)` in survival ≥ 3.0: for each term a
/// score test, at the fitted β, of adding g(t)·x, with g(t) the chosen time transform centred on its mean over
/// the events; and a global test over all terms.
public struct ProportionalHazardsTest: Sendable {
    /// One row per term, then "GLOBAL".
    public let rows: [ProportionalHazardsRow]
    /// The time transform ("km", "rank", "identity" or "log").
    public let transform: String
}

extension CoxRegression {
    /// `cox.zph` for a model fitted with the same arguments. `terms` groups covariate columns into terms
    /// (for example the indicators of one categorical variable), each with a name; by default each column is
    /// its own term.
    public static func proportionalHazardsTest(covariates: Matrix, names: [String], data: SurvivalData, strata: Grouping? = nil,
                                               model: CoxModel, terms: [(name: String, columns: [Int])]? = nil,
                                               transform: TimeTransform = .km) throws(SurvivalError) -> ProportionalHazardsTest {
        let n = data.count
        let keptIndices = (0..<covariates.columns).filter { !model.dropped.contains(names[$0]) }
        let p = keptIndices.count
        var design = Matrix(rows: n, columns: p)
        for (k, j) in keptIndices.enumerated() {
            design.storage.replaceSubrange((k * n)..<((k + 1) * n), with: covariates.storage[(j * n)..<((j + 1) * n)])
        }
        let beta = keptIndices.map { model.terms[$0].coefficient }
        let sets = CoxRiskSets(covariates: design, data: data, strata: strata?.codes ?? Array(repeating: 0, count: n), ties: model.ties)
        let ev = sets.evaluate(beta)

        let g = try timeTransform(transform, data: data)
        var sum = 0.0, count = 0
        for i in 0..<n where data.event[i] { sum += g(data.exit[i]); count += 1 }
        let centre = sum / Double(max(count, 1))
        let h = sets.eventTime.map { g($0) - centre }

        // Score for the g(t)·x block: Σ_e h_e (Σ_deaths w x − Σ_terms weight · a).
        var u = [Double](repeating: 0, count: p)
        for e in 0..<sets.eventTime.count {
            let start = sets.riskStart[e]
            for m in start..<(start + sets.deaths[e]) {
                for j in 0..<p { u[j] += h[e] * sets.weights[m] * sets.x.storage[j * n + m] }
            }
        }
        sets.forEachTerm(s0: ev.s0, s1: ev.s1, d0: ev.d0, d1: ev.d1) { e, weight, _, a in
            for j in 0..<p { u[j] -= h[e] * weight * a[j] }
        }
        let i11 = sets.information(ev)
        let i12 = sets.information(ev, eventWeights: h)
        let i22 = sets.information(ev, eventWeights: h.map { $0 * $0 })
        var full = Matrix(rows: 2 * p, columns: 2 * p)
        for a in 0..<p {
            for b in 0..<p {
                full[a, b] = i11[a, b]
                full[a, b + p] = i12[a, b]
                full[a + p, b] = i12[a, b]
                full[a + p, b + p] = i22[a, b]
            }
        }
        func statistic(_ block: [Int]) throws(SurvivalError) -> Double {
            let index = Array(0..<p) + block.map { $0 + p }
            var sub = Matrix(rows: index.count, columns: index.count)
            for (a, ia) in index.enumerated() { for (b, ib) in index.enumerated() { sub[a, b] = full[ia, ib] } }
            let rhs = Array(repeating: 0.0, count: p) + block.map { u[$0] }
            do {
                let solved = try LUFactorization(sub).solve(try Matrix(rows: rhs.count, columns: 1, columnMajor: rhs)).storage
                return zip(solved, rhs).reduce(0) { $0 + $1.0 * $1.1 }
            } catch {
                throw .numerical("proportional-hazards test: singular information (\(error))")
            }
        }
        let groups = terms ?? names.indices.map { (name: names[$0], columns: [$0]) }
        var rows: [ProportionalHazardsRow] = []
        for group in groups {
            let block = group.columns.compactMap { keptIndices.firstIndex(of: $0) }
            guard !block.isEmpty else { continue }
            let chi = try statistic(block)
            rows.append(ProportionalHazardsRow(term: group.name, chiSquare: chi, degreesOfFreedom: block.count,
                                               pValue: ChiSquared(degreesOfFreedom: Double(block.count)).sf(chi)))
        }
        let global = try statistic(Array(0..<p))
        rows.append(ProportionalHazardsRow(term: "GLOBAL", chiSquare: global, degreesOfFreedom: p,
                                           pValue: ChiSquared(degreesOfFreedom: Double(p)).sf(global)))
        return ProportionalHazardsTest(rows: rows, transform: transform.rawValue)
    }

    /// g(t) of the transform, evaluated at event times of `data`.
    static func timeTransform(_ transform: TimeTransform, data: SurvivalData) throws(SurvivalError) -> (Double) -> Double {
        switch transform {
        case .identity:
            return { $0 }
        case .log:
            if let i = data.exit.indices.first(where: { data.event[$0] && data.exit[$0] <= 0 }) {
                throw .invalidArgument("the log transform needs positive event times; row \(i + 1) has an event at \(data.exit[i])")
            }
            return { Foundation.log($0) }
        case .rank:
            // R's rank(times) over every row's exit time, ties averaged: (rows before t) + (rows at t + 1)/2.
            let times = data.exit.sorted()
            return { t in
                var lo = 0, hi = times.count
                while lo < hi { let mid = (lo + hi) / 2; if times[mid] < t { lo = mid + 1 } else { hi = mid } }
                var end = lo
                while end < times.count && times[end] == t { end += 1 }
                return Double(lo) + Double(end - lo + 1) / 2
            }
        case .km:
            // 1 − S(t−) from the unweighted, unstratified Kaplan–Meier of the same (entry, exit] data.
            let plain = try SurvivalData(exit: data.exit, event: data.event, entry: data.entry)
            let curve = try KaplanMeier.fit(plain)[0]
            let kmTimes = curve.rows.map(\.time), kmSurv = curve.rows.map(\.survival)
            return { t in
                var lo = 0, hi = kmTimes.count
                while lo < hi { let mid = (lo + hi) / 2; if kmTimes[mid] < t { lo = mid + 1 } else { hi = mid } }
                return 1 - (lo == 0 ? 1 : kmSurv[lo - 1])
            }
        }
    }
}
