import Foundation
import Testing
@testable import OutcomesDistributions

/// Tolerance: 1e-12 relative against R's pnorm/qnorm/dnorm (fixtures), as the module promises.
let distributionTolerance = 1e-12

@Suite struct NormalTests {
    @Test func fixturesArePresent() {
        #expect(FixtureTable.rows.count > 1000)
    }

    @Test(arguments: ["cdf", "sf", "density", "log_cdf", "quantile", "upper_quantile"])
    func matchesR(function: String) {
        let rows = FixtureTable.rows("normal", function)
        #expect(!rows.isEmpty)
        for row in rows {
            let actual: Double
            switch function {
            case "cdf": actual = Normal.cdf(row.argument)
            case "sf": actual = Normal.sf(row.argument)
            case "density": actual = Normal.density(row.argument)
            case "log_cdf": actual = Normal.logCDF(row.argument)
            case "quantile": actual = Normal.quantile(row.argument)
            default: actual = Normal.upperQuantile(row.argument)
            }
            #expect(relativeError(actual, row.value) <= distributionTolerance, "\(row): got \(actual)")
        }
    }

    @Test func quantileEdges() {
        #expect(Normal.quantile(0) == -.infinity)
        #expect(Normal.quantile(1) == .infinity)
        #expect(Normal.quantile(1.5).isNaN)
        #expect(Normal.quantile(0.5) == 0)
    }
}

@Suite struct GammaFunctionTests {
    @Test func logGammaMatchesR() {
        let rows = FixtureTable.rows("special", "log_gamma")
        #expect(!rows.isEmpty)
        for row in rows {
            let actual = SpecialFunctions.logGamma(row.argument)
            #expect(relativeError(actual, row.value) <= distributionTolerance, "\(row): got \(actual)")
        }
        #expect(SpecialFunctions.logGamma(-1).isNaN)
    }

    /// P + Q = 1 to 1e-15 absolute; P(1, x) = 1 − e^−x in closed form (1e-14 relative).
    @Test func incompleteGammaIdentities() {
        for a in [0.3, 1.0, 4.5, 80.0] {
            for x in [0.01, 0.7, 3.0, 50.0, 120.0] {
                let p = SpecialFunctions.regularizedGammaP(a, x)
                let q = SpecialFunctions.regularizedGammaQ(a, x)
                #expect(abs(p + q - 1) <= 1e-15)
            }
        }
        for x in [0.001, 0.5, 2.0, 30.0] {
            #expect(relativeError(SpecialFunctions.regularizedGammaQ(1, x), exp(-x)) <= 1e-14)
        }
    }
}

@Suite struct ChiSquaredTests {
    @Test(arguments: ["cdf", "sf", "quantile", "upper_quantile", "log_cdf", "log_sf"])
    func matchesR(function: String) {
        let rows = FixtureTable.rows("chisq", function)
        #expect(!rows.isEmpty)
        for row in rows {
            let distribution = ChiSquared(degreesOfFreedom: row.parameter1)
            let actual: Double
            switch function {
            case "cdf": actual = distribution.cdf(row.argument)
            case "sf": actual = distribution.sf(row.argument)
            case "quantile": actual = distribution.quantile(row.argument)
            case "log_cdf": actual = distribution.logCDF(row.argument)
            case "log_sf": actual = distribution.logSF(row.argument)
            default: actual = distribution.upperQuantile(row.argument)
            }
            #expect(relativeError(actual, row.value) <= distributionTolerance, "\(row): got \(actual)")
        }
    }

    @Test func invalidParametersGiveNaN() {
        #expect(ChiSquared(degreesOfFreedom: 0).cdf(1).isNaN)
        #expect(ChiSquared(degreesOfFreedom: 3).quantile(-0.1).isNaN)
        #expect(ChiSquared(degreesOfFreedom: 3).cdf(-1) == 0)
    }
}
