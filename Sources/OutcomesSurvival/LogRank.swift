import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// The result of a k-group log-rank or Fleming–Harrington G-rho test (R's `survdiff`).
public struct LogRankTest: Sendable {
    /// The rho of the weight S(t−)^rho (0: log-rank; 1: Peto–Peto–Prentice style).
    public let rho: Double
    /// Group labels, in output order.
    public let groups: [String]
    /// Rows in each group.
    public let counts: [Int]
    /// Weighted observed events per group (summed over strata).
    public let observed: [Double]
    /// Weighted expected events per group (summed over strata).
    public let expected: [Double]
    /// Variance matrix of observed − expected, k × k.
    public let variance: Matrix
    /// The chi-square statistic.
    public let chiSquare: Double
    /// Degrees of freedom: groups with a positive expected count, minus one.
    public let degreesOfFreedom: Int
    /// Upper-tail chi-square p-value.
    public let pValue: Double
    /// Number of strata the test was stratified over (1 when unstratified).
    public let strataCount: Int
}

/// Log-rank and G-rho tests for k groups, optionally stratified, matching R's `survdiff(..., rho=)`.
public enum LogRank {
    /// Compares the survival of `groups`. Right-censored data only (R's `survdiff` accepts no entry times);
    /// case weights are not used, as in `survdiff`.
    public static func test(_ data: SurvivalData, groups: Grouping, strata: Grouping? = nil, rho: Double = 0) throws(SurvivalError) -> LogRankTest {
        guard data.entry == nil else { throw .invalidArgument("the log-rank test needs right-censored data; entry times are not supported (as in R's survdiff)") }
        guard data.count > 0 else { throw .empty }
        guard groups.codes.count == data.count else { throw .lengthMismatch("\(data.count) rows but \(groups.codes.count) group codes") }
        if let strata, strata.codes.count != data.count { throw .lengthMismatch("\(data.count) rows but \(strata.codes.count) stratum codes") }
        guard rho.isFinite else { throw .invalidArgument("rho must be finite") }
        let k = groups.labels.count
        var counts = Array(repeating: 0, count: k)
        for c in groups.codes { counts[c] += 1 }
        let present = counts.filter { $0 > 0 }.count
        guard present >= 2 else { throw .needsTwoGroups(found: present) }

        let strataCodes = strata?.codes ?? Array(repeating: 0, count: data.count)
        let strataCount = strata?.labels.count ?? 1
        var members = Array(repeating: [Int](), count: strataCount)
        for (i, s) in strataCodes.enumerated() { members[s].append(i) }

        var observed = Array(repeating: 0.0, count: k)
        var expected = Array(repeating: 0.0, count: k)
        var variance = Array(repeating: 0.0, count: k * k)
        var atRiskByGroup = Array(repeating: 0.0, count: k)
        var deathsByGroup = Array(repeating: 0.0, count: k)
        for rows in members where !rows.isEmpty {
            // Walk times from the largest down so the at-risk counts are suffix sums; the KM weight needs
            // the forward order, so first collect the distinct times and then walk forward.
            let sorted = rows.sorted { data.exit[$0] < data.exit[$1] }
            for g in 0..<k { atRiskByGroup[g] = 0 }
            for i in sorted { atRiskByGroup[groups.codes[i]] += 1 }
            var atRisk = Double(sorted.count)
            var km = 1.0
            var j = 0
            while j < sorted.count {
                let t = data.exit[sorted[j]]
                var end = j
                var deaths = 0.0
                for g in 0..<k { deathsByGroup[g] = 0 }
                while end < sorted.count && data.exit[sorted[end]] == t {
                    let i = sorted[end]
                    if data.event[i] { deathsByGroup[groups.codes[i]] += 1; deaths += 1 }
                    end += 1
                }
                if deaths > 0 {
                    let w = rho == 0 ? 1.0 : pow(km, rho)
                    for g in 0..<k {
                        observed[g] += w * deathsByGroup[g]
                        expected[g] += w * deaths * atRiskByGroup[g] / atRisk
                    }
                    if atRisk > 1 {
                        let kk = w * w * deaths * (atRisk - deaths) / (atRisk * (atRisk - 1))
                        for a in 0..<k {
                            let na = atRiskByGroup[a]
                            guard na > 0 else { continue }
                            variance[a + a * k] += kk * na
                            for b in 0..<k {
                                variance[a + b * k] -= kk * na * atRiskByGroup[b] / atRisk
                            }
                        }
                    }
                    km *= (atRisk - deaths) / atRisk
                }
                for m in j..<end {
                    atRiskByGroup[groups.codes[sorted[m]]] -= 1
                }
                atRisk -= Double(end - j)
                j = end
            }
        }
        // Chi-square on the groups with positive expected counts, dropping the first of them (as survdiff).
        let used = (0..<k).filter { expected[$0] > 0 }
        let df = used.count - 1
        var chi = 0.0
        if df > 0 {
            let keep = Array(used.dropFirst())
            var v = Matrix(rows: df, columns: df)
            var d = [Double](repeating: 0, count: df)
            for (a, ga) in keep.enumerated() {
                d[a] = observed[ga] - expected[ga]
                for (b, gb) in keep.enumerated() { v[a, b] = variance[ga + gb * k] }
            }
            do {
                let solved = try CholeskyFactorization(v).solve(d)
                for a in 0..<df { chi += solved[a] * d[a] }
            } catch {
                throw .numerical("log-rank variance matrix is singular: \(error)")
            }
        }
        let matrix = (try? Matrix(rows: k, columns: k, columnMajor: variance)) ?? Matrix(rows: k, columns: k)
        return LogRankTest(rho: rho, groups: groups.labels, counts: counts, observed: observed, expected: expected,
                           variance: matrix, chiSquare: chi, degreesOfFreedom: Swift.max(df, 0),
                           pValue: df > 0 ? ChiSquared(degreesOfFreedom: Double(df)).sf(chi) : .nan,
                           strataCount: strataCount)
    }
}
