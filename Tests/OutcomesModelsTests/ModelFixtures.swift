import Foundation
import Testing
@testable import OutcomesModels

/// Files written by Fixtures/make_fixtures_models.R.
enum ModelFixtures {
    static func text(_ name: String) -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures"),
              let s = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("fixture \(name) not found")
            return ""
        }
        return s
    }

    /// A simple CSV (no embedded commas) as header and rows, quotes stripped.
    static func rows(_ name: String) -> (header: [String], rows: [[String]]) {
        let lines = text(name).split(separator: "\n").map(String.init)
        func fields(_ l: String) -> [String] {
            l.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") }
        }
        return (lines.first.map(fields) ?? [], lines.dropFirst().map(fields))
    }

    /// The shared data set as a model table: a column is numeric when every non-NA value is a number.
    static let data: ModelTable = table("models_data.csv")

    static func table(_ name: String) -> ModelTable {
        let (header, rows) = rows(name)
        let columns: [ModelColumn] = header.indices.map { j in
            let raw = rows.map { $0[j] }
            if raw.allSatisfy({ $0 == "NA" || Double($0) != nil }) {
                return .numeric(raw.map { Double($0) ?? .nan })
            }
            return .text(raw.map { $0 == "NA" ? nil : $0 })
        }
        return try! ModelTable(names: header, columns: columns)
    }

    /// `<case>_terms.csv`: term → column → value (NA as NaN).
    static func terms(_ caseName: String) -> [(term: String, values: [String: Double])] {
        let (header, rows) = rows(caseName + "_terms.csv")
        return rows.map { r in
            (r[0], Dictionary(uniqueKeysWithValues: header.indices.dropFirst().map { (header[$0], Double(r[$0]) ?? .nan) }))
        }
    }

    /// `models_fit.csv`: a model-level value of a case.
    static func model(_ caseName: String, _ key: String) -> Double {
        let (_, rows) = rows("models_fit.csv")
        guard let r = rows.first(where: { $0[0] == caseName && $0[1] == key }) else {
            Issue.record("no \(caseName).\(key) in models_fit.csv")
            return .nan
        }
        return Double(r[2]) ?? .nan
    }
}

/// |a − b| ≤ tol · max(|b|, 1e-300); NaN matches NaN (R's NA).
func close(_ a: Double?, _ b: Double, relative tol: Double) -> Bool {
    guard let a else { return b.isNaN }
    if b.isNaN { return false }
    return abs(a - b) <= tol * max(abs(b), 1e-300)
}
