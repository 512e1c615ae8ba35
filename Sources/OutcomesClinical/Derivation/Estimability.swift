import OutcomesSurvival

/// Whether a statistic can be read as a number. Small cohorts give models that "converge" to a diverging
/// coefficient (monotone likelihood when one group has no events or only events: separation), tests on zero
/// degrees of freedom, and rates over nobody. Such a number is printed as "not estimable" with the reason from
/// here, never as NaN, Inf or a hazard ratio of 10⁹.
public enum Estimability {
    /// Why a Cox term's hazard ratio cannot be read, or nil when it can.
    public static func coxTerm(_ term: CoxTerm, events: Int, warnings: [String]) -> String? {
        if events == 0 { return "no relapses" }
        if warnings.contains(where: { $0.contains("infinite") }) {
            return "the coefficient diverges (separation: one group has all or none of the relapses at the times they happen)"
        }
        if warnings.contains(where: { $0.contains("did not converge") }) { return "the model did not converge" }
        let values = [term.coefficient, term.standardError, term.hazardRatio, term.hazardRatioLower, term.hazardRatioUpper]
        if values.contains(where: { !$0.isFinite }) || term.hazardRatioLower <= 0 {
            return "the coefficient diverges (its interval is unbounded)"
        }
        return nil
    }

    /// Why a log-rank test cannot be read, or nil when it can.
    public static func logRank(_ test: LogRankTest) -> String? {
        if test.degreesOfFreedom == 0 { return "0 degrees of freedom: only one group has patients" }
        if !test.chiSquare.isFinite || !test.pValue.isFinite { return "no events to compare" }
        return nil
    }

    /// Why a rate over `patients` cannot be read, or nil when it can.
    public static func rate(patients: Int) -> String? { patients == 0 ? "no patients" : nil }
}
