import Foundation

/// One reference value computed by R (see Fixtures/make_fixtures.R).
struct ReferenceRow: Sendable, CustomStringConvertible {
    let distribution: String
    let function: String
    let parameter1: Double
    let parameter2: Double
    let argument: Double
    let value: Double

    var description: String {
        "\(distribution).\(function)(\(parameter1), \(parameter2); \(argument)) = \(value)"
    }
}

/// Loads `distributions.csv` from the test bundle.
enum FixtureTable {
    static let rows: [ReferenceRow] = {
        guard let url = Bundle.module.url(forResource: "distributions", withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return ReferenceRow(distribution: fields[0], function: fields[1],
                                parameter1: parse(fields[2]), parameter2: parse(fields[3]),
                                argument: parse(fields[4]), value: parse(fields[5]))
        }
    }()

    static func rows(_ distribution: String, _ function: String) -> [ReferenceRow] {
        rows.filter { $0.distribution == distribution && $0.function == function }
    }

    private static func parse(_ field: String) -> Double {
        switch field {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "NaN": return .nan
        default: return Double(field) ?? .nan
        }
    }
}

/// Relative difference |a − b| / |b|; exact equality (including matching infinities) gives 0,
/// and a zero reference is compared absolutely.
func relativeError(_ actual: Double, _ reference: Double) -> Double {
    if actual == reference { return 0 }
    if reference == 0 { return abs(actual) }
    return abs(actual - reference) / abs(reference)
}
