import Testing
@testable import OutcomesSurvival

// TEMPORARY with TailProbabilities.swift: goes when the shared OutcomesDistributions module replaces it.
@Test("Normal quantile, normal distribution and chi-square upper tail match R (1e-13 relative)")
func tailProbabilitiesMatchR() {
    let r = Reference.shared
    expectClose(r.numbers("dist", "qnorm_p").map(normalQuantile), r.numbers("dist", "qnorm"), 1e-13, relative: true, "qnorm")
    expectClose(r.numbers("dist", "pnorm_x").map(normalCDF), r.numbers("dist", "pnorm"), 1e-13, relative: true, "pnorm")
    let x = r.numbers("dist", "pchisq_x"), df = r.numbers("dist", "pchisq_df")
    expectClose(zip(x, df).map { chiSquareUpperTail($0, degreesOfFreedom: $1) }, r.numbers("dist", "pchisq_upper"), 1e-13, relative: true, "pchisq")
}
