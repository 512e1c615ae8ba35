import Foundation
import Testing
@testable import OutcomesDistributions

/// Beta, t and F against R's pbeta/qbeta, pt/qt and pf/qf (fixtures): 1e-12 relative. (The t rows with
/// ν = 1e5 need the double-double continued fraction: in plain doubles they were off by 2.1e-12.)
@Suite struct ContinuousFamilyTests {
    @Test(arguments: ["beta", "t", "f"], ["cdf", "sf", "quantile", "upper_quantile"])
    func matchesR(distribution: String, function: String) {
        let rows = FixtureTable.rows(distribution, function)
        #expect(!rows.isEmpty)
        for row in rows {
            let actual = evaluate(row)
            let tolerance = distributionTolerance
            #expect(relativeError(actual, row.value) <= tolerance, "\(row): got \(actual)")
        }
    }

    private func evaluate(_ row: ReferenceRow) -> Double {
        let x = row.argument
        switch row.distribution {
        case "beta":
            let d = Beta(alpha: row.parameter1, beta: row.parameter2)
            switch row.function {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "quantile": return d.quantile(x)
            default: return d.upperQuantile(x)
            }
        case "t":
            let d = StudentT(degreesOfFreedom: row.parameter1)
            switch row.function {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "quantile": return d.quantile(x)
            default: return d.upperQuantile(x)
            }
        default:
            let d = FDistribution(numeratorDegreesOfFreedom: row.parameter1, denominatorDegreesOfFreedom: row.parameter2)
            switch row.function {
            case "cdf": return d.cdf(x)
            case "sf": return d.sf(x)
            case "quantile": return d.quantile(x)
            default: return d.upperQuantile(x)
            }
        }
    }

    /// Closed forms: Beta(1,1) is uniform; t with 1 df is Cauchy (1e-14 relative).
    @Test func closedForms() {
        for x in [0.001, 0.25, 0.9] {
            #expect(relativeError(Beta(alpha: 1, beta: 1).cdf(x), x) <= 1e-14)
        }
        for t in [-20.0, -1.0, 0.3, 5.0] {
            let cauchy = 0.5 + atan(t) / Double.pi
            #expect(relativeError(StudentT(degreesOfFreedom: 1).cdf(t), cauchy) <= 1e-14)
        }
        #expect(relativeError(SpecialFunctions.inverseRegularizedBeta(0.5, a: 2, b: 2), 0.5) <= 1e-15)
    }

    @Test func invalidParametersGiveNaN() {
        #expect(Beta(alpha: 0, beta: 1).cdf(0.5).isNaN)
        #expect(StudentT(degreesOfFreedom: -1).quantile(0.3).isNaN)
        #expect(FDistribution(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 0).sf(2).isNaN)
    }
}

/// Binomial against R's dbinom/pbinom/qbinom: 1e-12 relative; quantiles exactly.
@Suite struct BinomialTests {
    @Test(arguments: ["pmf", "cdf", "sf"])
    func matchesR(function: String) {
        let rows = FixtureTable.rows("binomial", function)
        #expect(!rows.isEmpty)
        for row in rows {
            let d = Binomial(trials: Int(row.parameter1), probability: row.parameter2)
            let k = Int(row.argument)
            let actual = function == "pmf" ? d.pmf(k) : (function == "cdf" ? d.cdf(k) : d.sf(k))
            #expect(relativeError(actual, row.value) <= distributionTolerance, "\(row): got \(actual)")
        }
    }

    @Test func quantileMatchesR() {
        let rows = FixtureTable.rows("binomial", "quantile")
        #expect(!rows.isEmpty)
        for row in rows {
            let d = Binomial(trials: Int(row.parameter1), probability: row.parameter2)
            #expect(d.quantile(row.argument) == Int(row.value), "\(row)")
        }
    }

    /// The mass sums to one (1e-13 absolute) and the cdf is its running sum (1e-13 relative).
    @Test func massIsConsistentWithCDF() {
        let d = Binomial(trials: 37, probability: 0.41)
        var running = 0.0
        for k in 0...37 {
            running += d.pmf(k)
            #expect(relativeError(d.cdf(k), running) <= 1e-13)
        }
        #expect(abs(running - 1) <= 1e-13)
        #expect(d.quantile(1.2) == nil)
        #expect(Binomial(trials: 5, probability: 1.5).pmf(2).isNaN)
    }
}
