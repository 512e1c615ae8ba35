import Foundation
import OutcomesTabular

/// Time that means one thing: a time written without a UTC offset is local clock time of an unknown zone.
///
/// - If every time in the dataset has an offset, or none does, the times are taken as written (without an
///   offset: as if UTC, so one clinic's local times stay comparable with each other).
/// - If the dataset mixes the two, every row whose time has no offset is rejected, naming the row, unless the
///   plan sets `time.assume_zone`; mixing would otherwise shift those rows by the zone's offset silently.
/// - With `time.assume_zone` (an IANA zone such as `America/New_York`), times without an offset are read as
///   that zone's local clock, with its daylight-saving rules: an ambiguous local time (the repeated hour when
///   clocks go back) is the first occurrence; a local time that does not exist (skipped when clocks go
///   forward) moves forward by the gap. All arithmetic after that is in UTC.
///
/// Which fields had an offset comes from the reader, which records it while parsing (``CSVTable/timeForms``).
public struct TimeZoneRules: Sendable {
    /// The zone for times without an offset, or nil.
    public let assumeZone: TimeZone?
    /// Per file: the physical lines whose time has an offset, and whether any lacks one.
    var scans: [DatasetFile: TimeForms] = [:]

    /// No zone and no scans: times are taken as written (for callers that build tables in memory).
    public static let asWritten = TimeZoneRules(assumeZone: nil)

    init(assumeZone: TimeZone?) { self.assumeZone = assumeZone }

    /// The forms of the time column of each dataset file read (`tables`, by file).
    init(tables: [DatasetFile: CSVTable], assumeZone: TimeZone?) {
        self.assumeZone = assumeZone
        for (file, column) in [(DatasetFile.infusions, "start"), (.assessments, "time"), (.adverseEvents, "time")] {
            if let forms = tables[file]?.timeForms[column] { scans[file] = forms }
        }
        mixesForms = scans.values.contains { $0.withOffset > 0 } && scans.values.contains { $0.withoutOffset > 0 }
    }

    /// Whether the dataset mixes times with and without an offset.
    private(set) var mixesForms = false

    /// The times of `column` in `table`, with times without an offset converted from the assumed zone.
    func times(_ table: CSVTable, _ column: String, _ file: DatasetFile) -> [Double] {
        let values = table.dateTimes(column)
        guard let zone = assumeZone, let scan = scans[file], scan.withoutOffset > 0 else { return values }
        var converter = LocalTimeConverter(zone: zone)
        return values.indices.map { row in
            let value = values[row]
            return value.isNaN || scan.hasOffset(line: Int(table.lines[row])) ? value : converter.utc(fromLocal: value)
        }
    }

    /// Rejects `row` when its time has no offset in a dataset that mixes forms and no zone is assumed.
    func check(_ row: Int, _ table: CSVTable, _ column: String, _ file: DatasetFile, _ value: Double, _ rules: inout RuleCollector) {
        guard mixesForms, assumeZone == nil, let scan = scans[file], !value.isNaN,
              !scan.hasOffset(line: Int(table.lines[row])) else { return }
        rules.reject(row, column, ISO8601.formatDateTime(value),
                     "time without a UTC offset in a dataset whose other times have one\(exampleText); "
                     + "set time.assume_zone in the plan (an IANA zone such as America/New_York) or write every time with its offset")
    }

    private var exampleText: String {
        guard let (file, line) = scans.sorted(by: { $0.key.fileName < $1.key.fileName })
            .compactMap({ f, s in s.firstOffsetLine.map { (f, $0) } }).first else { return "" }
        return " (e.g. \(file.fileName) line \(line))"
    }
}

/// Local clock time of a zone to UTC, with the zone's daylight-saving rules, memoised per local quarter hour
/// (every transition of the IANA zones in use falls on a quarter hour).
struct LocalTimeConverter {
    let zone: TimeZone
    private var memo: [Int: Double] = [:]

    init(zone: TimeZone) { self.zone = zone }

    /// `local` is the local clock reading expressed as seconds since 1970 as if it were UTC.
    mutating func utc(fromLocal local: Double) -> Double {
        let bucket = Int((local / 900).rounded(.down))
        if let offset = memo[bucket] { return local - offset }
        let start = Double(bucket) * 900
        let offset = Self.offset(forLocal: start, zone)
        memo[bucket] = offset
        return local - offset
    }

    /// The UTC offset that applies to a local reading: the first occurrence when it is ambiguous, the offset
    /// before the change when it does not exist (so the time moves forward by the gap).
    static func offset(forLocal local: Double, _ zone: TimeZone) -> Double {
        func offsetAt(_ utc: Double) -> Double { Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: utc))) }
        let candidates = Set([offsetAt(local - 86_400), offsetAt(local), offsetAt(local + 86_400)])
        let valid = candidates.filter { offsetAt(local - $0) == $0 }
        if let first = valid.max() { return first }   // ambiguous: the larger offset is the earlier instant
        return candidates.min()!                      // in a gap: clocks went forward, so the smaller offset was in force before it
    }
}

/// IANA zone names for `time.assume_zone`.
public enum PlanTimeZone {
    /// The zone called `name` when it is an IANA region name (e.g. America/New_York, Europe/Berlin, UTC);
    /// abbreviations such as EST are refused because they do not say which daylight-saving rules apply.
    public static func zone(named name: String) -> TimeZone? {
        guard name == "UTC" || name.contains("/"), TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "UTC" else { return nil }
        return TimeZone(identifier: name)
    }
}
