import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// Gray's (1988) test that the cumulative incidence of one cause is the same in k groups.
public struct GrayTest: Sendable {
    /// The cause tested.
    public let cause: String
    /// The groups compared, in output order; the score has one entry per group but the last.
    public let groups: [String]
    /// Gray's score for each group but the last (summed over strata).
    public let score: [Double]
    /// Its estimated variance, (k − 1) × (k − 1).
    public let variance: Matrix
    /// scoreᵀ variance⁻¹ score on k − 1 degrees of freedom (R's `cmprsk::cuminc()$Tests` `stat`, `df`, `pv`);
    /// nil when not estimable.
    public let test: ChiSquareTest?
    /// Why the test is not estimable (for example no events of the cause), or nil.
    public let notEstimableReason: String?
}

extension CompetingRisks {
    /// Gray's test for each cause, as `cmprsk::cuminc(ftime, fstatus, group, strata, rho)`: a weighted comparison
    /// of each group's subdistribution hazard of the cause with the pooled one, with weight (1 − F(t−))^rho, F the
    /// pooled cumulative incidence, and Gray's asymptotic variance; scores and variances are summed over strata.
    public static func grayTest(_ data: CompetingRisksData, groups: Grouping, strata: Grouping? = nil,
                                rho: Double = 0) throws(SurvivalError) -> [GrayTest] {
        guard data.count > 0 else { throw .empty }
        guard groups.codes.count == data.count else { throw .lengthMismatch("\(data.count) rows but \(groups.codes.count) group codes") }
        if let strata, strata.codes.count != data.count { throw .lengthMismatch("\(data.count) rows but \(strata.codes.count) stratum codes") }
        guard rho.isFinite else { throw .invalidArgument("rho must be finite") }
        guard data.entry == nil else { throw .invalidArgument("Gray's test needs right-censored data; entry times are not supported (as in cmprsk::cuminc)") }
        guard data.weights.allSatisfy({ $0 == 1 }) else {
            throw .invalidArgument("Gray's test does not take case weights (neither does cmprsk::cuminc); fit it without weights")
        }
        let k = groups.labels.count
        let present = Set(groups.codes).count
        guard present >= 2 else { throw .needsTwoGroups(found: present) }
        let strataCodes = strata?.codes ?? Array(repeating: 0, count: data.count)
        var members = Array(repeating: [Int](), count: strata?.labels.count ?? 1)
        for (i, s) in strataCodes.enumerated() { members[s].append(i) }
        var results: [GrayTest] = []
        for cause in 1...data.causeLabels.count {
            var score = [Double](repeating: 0, count: k - 1)
            var variance = Matrix(rows: k - 1, columns: k - 1)
            for rows in members where !rows.isEmpty {
                let part = grayStratum(data, rows: rows, groups: groups.codes, groupCount: k, cause: cause, rho: rho)
                for i in 0..<(k - 1) { score[i] += part.score[i] }
                variance = variance + part.variance
            }
            let label = data.causeLabels[cause - 1]
            var test: ChiSquareTest? = nil
            var reason: String? = nil
            if !data.cause.contains(cause) {
                reason = "no events of cause \(label)"
            } else if let factor = try? CholeskyFactorization(variance), let solved = try? factor.solve(score) {
                test = ChiSquareTest(zip(solved, score).reduce(0) { $0 + $1.0 * $1.1 }, k - 1)
            } else {
                reason = "the variance of the scores for cause \(label) is singular (too few events in some group)"
            }
            results.append(GrayTest(cause: label, groups: groups.labels, score: score, variance: variance,
                                    test: test, notEstimableReason: reason))
        }
        return results
    }

    /// Score and variance of one stratum. Notation of Gray (1988): per group g at an event time, nᵍ at risk,
    /// Sᵍ(t−) the all-cause Kaplan–Meier, Fᵍ(t−) the incidence of the cause; hᵍ = nᵍ/Sᵍ(t−), R = Σ hᵍ, and the
    /// pooled incidence F(t) = F(t−) + d/R (d the events of the cause). The score is
    /// Σ w (dᵍ − d·nᵍ(1 − Fᵍ(t−))/(Sᵍ(t−) Q)), Q = Σ nᵍ(1 − Fᵍ(t−))/Sᵍ(t−), w = (1 − F(t−))^rho; the variance
    /// collects the cause's and the other causes' martingale terms through the a and c matrices of the paper.
    static func grayStratum(_ data: CompetingRisksData, rows: [Int], groups: [Int], groupCount k: Int, cause: Int,
                            rho: Double) -> (score: [Double], variance: Matrix) {
        let sorted = rows.sorted { data.exit[$0] < data.exit[$1] }
        var atRisk = [Double](repeating: 0, count: k)
        for i in sorted { atRisk[groups[i]] += 1 }
        var survivalBefore = [Double](repeating: 1, count: k), incidenceBefore = [Double](repeating: 0, count: k)
        var pooledBefore = 0.0
        var c = Matrix(rows: k, columns: k), a = Matrix(rows: k, columns: k)
        var v3 = [Double](repeating: 0, count: k)
        var v2 = Matrix(rows: k - 1, columns: k)
        var score = [Double](repeating: 0, count: k - 1)
        var v = Matrix(rows: k - 1, columns: k - 1)
        var ofCause = [Double](repeating: 0, count: k), ofOther = ofCause
        var j = 0
        while j < sorted.count {
            let t = data.exit[sorted[j]]
            var end = j
            for g in 0..<k { ofCause[g] = 0; ofOther[g] = 0 }
            while end < sorted.count && data.exit[sorted[end]] == t {
                let i = sorted[end]
                let status = data.cause[i]
                if status == cause { ofCause[groups[i]] += 1 } else if status != 0 { ofOther[groups[i]] += 1 }
                end += 1
            }
            let d1 = ofCause.reduce(0, +), d2 = ofOther.reduce(0, +)
            var survivalAfter = survivalBefore
            if d1 > 0 || d2 > 0 {
                var r = 0.0, q = 0.0
                for g in 0..<k where atRisk[g] > 0 {
                    survivalAfter[g] = survivalBefore[g] * (atRisk[g] - ofCause[g] - ofOther[g]) / atRisk[g]
                    r += atRisk[g] / survivalBefore[g]
                    q += atRisk[g] * (1 - incidenceBefore[g]) / survivalBefore[g]
                }
                let pooled = pooledBefore + d1 / r
                let w = rho == 0 ? 1 : pow(1 - pooledBefore, rho)
                for g in 0..<k {
                    for h in 0..<k { a[g, h] = 0 }
                }
                for g in 0..<k where atRisk[g] > 0 {
                    let hg = atRisk[g] / survivalBefore[g]
                    for h in 0..<k where atRisk[h] > 0 {
                        a[g, h] = w * hg * ((g == h ? 1 : 0) - atRisk[h] / (survivalBefore[h] * r))
                        c[g, h] += a[g, h] * d1 / (r * (1 - pooledBefore))
                    }
                }
                for g in 0..<(k - 1) where atRisk[g] > 0 {
                    score[g] += w * (ofCause[g] - d1 * atRisk[g] * (1 - incidenceBefore[g]) / (survivalBefore[g] * q))
                }
                if d1 > 0 {
                    for h in 0..<k where atRisk[h] > 0 {
                        let t4 = survivalAfter[h] > 0 ? 1 - (1 - pooled) / survivalAfter[h] : 1
                        let t5 = d1 > 1 ? 1 - (d1 - 1) / (r * survivalBefore[h] - 1) : 1
                        let t3 = t5 * survivalBefore[h] * d1 / (r * atRisk[h])
                        v3[h] += t4 * t4 * t3
                        for g in 0..<(k - 1) {
                            let t1 = a[g, h] - t4 * c[g, h]
                            v2[g, h] += t1 * t4 * t3
                            for f in 0...g { v[g, f] += t1 * (a[f, h] - t4 * c[f, h]) * t3 }
                        }
                    }
                }
                if d2 > 0 {
                    for h in 0..<k where survivalAfter[h] > 0 && ofOther[h] > 0 {
                        let t4 = (1 - pooled) / survivalAfter[h]
                        let t5 = ofOther[h] > 1 ? 1 - (ofOther[h] - 1) / (atRisk[h] - 1) : 1
                        let t3 = t5 * survivalBefore[h] * survivalBefore[h] * ofOther[h] / (atRisk[h] * atRisk[h])
                        v3[h] += t4 * t4 * t3
                        for g in 0..<(k - 1) {
                            let t1 = t4 * c[g, h]
                            v2[g, h] -= t1 * t4 * t3
                            for f in 0...g { v[g, f] += t1 * t4 * c[f, h] * t3 }
                        }
                    }
                }
                for g in 0..<k where atRisk[g] > 0 {
                    incidenceBefore[g] += survivalBefore[g] * ofCause[g] / atRisk[g]
                }
                pooledBefore = pooled
                survivalBefore = survivalAfter
            }
            for m in j..<end { atRisk[groups[sorted[m]]] -= 1 }
            j = end
        }
        for g in 0..<(k - 1) {
            for f in 0...g {
                for h in 0..<k { v[g, f] += c[g, h] * c[f, h] * v3[h] + c[g, h] * v2[f, h] + c[f, h] * v2[g, h] }
                v[f, g] = v[g, f]
            }
        }
        return (score, v)
    }
}
