import Foundation
import OutcomesModels
import OutcomesTabular

/// A CSV read by the shared reader and handed to the model layer as a generic table; rows are labelled
/// "FILE: line N" so every data error names file and line.
struct ModelInput {
    let table: ModelTable

    init(path: String) throws(ModelReportError) {
        let csv: AnyCSVTable
        do { csv = try CSVReader.readAny(fileAt: path, name: path) } catch { throw ModelReportError(description: error.description) }
        // A rejected row (wrong field count, bad UTF-8) would silently vanish from the model, so it stops the run.
        if let first = csv.issues.first {
            let more = csv.issues.count > 1 ? " (and \(csv.issues.count - 1) more rejected rows)" : ""
            throw ModelReportError(description: first.description + more)
        }
        let columns: [ModelColumn] = csv.columns.map { column in
            switch column {
            case .numeric(let v): return .numeric(v)
            case .text(let v):
                // R's read.csv reads NA as missing: a column of numbers and NA is numeric.
                let trimmed = v.map { $0?.trimmingCharacters(in: .whitespaces) }
                var numbers: [Double] = []
                numbers.reserveCapacity(trimmed.count)
                for t in trimmed {
                    guard let t, !t.isEmpty, t != "NA" else { numbers.append(.nan); continue }
                    guard let x = Double(t), x.isFinite else { return .text(trimmed) }
                    numbers.append(x)
                }
                return .numeric(numbers)
            }
        }
        do {
            table = try ModelTable(names: csv.names, columns: columns, rowLabels: csv.lines.map { "\(path): line \($0)" })
        } catch { throw ModelReportError(description: "\(path): \(error.description)") }
    }
}
