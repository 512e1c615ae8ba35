import Testing
@testable import OutcomesTabular

/// Reference epoch seconds computed with Python's `datetime.fromisoformat(s).timestamp()`; exact comparisons.
@Suite struct ISO8601Tests {
    @Test(arguments: [
        ("2025-03-04T09:30:00", 1_741_080_600.0),
        ("2025-03-04 09:30", 1_741_080_600.0),
        ("2025-03-04T09:30:00Z", 1_741_080_600.0),
        ("2025-03-06T10:00:00+01:00", 1_741_251_600.0),
        ("2000-01-01T00:00:00-0530", 946_704_600.0),
        ("1969-12-31T23:59:59", -1.0),
        ("1600-03-01", -11_670_912_000.0),
        ("2024-02-29", 1_709_164_800.0),
    ])
    func parsesAcceptedForms(text: String, expected: Double) {
        #expect(ISO8601.parse(text) == .seconds(expected))
    }

    @Test func fractionalSecondsAreKept() {
        guard case .seconds(let value) = ISO8601.parse("1970-01-01T00:00:01.25Z") else { Issue.record("not parsed"); return }
        #expect(abs(value - 1.25) < 1e-12) // tolerance: decimal fraction accumulation
    }

    @Test(arguments: ["2026-02-30", "2023-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-01T24:00", "2025-01-01T10:60"])
    func rejectsImpossibleDates(text: String) {
        guard case .impossible = ISO8601.parse(text) else { Issue.record("\(text) not rejected as impossible"); return }
    }

    @Test(arguments: ["2025-3-4", "04/03/2025", "2025-03-04T", "2025-03-04T09", "2025-03-04T09:30:00+1", "2025-03-04x", ""])
    func rejectsMalformedText(text: String) {
        guard case .malformed = ISO8601.parse(text) else { Issue.record("\(text) not rejected as malformed"); return }
    }

    @Test func formattingInvertsParsing() {
        for text in ["1600-03-01T00:00:00", "1969-12-31T23:59:59", "2024-02-29T08:00:00", "2099-12-31T23:59:59"] {
            guard case .seconds(let value) = ISO8601.parse(text) else { Issue.record("not parsed"); continue }
            #expect(ISO8601.formatDateTime(value) == text)
        }
        #expect(ISO8601.formatDate(1_741_080_600) == "2025-03-04")
    }

    /// The in-place formatter against the civil-date arithmetic, written out field by field, over instants
    /// spread across years 1…9999 (every 97,003,711 s, about 3 years, so every month and leap rule is met),
    /// plus fractions of a second (dropped) and years outside four digits (the padded fallback).
    @Test func inPlaceFormattingMatchesFieldArithmetic() {
        func expected(_ seconds: Double) -> String {
            let whole = Int(seconds.rounded(.down))
            let days = Int((Double(whole) / 86_400).rounded(.down))
            let (y, m, d) = ISO8601.civilDate(daysSinceEpoch: days)
            let t = whole - days * 86_400
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
            return "\(year)-\(two(m))-\(two(d))T\(two(t / 3600)):\(two(t / 60 % 60)):\(two(t % 60))"
        }
        let first = Double(ISO8601.daysSinceEpoch(year: 1, month: 1, day: 1)) * 86_400
        let last = Double(ISO8601.daysSinceEpoch(year: 9999, month: 12, day: 31)) * 86_400 + 86_399
        var checked = 0
        for seconds in stride(from: first, through: last, by: 97_003_711) {
            #expect(ISO8601.formatDateTime(seconds) == expected(seconds))
            #expect(ISO8601.formatDateTime(seconds + 0.75) == expected(seconds))
            checked += 1
        }
        #expect(checked > 3000)
        #expect(ISO8601.formatDateTime(last) == "9999-12-31T23:59:59")
        let year10000 = Double(ISO8601.daysSinceEpoch(year: 10000, month: 1, day: 1)) * 86_400 + 3_661
        #expect(ISO8601.formatDateTime(year10000) == "10000-01-01T01:01:01")
        #expect(ISO8601.formatDate(year10000) == "10000-01-01")
    }
}
