import Foundation

/// Output formats of the proportion commands.
public enum ProportionReportFormat: String, CaseIterable, Sendable {
    /// Aligned human-readable lines.
    case text
    /// A header row and one data row.
    case csv
    /// One JSON object with snake_case keys in a fixed order.
    case json
}

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

/// A value in a report row: numbers are formatted deterministically (no locale).
enum ProportionReportValue {
    case integer(Int)
    case number(Double)
    case text(String)
    case flag(Bool)
    case missing

    /// Machine formats: the shortest decimal that round-trips (Swift's `description`), `null`/empty when
    /// missing or not finite.
    func machine(json: Bool) -> String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return value.isFinite ? value.description : (json ? "null" : "")
        case .text(let value): return json ? "\"" + escaped(value) + "\"" : csvField(value)
        case .flag(let value): return value ? "true" : "false"
        case .missing: return json ? "null" : ""
        }
    }

    /// Text format: proportions and statistics with 4 decimals, p-values below 0.0001 in scientific form.
    var human: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return ProportionReportValue.fixed(value)
        case .text(let value): return value
        case .flag(let value): return value ? "yes" : "no"
        case .missing: return "-"
        }
    }

    static func fixed(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
        if value != 0 && abs(value) < 1e-4 { return String(format: "%.3e", value) }
        return String(format: "%.4f", value)
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    private func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// Renders an ordered list of named values in one of the formats.
struct ReportRecord {
    var fields: [(key: String, label: String, value: ProportionReportValue)] = []

    mutating func add(_ key: String, _ label: String, _ value: ProportionReportValue) {
        fields.append((key, label, value))
    }

    func render(_ format: ProportionReportFormat, title: String) -> String {
        switch format {
        case .json:
            let body = fields.map { "  \"\($0.key)\": \($0.value.machine(json: true))" }.joined(separator: ",\n")
            return "{\n" + body + "\n}\n"
        case .csv:
            return fields.map(\.key).joined(separator: ",") + "\n"
                + fields.map { $0.value.machine(json: false) }.joined(separator: ",") + "\n"
        case .text:
            let width = fields.map(\.label.count).max() ?? 0
            let lines = fields.map { $0.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.value.human }
            return ([title] + lines).joined(separator: "\n") + "\n"
        }
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

func parseFormat(_ text: String) throws(ProportionReportInputError) -> ProportionReportFormat {
    guard let format = ProportionReportFormat(rawValue: text) else {
        throw .unknownChoice(option: "--format", value: text, accepted: ProportionReportFormat.allCases.map(\.rawValue))
    }
    return format
}
