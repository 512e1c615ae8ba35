import OutcomesProportions

/// Library entry points behind `outcomes proportion` and `outcomes compare-proportions`: each validates its
/// input, runs the statistics and returns the rendered report.
public enum ProportionReports {
    /// One proportion: estimate and interval by `method` (wilson, exact, jeffreys, agresti-coull, midp), and,
    /// when a `claim` is given, the two-sided exact binomial test p-value (as R's `binom.test`).
    ///
    /// JSON/CSV keys, in this order: successes, trials, estimate, method, level, lower, upper, claim, p_value.
    /// - Throws: `ProportionError` or `ProportionReportInputError`, whose descriptions name the bad value.
    public static func proportion(successes: Int, trials: Int, claim: Double? = nil, method: String = "wilson",
                                  level: Double = 0.95, format: String = "text") throws -> String {
        guard let intervalMethod = ProportionIntervalMethod(rawValue: method) else {
            throw ProportionReportInputError.unknownChoice(option: "--method", value: method,
                                                           accepted: ProportionIntervalMethod.allCases.map(\.rawValue))
        }
        let outputFormat = try parseFormat(format)
        let interval = try OneProportion.interval(successes: successes, trials: trials, level: level, method: intervalMethod)
        let pValue = try claim.map { try ExactBinomialTest.pValue(successes: successes, trials: trials, claim: $0) }

        var record = ProportionRecord()
        record.add("successes", "Successes", .integer(successes))
        record.add("trials", "Trials", .integer(trials))
        record.add("estimate", "Estimate", .number(interval.estimate))
        record.add("method", "Interval method", outputFormat == .text ? .text(intervalMethod.displayName) : .text(method))
        record.add("level", "Confidence level", .number(level))
        record.add("lower", "Lower limit", .number(interval.lower))
        record.add("upper", "Upper limit", .number(interval.upper))
        record.add("claim", "Claimed rate", claim.map { .number($0) } ?? .missing)
        record.add("p_value", "Exact binomial test p (two-sided, as R binom.test)", pValue.map { .number($0) } ?? .missing)
        return record.render(outputFormat, analysis: "proportion", title: "One proportion")
    }

    /// Two proportions A = kA/nA and B = kB/nB (given as "K/N"): the difference with Newcombe's hybrid score
    /// interval at `level`; Pearson's chi-square without continuity correction; Fisher's exact test with the
    /// conditional MLE odds ratio and exact interval at `level`; and the equivalence (TOST) and non-inferiority
    /// tests at α = 1 − `level` with `margin`, which correspond to the (1 − 2α) Newcombe interval.
    /// - Throws: `ProportionError` or `ProportionReportInputError`, whose descriptions name the bad value.
    public static func compareProportions(a: String, b: String, margin: Double = 0.10, level: Double = 0.95,
                                          format: String = "text") throws -> String {
        let (kA, nA) = try parseCount(a, option: "--a")
        let (kB, nB) = try parseCount(b, option: "--b")
        let outputFormat = try parseFormat(format)
        let difference = try NewcombeInterval.interval(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB, level: level)
        let pearson = try PearsonChiSquareTest.test(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB)
        let fisher = try FisherExactTest.test(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB, level: level)
        // α = 1 − level, rounded to 12 decimals so that 0.95 gives 0.05 rather than 0.050000000000000044.
        let alpha = ((1 - level) * 1e12).rounded() / 1e12
        let equivalence = try EquivalenceTest.test(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB,
                                                   margin: margin, alpha: alpha)
        let text = outputFormat == .text

        var record = ProportionRecord()
        record.add("successes_a", "A successes", .integer(kA))
        record.add("trials_a", "A trials", .integer(nA))
        record.add("estimate_a", "A estimate", .number(Double(kA) / Double(nA)))
        record.add("successes_b", "B successes", .integer(kB))
        record.add("trials_b", "B trials", .integer(nB))
        record.add("estimate_b", "B estimate", .number(Double(kB) / Double(nB)))
        record.add("level", "Confidence level", .number(level))
        record.add("difference", "Difference A - B", .number(difference.difference))
        record.add("difference_method", "Difference interval method",
                   .text(text ? NewcombeInterval.methodName : "newcombe-hybrid-score"))
        record.add("difference_lower", "Difference lower limit", .number(difference.lower))
        record.add("difference_upper", "Difference upper limit", .number(difference.upper))
        record.add("pearson_statistic", "Pearson chi-square (no continuity correction)", pearson.map { .number($0.statistic) } ?? .missing)
        record.add("pearson_p_value", "Pearson chi-square p", pearson.map { .number($0.pValue) } ?? .missing)
        record.add("fisher_p_value", "Fisher exact test p (two-sided)", .number(fisher.pValue))
        record.add("odds_ratio", "Odds ratio (conditional MLE)", .number(fisher.oddsRatio))
        record.add("odds_ratio_lower", "Odds ratio lower limit (exact conditional)", .number(fisher.lower))
        record.add("odds_ratio_upper", "Odds ratio upper limit (exact conditional)", .number(fisher.upper))
        record.add("margin", "Equivalence margin", .number(margin))
        record.add("equivalence_method", "Equivalence method",
                   .text(text ? EquivalenceTest.methodName : "tost-newcombe"))
        record.add("equivalence_alpha", "Equivalence alpha (each side)", .number(alpha))
        record.add("equivalence_interval_lower", "Equivalence interval lower (1 - 2 alpha)", .number(equivalence.interval.lower))
        record.add("equivalence_interval_upper", "Equivalence interval upper (1 - 2 alpha)", .number(equivalence.interval.upper))
        record.add("equivalence_p_value", "Equivalence (TOST) p", .number(equivalence.pValue))
        record.add("equivalent", "Similar within margin", .boolean(equivalence.isEquivalent))
        record.add("non_inferiority_p_value", "Non-inferiority of A p", .number(equivalence.pValueLower))
        record.add("non_inferior", "A non-inferior to B", .boolean(equivalence.isNonInferior))
        return record.render(outputFormat, analysis: "compare-proportions", title: "Two proportions")
    }
}
