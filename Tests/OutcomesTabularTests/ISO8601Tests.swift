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
}
