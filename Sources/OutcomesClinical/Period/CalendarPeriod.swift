import OutcomesTabular

/// A calendar reporting period as a user writes it (`--period 2025-Q3`), for an outcome report: the induction series that started in it are reported, with
/// follow-up to the end of the data. Days are UTC calendar days, counted from 1970-01-01; `end` is exclusive.
public struct CalendarPeriod: Sendable, Equatable, CustomStringConvertible {
    public var startDay: Int
    public var endDay: Int
    /// How the period was written: `2025-Q3`, `2025`, or `2025-07-01 to 2025-09-30`.
    public var label: String

    public init(startDay: Int, endDay: Int, label: String) {
        precondition(startDay < endDay, "a period holds at least one day")
        self.startDay = startDay
        self.endDay = endDay
        self.label = label
    }

    public var description: String { label }

    /// A quarter (`2025-Q3`) or a calendar year (`2025`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let yearText = parts.first, yearText.count == 4, let year = Int(yearText), year >= 1900, year <= 9999 else {
            throw CalendarPeriodError.unrecognised(text)
        }
        switch parts.count {
        case 1:
            self.init(startDay: CivilDate.days(year: year, month: 1, day: 1),
                      endDay: CivilDate.days(year: year + 1, month: 1, day: 1), label: text)
        case 2:
            let quarterText = parts[1]
            guard quarterText.count == 2, quarterText.first == "Q" || quarterText.first == "q",
                  let quarter = Int(quarterText.dropFirst()), (1...4).contains(quarter) else {
                throw CalendarPeriodError.unrecognised(text)
            }
            let firstMonth = 3 * (quarter - 1) + 1
            let end = quarter == 4 ? CivilDate.days(year: year + 1, month: 1, day: 1)
                                   : CivilDate.days(year: year, month: firstMonth + 3, day: 1)
            self.init(startDay: CivilDate.days(year: year, month: firstMonth, day: 1), endDay: end,
                      label: "\(year)-Q\(quarter)")
        default:
            throw CalendarPeriodError.unrecognised(text)
        }
    }

    /// `--from DATE --to DATE`, both inclusive ISO dates (YYYY-MM-DD).
    public init(from: String, to: String) throws {
        guard let start = CivilDate.parse(from) else { throw CalendarPeriodError.badDate(from) }
        guard let last = CivilDate.parse(to) else { throw CalendarPeriodError.badDate(to) }
        guard start <= last else { throw CalendarPeriodError.reversed(from: from, to: to) }
        self.init(startDay: start, endDay: last + 1, label: "\(from) to \(to)")
    }

    /// The same span as the count API's period (seconds since 1970, end exclusive).
    public var reportingPeriod: ReportingPeriod {
        .between(start: Double(startDay) * 86_400, end: Double(endDay) * 86_400)
    }

    /// Whether a time (seconds since 1970-01-01 UTC) falls in the period.
    public func contains(seconds: Int64) -> Bool {
        let day = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        return day >= startDay && day < endDay
    }

    /// The calendar quarter holding `day`, as a period.
    public static func quarter(containing day: Int) -> CalendarPeriod {
        let (year, month, _) = CivilDate.civil(fromDays: day)
        return try! CalendarPeriod(parsing: "\(year)-Q\((month - 1) / 3 + 1)")
    }

    /// This quarter and the `count − 1` quarters before it, oldest first (the report's trend section).
    public func trailingQuarters(_ count: Int) -> [CalendarPeriod] {
        var quarters = [CalendarPeriod.quarter(containing: endDay - 1)]
        while quarters.count < count { quarters.insert(.quarter(containing: quarters[0].startDay - 1), at: 0) }
        return quarters
    }
}

public enum CalendarPeriodError: Error, Equatable, CustomStringConvertible {
    case unrecognised(String)
    case badDate(String)
    case reversed(from: String, to: String)

    public var description: String {
        switch self {
        case .unrecognised(let text): return "period '\(text)' is not a quarter or a year: write e.g. --period 2025-Q3 or --period 2025"
        case .badDate(let text): return "'\(text)' is not a date: write YYYY-MM-DD"
        case .reversed(let from, let to): return "--from \(from) is after --to \(to)"
        }
    }
}

/// Calendar arithmetic on day numbers (days since 1970-01-01), through OutcomesTabular's one calendar.
enum CivilDate {
    static func days(year: Int, month: Int, day: Int) -> Int { ISO8601.daysSinceEpoch(year: year, month: month, day: day) }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) { ISO8601.civilDate(daysSinceEpoch: days) }

    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= ISO8601.daysInMonth(year: year, month: month) else { return nil }
        return days(year: year, month: month, day: day)
    }
}
