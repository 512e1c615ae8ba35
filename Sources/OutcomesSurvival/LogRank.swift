import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// The weight w(tⱼ) given to each event time in a weighted log-rank test. At an event time tⱼ of a stratum,
/// nⱼ is the number at risk and dⱼ the number of events in that stratum, all groups pooled; S is the pooled
/// Kaplan–Meier curve of the stratum and S̃(t) = Π_{tᵢ ≤ t} (1 − dᵢ/(nᵢ + 1)) Peto's variant of it.
/// The definitions are those of Klein & Moeschberger (2003, §7.3).
public enum LogRankWeight: Sendable, Equatable {
    /// w = 1: the log-rank (Mantel–Haenszel) test, R's `survdiff(rho = 0)`.
    case logRank
    /// w = S(tⱼ−)^ρ (1 − S(tⱼ−))^γ: Fleming–Harrington G(ρ, γ); γ = 0 is R's `survdiff(rho = ρ)`.
    case flemingHarrington(rho: Double, gamma: Double)
    /// w = nⱼ: Gehan's generalised Wilcoxon test as extended by Breslow.
    case gehanBreslow
    /// w = √nⱼ: Tarone and Ware.
    case taroneWare
    /// w = S̃(tⱼ): Peto and Peto (Peto–Prentice generalised Wilcoxon).
    case petoPeto
    /// w = S̃(tⱼ) nⱼ/(nⱼ + 1): Andersen's modified Peto–Peto.
    case modifiedPeto

    /// A short name for output ("logrank", "wilcoxon", "tarone-ware", "peto", "modified-peto", "fh").
    public var name: String {
        switch self {
        case .logRank: return "logrank"
        case .flemingHarrington: return "fh"
        case .gehanBreslow: return "wilcoxon"
        case .taroneWare: return "tarone-ware"
        case .petoPeto: return "peto"
        case .modifiedPeto: return "modified-peto"
        }
    }

    /// The weight named as the command line names it (`name`); `rho` and `gamma` are used by "fh" only.
    /// nil for an unknown name.
    public init?(name: String, rho: Double = 0, gamma: Double = 0) {
        switch name {
        case "logrank": self = .logRank
        case "fh": self = .flemingHarrington(rho: rho, gamma: gamma)
        case "wilcoxon": self = .gehanBreslow
        case "tarone-ware": self = .taroneWare
        case "peto": self = .petoPeto
        case "modified-peto": self = .modifiedPeto
        default: return nil
        }
    }

    /// The weight at an event time: `km` is S(tⱼ−), `peto` is S̃(tⱼ), `atRisk` nⱼ.
    func value(km: Double, peto: Double, atRisk n: Double) -> Double {
        switch self {
        case .logRank: return 1
        case .flemingHarrington(let rho, let gamma):
            return (rho == 0 ? 1 : pow(km, rho)) * (gamma == 0 ? 1 : pow(1 - km, gamma))
        case .gehanBreslow: return n
        case .taroneWare: return n.squareRoot()
        case .petoPeto: return peto
        case .modifiedPeto: return peto * n / (n + 1)
        }
    }
}

/// The result of a k-group weighted log-rank test (R's `survdiff` for the log-rank and G-rho weights).
public struct LogRankTest: Sendable {
    /// The weight function used.
    public let weight: LogRankWeight
    /// The rho of a G(rho, gamma) weight (0 for the log-rank test; NaN for the other weights).
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

    /// The test for trend over ordered groups: Z = aᵀU / √(aᵀVa) with U = observed − expected and V its variance
    /// (summed over strata), reported as Z² on 1 degree of freedom; Z > 0 when events rise with the score.
    /// `scores` gives one score per group in `groups` order (default 1, 2, …, k).
    public func trend(scores: [Double]? = nil) throws(SurvivalError) -> TrendTest {
        let k = groups.count
        let a = scores ?? (1...k).map(Double.init)
        guard a.count == k else { throw .lengthMismatch("\(k) groups but \(a.count) trend scores") }
        guard a.allSatisfy(\.isFinite) else { throw .invalidArgument("trend scores must be finite") }
        // The rows of V sum to zero, so constant scores give aᵀVa = 0 up to rounding.
        guard a.contains(where: { $0 != a[0] }) else { throw .invalidArgument("the trend test needs scores that are not all equal") }
        var u = 0.0, v = 0.0
        for g in 0..<k {
            u += a[g] * (observed[g] - expected[g])
            for h in 0..<k { v += a[g] * variance[g, h] * a[h] }
        }
        guard v > 0 else { throw .invalidArgument("the trend test is not estimable: the scores have zero variance (constant scores or no events)") }
        let z = u / v.squareRoot()
        return TrendTest(scores: a, score: u, variance: v, z: z, test: ChiSquareTest(z * z, 1))
    }
}

/// The log-rank test for trend over ordered groups.
public struct TrendTest: Sendable, Equatable {
    /// The score of each group.
    public let scores: [Double]
    /// aᵀ(O − E).
    public let score: Double
    /// aᵀVa.
    public let variance: Double
    /// score / √variance.
    public let z: Double
    /// z² on 1 degree of freedom.
    public let test: ChiSquareTest
}

/// Weighted log-rank tests for k groups, optionally stratified: the log-rank and G-rho tests match R's
/// `survdiff(..., rho=)`; the other weights of `LogRankWeight` follow Klein & Moeschberger's definitions.
public enum LogRank {
    /// Compares the survival of `groups`. Right-censored data only (R's `survdiff` accepts no entry times);
    /// case weights are not used, as in `survdiff`.
    public static func test(_ data: SurvivalData, groups: Grouping, strata: Grouping? = nil, rho: Double = 0) throws(SurvivalError) -> LogRankTest {
        guard rho.isFinite else { throw .invalidArgument("rho must be finite") }
        return try test(data, groups: groups, strata: strata, weight: rho == 0 ? .logRank : .flemingHarrington(rho: rho, gamma: 0))
    }

    /// The weighted log-rank test with any weight of the family: U = Σⱼ wⱼ (d_gj − n_gj dⱼ/nⱼ) and
    /// V = Σⱼ wⱼ² dⱼ (nⱼ − dⱼ)/(nⱼ − 1) · (n_gj/nⱼ)(δ_gh − n_hj/nⱼ), summed over strata (weights computed within
    /// each stratum), χ² = Uᵀ V⁻ U over the groups with positive expected counts less the first, as `survdiff`.
    public static func test(_ data: SurvivalData, groups: Grouping, strata: Grouping? = nil, weight: LogRankWeight) throws(SurvivalError) -> LogRankTest {
        if case .flemingHarrington(let r, let g) = weight {
            guard r.isFinite && g.isFinite else { throw .invalidArgument("rho and gamma must be finite, got \(r) and \(g)") }
        }
        guard data.entry == nil else { throw .invalidArgument("the log-rank test needs right-censored data; entry times are not supported (as in R's survdiff)") }
        guard data.count > 0 else { throw .empty }
        guard groups.codes.count == data.count else { throw .lengthMismatch("\(data.count) rows but \(groups.codes.count) group codes") }
        if let strata, strata.codes.count != data.count { throw .lengthMismatch("\(data.count) rows but \(strata.codes.count) stratum codes") }
        let k = groups.labels.count
        var counts = Array(repeating: 0, count: k)
        for c in groups.codes { counts[c] += 1 }
        let present = counts.filter { $0 > 0 }.count
        guard present >= 2 else { throw .needsTwoGroups(found: present) }

        let strataCount = strata?.labels.count ?? 1
        // Rows by exit time (one stable radix order), split by stratum in that order.
        let byExit = RadixOrder.sorted(data.exit.map(RadixOrder.key))
        let members = strata.map { KaplanMeier.split(byExit, $0) } ?? [byExit]

        var observed = Array(repeating: 0.0, count: k)
        var expected = Array(repeating: 0.0, count: k)
        var variance = Array(repeating: 0.0, count: k * k)
        var atRiskByGroup = Array(repeating: 0.0, count: k)
        var deathsByGroup = Array(repeating: 0.0, count: k)
        for rows in members where !rows.isEmpty {
            // Walk times from the largest down so the at-risk counts are suffix sums; the KM weight needs
            // the forward order, so first collect the distinct times and then walk forward.
            let sorted = rows
            for g in 0..<k { atRiskByGroup[g] = 0 }
            for i in sorted { atRiskByGroup[groups.codes[i]] += 1 }
            var atRisk = Double(sorted.count)
            var km = 1.0, peto = 1.0
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
                    peto *= 1 - deaths / (atRisk + 1)
                    let w = weight.value(km: km, peto: peto, atRisk: atRisk)
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
        let rho: Double
        switch weight {
        case .logRank: rho = 0
        case .flemingHarrington(let r, _): rho = r
        default: rho = .nan
        }
        return LogRankTest(weight: weight, rho: rho, groups: groups.labels, counts: counts, observed: observed, expected: expected,
                           variance: matrix, chiSquare: chi, degreesOfFreedom: Swift.max(df, 0),
                           pValue: df > 0 ? ChiSquared(degreesOfFreedom: Double(df)).sf(chi) : .nan,
                           strataCount: strataCount)
    }
}
