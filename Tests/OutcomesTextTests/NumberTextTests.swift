import Testing
import Foundation
import OutcomesText

@Test(arguments: [(3.0, "3"), (0.1, "0.1"), (-2.0, "-2"), (1.2151098578542988e-49, "1.2151098578542988e-49"), (0.95, "0.95")])
func shortestReadsBackExactly(x: Double, text: String) {
    #expect(NumberText.shortest(x) == text)
    #expect(Double(text) == x)
}

@Test func fixedRoundsHalfAwayFromZeroAndKeepsZeros() {
    #expect(NumberText.fixed(0.5, 3) == "0.500")
    #expect(NumberText.fixed(2.675, 1) == "2.7")
    #expect(NumberText.fixed(-0.04, 1) == "0.0")     // no "-0.0"
    #expect(NumberText.fixed(-1.25, 1) == "-1.3")
    #expect(NumberText.fixed(9.96, 1) == "10.0")
    #expect(NumberText.fixed(.nan, 2) == "NaN" && NumberText.fixed(-.infinity, 2) == "-Inf")
}

@Test func compactLevelsAndPValues() {
    #expect(NumberText.compact(3) == "3" && NumberText.compact(2.5) == "2.5" && NumberText.compact(1.0 / 3, 3) == "0.333")
    #expect(NumberText.level(0.95) == "95 %" && NumberText.level(0.9) == "90 %" && NumberText.level(0.975) == "97.5 %")
    #expect(NumberText.pValue(0.01234) == "0.0123" && NumberText.pValue(0.00001) == "< 0.0001" && NumberText.pValue(.nan) == "not estimable")
}

@Test func jsonEscapesAndNumbers() {
    #expect(JSONText.string("a\"b\\c\nd\u{01}é") == "\"a\\\"b\\\\c\\nd\\u0001é\"")
    #expect(JSONText.number(1) == "1" && JSONText.number(0.25) == "0.25" && JSONText.number(.infinity) == "null" && JSONText.number(.nan) == "null")
}

/// The in-place digit writer against the same rounding written with string concatenation, over 200,000
/// values of every magnitude from 1e-6 to 1e12, both signs, 0 to 6 decimals (a fixed seed: no false failures).
@Test func fixedMatchesConcatenatedDigits() {
    func reference(_ x: Double, _ digits: Int) -> String {
        let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
        let r = (abs(x) * scale).rounded() / scale
        var whole = r.rounded(.down)
        var frac = ((r - whole) * scale).rounded()
        if frac >= scale { whole += 1; frac = 0 }
        var s = (x < 0 && r != 0 ? "-" : "") + String(Int64(whole))
        if digits > 0 {
            let f = String(Int64(frac))
            s += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
        }
        return s
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 11 }
    var mismatches = 0
    for _ in 0..<200_000 {
        let magnitude = pow(10, Double(next() % 1_900) / 100 - 6)
        let x = (next() % 2 == 0 ? -1 : 1) * magnitude * Double(next() % 1_000_000) / 1_000_000
        let digits = Int(next() % 7)
        if NumberText.fixed(x, digits) != reference(x, digits) { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(NumberText.fixed(0, 0) == "0" && NumberText.fixed(-0.4, 0) == "0" && NumberText.fixed(-0.6, 0) == "-1")
}
