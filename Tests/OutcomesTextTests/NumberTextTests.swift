import Testing
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
