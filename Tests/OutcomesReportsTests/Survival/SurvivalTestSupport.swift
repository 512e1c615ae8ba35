import Foundation
import Testing
@testable import OutcomesReports

/// Writes `text` to a fresh temporary file and returns its path.
func survivalTemporaryFile(_ text: String, suffix: String = "csv") throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("survival-\(UUID().uuidString).\(suffix)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// The path of a file in Fixtures/ (written by make_fixtures_cli.R).
func survivalFixturePath(_ name: String) -> String {
    let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
    return Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures")!.path
}

/// R's reference values of make_fixtures_cli.R: case → quantity → numbers (NA as NaN).
struct CLIReference {
    let table: [String: [String: [Double]]]

    static let shared: CLIReference = {
        let text = (try? String(contentsOfFile: survivalFixturePath("cli_reference.csv"), encoding: .utf8)) ?? ""
        var table: [String: [String: [Double]]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            table[String(parts[0]), default: [:]][String(parts[1])] = parts[2].split(separator: " ").map { $0 == "NA" ? .nan : Double($0)! }
        }
        return CLIReference(table: table)
    }()

    func numbers(_ c: String, _ q: String) -> [Double] {
        guard let v = table[c]?[q] else { Issue.record("missing reference \(c).\(q)"); return [] }
        return v
    }
}

/// The JSON output of a request, parsed.
func survivalJSON(_ request: SurvivalRequest) throws -> [String: Any] {
    var r = request
    r.format = .json
    let text = try SurvivalReports.run(r)
    return try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
}

/// A JSON table (array of objects) as rows.
func survivalRows(_ json: [String: Any], _ name: String) -> [[String: Any]] {
    json[name] as? [[String: Any]] ?? []
}

/// A JSON number (nil for null).
func survivalNumber(_ value: Any?) -> Double? {
    (value as? NSNumber)?.doubleValue
}

/// Relative-or-absolute closeness: |a − b| ≤ tolerance × max(1, |b|).
func survivalClose(_ a: Double?, _ b: Double, _ tolerance: Double) -> Bool {
    guard let a else { return b.isNaN }
    if b.isNaN { return a.isNaN }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
