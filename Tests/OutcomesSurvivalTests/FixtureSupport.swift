import Foundation
import Testing
@testable import OutcomesSurvival

/// Reference values written by Fixtures/make_fixtures.R (`shared`) and Fixtures/make_fixtures_estimators.R
/// (`estimators`): case → quantity → space-separated tokens.
struct Reference {
    let table: [String: [String: [String]]]

    static let shared = load("reference.csv")
    static let estimators = load("estimators_reference.csv")

    static func load(_ file: String) -> Reference {
        let text = Fixture.text(file)
        var table: [String: [String: [String]]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let values = parts[2].split(separator: " ").map(String.init)
            table[String(parts[0]), default: [:]][String(parts[1])] = values
        }
        return Reference(table: table)
    }

    func strings(_ c: String, _ q: String) -> [String] {
        guard let v = table[c]?[q] else { Issue.record("missing reference \(c).\(q)"); return [] }
        return v
    }

    /// Numbers, with R's NA and NaN both read as NaN.
    func numbers(_ c: String, _ q: String) -> [Double] {
        strings(c, q).map { $0 == "NA" || $0 == "NaN" ? .nan : Double($0)! }
    }

    func number(_ c: String, _ q: String) -> Double { numbers(c, q).first ?? .nan }
}

/// A data set written by the R script: numeric columns (empty → nil) and the raw text.
struct Fixture {
    let header: [String]
    let cells: [[String]]

    static func text(_ name: String) -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures"),
              let s = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("fixture \(name) not found")
            return ""
        }
        return s
    }

    init(_ name: String) {
        let lines = Fixture.text(name + ".csv").split(separator: "\n").map(String.init)
        header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func optionalColumn(_ name: String) -> [Double?] {
        guard let j = header.firstIndex(of: name) else { Issue.record("no column \(name)"); return [] }
        return cells.map { Double($0[j]) }
    }

    func text(_ name: String) -> [String] {
        guard let j = header.firstIndex(of: name) else { Issue.record("no column \(name)"); return [] }
        return cells.map { $0[j] }
    }

    /// Rows where every named column has a number.
    func completeRows(_ names: [String]) -> [Int] {
        let cols = names.map(optionalColumn)
        return cells.indices.filter { i in cols.allSatisfy { $0[i] != nil } }
    }

    func column(_ name: String, rows: [Int]? = nil) -> [Double] {
        let c = optionalColumn(name)
        return (rows ?? Array(c.indices)).map { c[$0] ?? .nan }
    }
}

/// |a − b| ≤ tolerance · max(1, |b|), with NaN matching NaN (R's NA).
func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// |a − b| ≤ tolerance · |b| (pure relative), with NaN matching NaN.
func closeRelative(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= tolerance * abs(b) + 1e-300
}

func expectClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double, relative: Bool = false,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, R has \(expected.count)", sourceLocation: sourceLocation)
    for (k, (a, b)) in zip(actual, expected).enumerated() {
        let ok = relative ? closeRelative(a, b, tolerance) : close(a, b, tolerance)
        if !ok {
            Issue.record("\(what)[\(k)]: \(a) vs R \(b) (tolerance \(tolerance))", sourceLocation: sourceLocation)
            return
        }
    }
}
