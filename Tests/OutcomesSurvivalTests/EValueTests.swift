import Foundation
import Testing
@testable import OutcomesSurvival

// Hand values from the published formulas (VanderWeele & Ding 2017): E = RR + √(RR(RR − 1)), RR < 1
// inverted first; common outcome RR ≈ (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)). Tolerance 1e-12 relative.

@Test("E-value of a risk ratio: the paper's example RR 3.9 (CI 1.8–8.7) gives 7.26 and 3.0")
func eValuePublishedExample() throws {
    let r = try #require(EValue.forHazardRatio(3.9, lower: 1.8, upper: 8.7))
    #expect(closeRelative(r.estimate, 7.26303434416004734, 1e-12))
    #expect(closeRelative(try #require(r.limit), 3.0, 1e-12))
    #expect(r.riskRatio == 3.9)
}

@Test("E-value below 1 uses 1/RR and the upper limit; an interval across 1 gives limit 1")
func eValueProtectiveAndNull() throws {
    let r = try #require(EValue.forHazardRatio(0.5, lower: 0.3, upper: 0.8))
    #expect(closeRelative(r.estimate, 3.41421356237309492, 1e-12))
    #expect(closeRelative(try #require(r.limit), 1.80901699437494745, 1e-12))
    let across = try #require(EValue.forHazardRatio(0.7, lower: 0.4, upper: 1.2))
    #expect(across.limit == 1)
    #expect(EValue.forRiskRatio(1) == 1)
    #expect(try #require(EValue.forHazardRatio(2)).limit == nil)
}

@Test("E-value for a common outcome converts the hazard ratio with the square-root formula")
func eValueCommonOutcome() throws {
    let up = try #require(EValue.forHazardRatio(2, outcome: .common))
    #expect(closeRelative(up.riskRatio, 1.61254732653606592, 1e-12))
    #expect(closeRelative(up.estimate, 2.60640926553088814, 1e-12))
    let down = try #require(EValue.forHazardRatio(0.4, lower: 0.2, upper: 0.7, outcome: .common))
    #expect(closeRelative(down.riskRatio, 0.53309108634533575, 1e-12))
    #expect(closeRelative(down.estimate, 3.15763549197564952, 1e-12))
    #expect(closeRelative(try #require(down.limit), 1.87868551283740692, 1e-12))
}

@Test("E-value refuses non-positive, non-finite or unbracketing input")
func eValueBadInput() {
    #expect(EValue.forRiskRatio(0) == nil)
    #expect(EValue.forRiskRatio(.nan) == nil)
    #expect(EValue.forHazardRatio(.infinity) == nil)
    #expect(EValue.forHazardRatio(2, lower: 2.5, upper: 3) == nil)
}

@Test("E-value of a fitted hazard ratio uses its estimate and interval")
func eValueOfFittedHazardRatio() throws {
    let hr = ParametricHazardRatio(name: "b", logHazardRatio: log(0.5), standardError: 0.2, lower: 0.3, upper: 0.8, pValue: 0.001)
    let e = try #require(hr.eValue())
    #expect(closeRelative(e.estimate, 3.41421356237309492, 1e-12))
    #expect(closeRelative(try #require(e.limit), 1.80901699437494745, 1e-12))
}
