#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import OutcomesTabular

@Suite struct FieldParserTests {
    /// The exact fast path must give the same double as strtod (tolerance 0: bit-identical) on typical decimals.
    @Test func fastDecimalPathMatchesStrtodExactly() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            let integerPart = next() % 1_000_000
            let decimals = Int(next() % 9)
            let fraction = decimals == 0 ? "" : "." + String(String(next() % 1_000_000_000).prefix(decimals))
            let text = (next() % 2 == 0 ? "-" : "") + String(integerPart) + fraction
            var bytes = Array(text.utf8)
            let count = bytes.count
            bytes.append(0)
            let fast = bytes.withUnsafeBufferPointer { FieldParsers.parseDouble($0.baseAddress!, count) }
            let reference = strtod(text, nil)
            guard case .value(let value) = fast else { Issue.record("\(text) not parsed"); continue }
            #expect(value.bitPattern == reference.bitPattern, "\(text)")
        }
    }

    @Test func exponentsAndLongMantissasFallBackToStrtod() {
        for text in ["1e3", "1.5E-2", "12345678901234567890", "0.1000000000000000055511151231257827"] {
            var bytes = Array(text.utf8)
            let count = bytes.count
            bytes.append(0)
            let parsed = bytes.withUnsafeBufferPointer { FieldParsers.parseDouble($0.baseAddress!, count) }
            guard case .value(let value) = parsed else { Issue.record("\(text) not parsed"); continue }
            #expect(value == strtod(text, nil)) // tolerance 0
        }
    }

    @Test func hexadecimalAndTrailingTextAreNotNumbers() {
        for text in ["0x1p3", "1.5kg", "1..2", "-", "."] {
            var bytes = Array(text.utf8)
            let count = bytes.count
            bytes.append(0)
            let parsed = bytes.withUnsafeBufferPointer { FieldParsers.parseDouble($0.baseAddress!, count) }
            guard case .notANumber = parsed else { Issue.record("\(text) accepted"); continue }
        }
    }
}
