import Testing
import OutcomesLinearAlgebra
@testable import OutcomesSurvival

/// The O(n log n) concordance against a direct O(n²) count of every pair, on small random data sets built to
/// exercise the cases the sweeps must get right: tied times (integer days), tied scores (few distinct values),
/// censored rows at an event time, strata, non-integer case weights and delayed entry. The R fixtures
/// (CoxDiagnosticsTests) pin the definition; this pins the algorithm on many more configurations.
/// The data are a fixed deterministic sequence, so the tests cannot fail at random. Tolerance 1e-12 relative to
/// max(1, |value|): the two computations add the same terms in different orders.

/// Every comparable pair counted directly, with the per-row counts that give the jackknife variance.
func bruteForceConcordance(_ data: SurvivalData, score: [Double], strata: [Int]?) -> ConcordanceResult? {
    let n = data.count, w = data.weights
    var conc = [Double](repeating: 0, count: n), disc = conc, tie = conc
    var tiedTime = 0.0
    for i in 0..<n where data.event[i] {
        let t = data.exit[i]
        for j in 0..<n where j != i && (strata?[j] ?? 0) == (strata?[i] ?? 0) {
            let atRisk = (data.entry?[j] ?? -.infinity) < t && t <= data.exit[j]
            guard atRisk else { continue }
            if data.event[j] && data.exit[j] == t {
                if j > i { tiedTime += w[i] * w[j] }
                continue
            }
            // i (the shorter) with j (the longer): concordant when i's score is higher.
            if score[i] > score[j] { conc[i] += w[j]; conc[j] += w[i] }
            else if score[i] < score[j] { disc[i] += w[j]; disc[j] += w[i] }
            else { tie[i] += w[j]; tie[j] += w[i] }
        }
    }
    var c = 0.0, d = 0.0, t = 0.0
    for i in 0..<n { c += w[i] * conc[i]; d += w[i] * disc[i]; t += w[i] * tie[i] }
    c /= 2; d /= 2; t /= 2
    let total = c + d + t
    guard total > 0 else { return nil }
    var variance = 0.0
    for i in 0..<n {
        let influence = ((conc[i] + tie[i] / 2) * total - (c + t / 2) * (conc[i] + disc[i] + tie[i])) / (total * total)
        variance += w[i] * w[i] * influence * influence
    }
    return ConcordanceResult(concordance: (c + t / 2) / total, standardError: variance.squareRoot(), concordant: c,
                             discordant: d, tiedScore: t, tiedTime: tiedTime)
}

/// A small deterministic generator (SplitMix64) for the test data.
struct ConcordanceTestGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ k: Int) -> Int { Int(next() % UInt64(k)) }
    mutating func uniform() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }
}

struct ConcordanceCase: CustomStringConvertible, Sendable {
    let seed: UInt64
    let rows: Int
    let timeLevels: Int
    /// 0 for continuous scores, else the number of distinct score values.
    let scoreLevels: Int
    let strata: Int
    let weighted: Bool
    let delayedEntry: Bool
    var description: String {
        "seed \(seed), \(rows) rows, \(timeLevels) times, \(scoreLevels) score levels, \(strata) strata, weighted \(weighted), entry \(delayedEntry)"
    }
}

let concordanceCases: [ConcordanceCase] = [
    .init(seed: 1, rows: 60, timeLevels: 8, scoreLevels: 4, strata: 1, weighted: false, delayedEntry: false),
    .init(seed: 2, rows: 80, timeLevels: 1000, scoreLevels: 0, strata: 1, weighted: false, delayedEntry: false),
    .init(seed: 3, rows: 90, timeLevels: 6, scoreLevels: 3, strata: 3, weighted: false, delayedEntry: false),
    .init(seed: 4, rows: 70, timeLevels: 10, scoreLevels: 5, strata: 2, weighted: true, delayedEntry: false),
    .init(seed: 5, rows: 75, timeLevels: 12, scoreLevels: 4, strata: 1, weighted: false, delayedEntry: true),
    .init(seed: 6, rows: 120, timeLevels: 9, scoreLevels: 6, strata: 3, weighted: true, delayedEntry: true),
    .init(seed: 7, rows: 50, timeLevels: 3, scoreLevels: 1, strata: 2, weighted: true, delayedEntry: true),
    .init(seed: 8, rows: 100, timeLevels: 500, scoreLevels: 0, strata: 4, weighted: true, delayedEntry: true),
    // Hundreds of score ranks per stratum: many 64-rank blocks of the rank counts.
    .init(seed: 9, rows: 1_500, timeLevels: 40, scoreLevels: 0, strata: 2, weighted: true, delayedEntry: true),
    .init(seed: 10, rows: 1_200, timeLevels: 5_000, scoreLevels: 300, strata: 1, weighted: false, delayedEntry: false),
]

@Test("Concordance sweeps equal a direct count of every pair (ties, strata, weights, delayed entry; 1e-12)",
      arguments: concordanceCases)
func concordanceMatchesBruteForce(_ c: ConcordanceCase) throws {
    var g = ConcordanceTestGenerator(state: c.seed)
    var exit: [Double] = [], entry: [Double] = [], event: [Bool] = [], weights: [Double] = [], score: [Double] = [], strata: [Int] = []
    for _ in 0..<c.rows {
        let t = Double(2 + g.below(c.timeLevels))
        exit.append(t)
        // Entries at 0, at earlier event times (ties between entries and exits) or strictly between.
        entry.append(g.below(3) == 0 ? 0 : Double(g.below(Int(t))) + (g.below(2) == 0 ? 0 : 0.5))
        event.append(g.below(3) != 0)
        weights.append(c.weighted ? 0.25 + Double(g.below(8)) * 0.375 : 1)
        score.append(c.scoreLevels == 0 ? g.uniform() * 4 - 2 : Double(g.below(c.scoreLevels)) - 1.5)
        strata.append(g.below(c.strata))
    }
    let data = try SurvivalData(exit: exit, event: event, entry: c.delayedEntry ? entry : nil,
                                weights: c.weighted ? weights : nil, timefix: false)
    let grouping = c.strata > 1 ? Grouping(numeric: strata.map(Double.init)) : nil
    let fast = try Concordance.harrell(data, score: score, strata: grouping)
    let reference = try #require(bruteForceConcordance(data, score: score, strata: c.strata > 1 ? strata : nil))
    expectClose([fast.concordance, fast.standardError, fast.concordant, fast.discordant, fast.tiedScore, fast.tiedTime],
                [reference.concordance, reference.standardError, reference.concordant, reference.discordant,
                 reference.tiedScore, reference.tiedTime], 1e-12, "\(c)")
    #expect(fast.tiedScore > 0 || c.scoreLevels == 0, "the case should contain tied scores")
}

@Test("Concordance does not depend on the input row order (same numbers after a permutation; 1e-12)")
func concordanceIgnoresRowOrder() throws {
    var g = ConcordanceTestGenerator(state: 11)
    let n = 200
    let exit = (0..<n).map { _ in Double(1 + g.below(15)) }
    let event = (0..<n).map { _ in g.below(4) != 0 }
    let score = (0..<n).map { _ in Double(g.below(7)) * 0.5 - 1 }
    let permutation = (0..<n).map { (n - 1 - $0 + 37) % n }
    let a = try Concordance.harrell(SurvivalData(exit: exit, event: event), score: score)
    let b = try Concordance.harrell(SurvivalData(exit: permutation.map { exit[$0] }, event: permutation.map { event[$0] }),
                                    score: permutation.map { score[$0] })
    expectClose([b.concordance, b.standardError, b.concordant, b.discordant, b.tiedScore, b.tiedTime],
                [a.concordance, a.standardError, a.concordant, a.discordant, a.tiedScore, a.tiedTime], 1e-12, "permuted")
}

@Test("Negative, zero and negative-zero scores rank numerically (−0 ties with 0)")
func concordanceSignedScores() throws {
    let data = try SurvivalData(exit: [1, 2, 3, 4, 5], event: [true, true, true, true, false])
    let result = try Concordance.harrell(data, score: [3, 0.5, 0, -0.0, -2])
    let reference = try #require(bruteForceConcordance(data, score: [3, 0.5, 0, 0, -2], strata: nil))
    #expect(result == reference)
    #expect(result.tiedScore == 1)
}

@Test("The direct pair count itself reproduces R's concordance(fit) on the fixtures (1e-10), so it is a fair reference",
      arguments: coxDiagnosticsCases)
func bruteForceConcordanceMatchesR(_ c: CoxDiagnosticsCase) throws {
    let b = try buildCox(c.cox)
    let model = try CoxRegression.fit(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                      options: { var o = CoxOptions(); o.ties = c.cox.ties; return o }())
    let result = try #require(bruteForceConcordance(b.data, score: model.linearPredictors, strata: b.strata?.codes))
    let r = Reference.estimators
    expectClose([result.concordance, result.standardError], [r.number(c.name, "concordance"), r.number(c.name, "concordance_se")],
                1e-10, "\(c.name) brute-force concordance")
    expectClose([result.concordant, result.discordant, result.tiedScore, result.tiedTime], r.numbers(c.name, "concordance_count"), 1e-10,
                "\(c.name) brute-force pair counts")
}

@Test("Rows with equal covariates get bitwise equal linear predictors, so their score ties are exact")
func equalCovariatesGiveEqualLinearPredictors() throws {
    var g = ConcordanceTestGenerator(state: 21)
    let n = 1_003, patterns: [[Double]] = [[56, 1, 0], [63, 2, 1], [70, 1, 2], [48, 2, 0], [59, 1, 1]]
    var rows: [[Double]] = [], exit: [Double] = [], event: [Bool] = []
    for _ in 0..<n {
        rows.append(patterns[g.below(patterns.count)])
        exit.append(Double(1 + g.below(400)))
        event.append(g.below(3) != 0)
    }
    let model = try CoxRegression.fit(covariates: Matrix(rows), names: ["age", "sex", "ecog"],
                                      data: SurvivalData(exit: exit, event: event))
    var predictor: [[Double]: Double] = [:]
    for (i, row) in rows.enumerated() {
        if let seen = predictor[row] { #expect(seen == model.linearPredictors[i], "row \(i) \(row)") } else { predictor[row] = model.linearPredictors[i] }
    }
}
