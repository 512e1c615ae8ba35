import Foundation

/// A fixture table written by Fixtures/make_fixtures.R: a header row, then comma-separated rows.
struct FixtureCSV {
    let rows: [[String: String]]

    init(_ name: String) {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            rows = []
            return
        }
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else {
            rows = []
            return
        }
        rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

extension Dictionary where Key == String, Value == String {
    /// The named column as a number ("inf", "-inf" and "NaN" included).
    func number(_ key: String) -> Double {
        switch self[key] {
        case "inf": return .infinity
        case "-inf": return -.infinity
        case "NaN", nil: return .nan
        case let text?: return Double(text) ?? .nan
        }
    }

    /// The named column as an integer count.
    func count(_ key: String) -> Int { Int(number(key)) }
}

/// Relative difference; exact equality (including matching infinities) gives 0 and a zero reference is
/// compared absolutely.
func relativeError(_ actual: Double, _ reference: Double) -> Double {
    if actual == reference { return 0 }
    if reference == 0 { return abs(actual) }
    return abs(actual - reference) / abs(reference)
}

/// Tolerance for closed forms against R (relative).
let closedFormTolerance = 1e-10
/// Tolerance for results found by iteration or root-finding against R (relative).
let iterativeTolerance = 1e-8
