import Foundation

/// Invalid command input that the statistics layer does not see (syntax of counts, names of options).
public enum ProportionReportInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `K/N` count could not be read.
    case malformedCount(option: String, value: String)
    /// An option value is not one of the accepted names.
    case unknownChoice(option: String, value: String, accepted: [String])

    /// A message naming the offending value.
    public var description: String {
        switch self {
        case .malformedCount(let option, let value):
            return "\(option) expects SUCCESSES/TRIALS with whole numbers, for example 42/50 (got '\(value)')"
        case .unknownChoice(let option, let value, let accepted):
            return "\(option) must be one of \(accepted.joined(separator: ", ")) (got '\(value)')"
        }
    }
}

/// The fields of a single-result proportion report, in output order, rendered as a flat record of a
/// ``ReportDocument`` (one flat JSON object, a CSV header and row, or aligned text lines).
struct ProportionRecord {
    private var fields: [(String, ReportValue)] = []
    private var labels: [String: String] = [:]

    /// Appends a field: `key` names it in JSON and CSV, `label` in text.
    mutating func add(_ key: String, _ label: String, _ value: ReportValue) {
        fields.append((key, value))
        labels[key] = label
    }

    func render(_ format: ReportFormat, analysis: String, title: String) -> String {
        ReportDocument(analysis: analysis, title: title, conventions: [], notes: [],
                       sections: [.fields(name: "result", fields)], labels: labels).renderFlatRecord(format)
    }
}

/// Reads `K/N` into (successes, trials).
func parseCount(_ text: String, option: String) throws(ProportionReportInputError) -> (Int, Int) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2,
          let successes = Int(parts[0].trimmingCharacters(in: .whitespaces)),
          let trials = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
        throw .malformedCount(option: option, value: text)
    }
    return (successes, trials)
}

/// The formats the proportion commands accept (their CLI offers text, csv and json).
let proportionFormats: [ReportFormat] = [.text, .csv, .json]

func parseFormat(_ text: String) throws(ProportionReportInputError) -> ReportFormat {
    guard let format = ReportFormat(rawValue: text), proportionFormats.contains(format) else {
        throw .unknownChoice(option: "--format", value: text, accepted: proportionFormats.map(\.rawValue))
    }
    return format
}
