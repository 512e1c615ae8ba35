/// One column of a model's data: numbers (NaN is missing) or text (nil, empty or `NA` is missing).
public enum ModelColumn: Sendable, Equatable {
    case numeric([Double])
    case text([String?])

    /// Number of rows.
    public var count: Int {
        switch self {
        case .numeric(let v): return v.count
        case .text(let v): return v.count
        }
    }

    /// Whether row `i` is missing, as R's `NA`.
    public func isMissing(_ i: Int) -> Bool {
        switch self {
        case .numeric(let v): return !v[i].isFinite
        case .text(let v):
            guard let s = v[i] else { return true }
            return s.isEmpty || s == "NA"
        }
    }
}

/// A rectangular data set of named columns, the input of every model in this module.
public struct ModelTable: Sendable {
    /// Column names in order.
    public let names: [String]
    /// Columns, one per name, all of `rowCount` rows.
    public let columns: [ModelColumn]
    /// Rows in the table.
    public let rowCount: Int
    /// A label per row used in messages (for a CSV, "line 12"); defaults to "row i" counted from 1.
    public let rowLabels: [String]

    public init(names: [String], columns: [ModelColumn], rowLabels: [String]? = nil) throws(ModelError) {
        guard names.count == columns.count else { throw ModelError("\(names.count) names for \(columns.count) columns") }
        let n = columns.first?.count ?? 0
        if let bad = columns.firstIndex(where: { $0.count != n }) {
            throw ModelError("column '\(names[bad])' has \(columns[bad].count) rows, expected \(n)")
        }
        self.names = names
        self.columns = columns
        rowCount = n
        self.rowLabels = rowLabels ?? (0..<n).map { "row \($0 + 1)" }
    }

    /// The column called `name`, or an error listing the columns.
    public func column(_ name: String) throws(ModelError) -> ModelColumn {
        guard let j = names.firstIndex(of: name) else {
            throw ModelError("no column '\(name)'; columns are \(names.joined(separator: ", "))")
        }
        return columns[j]
    }

    /// Numbers of a column at `rows`; a text value that is not a number is an error naming row and value.
    public func numbers(_ name: String, rows: [Int]) throws(ModelError) -> [Double] {
        switch try column(name) {
        case .numeric(let v): return rows.map { v[$0] }
        case .text(let v):
            var out: [Double] = []
            out.reserveCapacity(rows.count)
            for i in rows {
                guard let x = Double(v[i] ?? ""), x.isFinite else {
                    throw ModelError("\(rowLabels[i]), column '\(name)': '\(v[i] ?? "")' is not a finite number")
                }
                out.append(x)
            }
            return out
        }
    }

    /// Values of a column at `rows` as text labels (numbers in their shortest exact decimal form).
    public func labels(_ name: String, rows: [Int]) throws(ModelError) -> [String] {
        switch try column(name) {
        case .numeric(let v): return rows.map { Self.decimal(v[$0]) }
        case .text(let v): return rows.map { v[$0] ?? "" }
        }
    }

    /// Integral values without a fractional part ("2", not "2.0").
    public static func decimal(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}
