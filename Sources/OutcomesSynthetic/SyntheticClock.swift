import OutcomesClinical
import OutcomesTabular

/// Converts the generator's minute counts into calendar timestamps with integer arithmetic only.
enum SyntheticClock {
    static let minutesPerDay = 1440

    // Calendar arithmetic is integer-only in OutcomesTabular's ISO 8601 support; the generator uses it too.
    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        ISO8601.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// The calendar date of a day count since 1970-01-01.
    static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        ISO8601.civilDate(daysSinceEpoch: days)
    }
}
