import Testing
@testable import OutcomesTabular

@Suite struct DecimalNumberTests {
    /// Every generated string (random doubles at 15–17 digits and shortest, random digit strings with signs,
    /// points and exponents, halfway cases, subnormals, near-overflow) and every adversarial input gives the
    /// same result as strtod: the same bits (tolerance 0), or both "not a number", or both "not finite".
    /// Fixed seed: deterministic, no false failures. `outcomes-benchmark numbers` runs millions more.
    @Test func matchesStrtodBitForBit() {
        let outcome = DecimalParsingCheck.run(count: 300_000, seed: 20_261_205)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.joined(separator: "\n"))")
        #expect(outcome.checked == 300_000 + DecimalParsingCheck.adversarial.count)
        // Most strings take the fast path (the rest: more than 19 digits, or not numbers at all).
        #expect(outcome.fastPath > outcome.checked / 2)
    }

    @Test func signsZerosAndShortForms() {
        func parse(_ text: String) -> Double? {
            var bytes = Array(text.utf8)
            let count = bytes.count
            bytes.append(0)
            return bytes.withUnsafeBufferPointer { DecimalNumbers.parse($0.baseAddress!, count) }
        }
        #expect(parse("-0")?.bitPattern == (-0.0).bitPattern)
        #expect(parse("+1.5") == 1.5)
        #expect(parse(".5") == 0.5)
        #expect(parse("5.") == 5)
        #expect(parse("1e308") == 1e308)
        #expect(parse("1e309") == .infinity)
        #expect(parse("4.9e-324") == Double.leastNonzeroMagnitude)
        #expect(parse("9007199254740993") == 9_007_199_254_740_992) // halfway: rounds to even
        #expect(parse("12345678901234567890") == nil) // 20 digits: left to strtod
        #expect(parse(".") == nil)
        #expect(parse("1e") == nil)
    }
}
