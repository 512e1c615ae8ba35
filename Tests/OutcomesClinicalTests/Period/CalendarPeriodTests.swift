import Testing
@testable import OutcomesClinical

@Suite struct CalendarPeriodTests {
    @Test func quartersAndYearsCoverTheirDays() throws {
        let q3 = try CalendarPeriod(parsing: "2025-Q3")
        #expect(q3.startDay == 20_270 && q3.endDay == 20_362, "2025-07-01 is day 20270; 2025-10-01 is day 20362")
        let q4 = try CalendarPeriod(parsing: "2024-q4")
        #expect(q4.label == "2024-Q4" && q4.endDay == 20_089, "2025-01-01 is day 20089")
        let year = try CalendarPeriod(parsing: "2024")
        #expect(year.endDay - year.startDay == 366)
        #expect(q3.contains(seconds: 20_270 * 86_400) && !q3.contains(seconds: 20_362 * 86_400))
        #expect(q3.contains(seconds: 20_362 * 86_400 - 1))
    }

    @Test func explicitDatesAreInclusive() throws {
        let period = try CalendarPeriod(from: "2025-07-01", to: "2025-07-31")
        #expect(period.endDay - period.startDay == 31)
        #expect(throws: CalendarPeriodError.badDate("2025-02-29")) { try CalendarPeriod(from: "2025-02-29", to: "2025-03-01") }
        #expect(throws: CalendarPeriodError.reversed(from: "2025-08-01", to: "2025-07-01")) {
            try CalendarPeriod(from: "2025-08-01", to: "2025-07-01")
        }
    }

    @Test func badPeriodsSayWhatToWrite() {
        for text in ["2025-Q5", "25-Q1", "2025-07", "Q3-2025", ""] {
            #expect(throws: CalendarPeriodError.unrecognised(text)) { try CalendarPeriod(parsing: text) }
        }
        #expect(CalendarPeriodError.unrecognised("x").description.contains("--period 2025-Q3"))
    }

    @Test func trailingQuartersEndWithThePeriod() throws {
        let quarters = try CalendarPeriod(parsing: "2025-Q3").trailingQuarters(8)
        #expect(quarters.map(\.label) == ["2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"])
    }
}
