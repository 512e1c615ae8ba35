import Foundation
import OutcomesLinearAlgebra

/// How categorical columns are coded and which rows are used.
public struct DesignOptions: Sendable {
    /// Numeric columns to treat as categorical (R's `factor(col)`).
    public var factors: Set<String> = []
    /// Reference level per categorical column (default: the first level in sorted order, as R's `factor()`).
    public var references: [String: String] = [:]
    /// Columns beyond the covariates whose missing values also drop a row (outcome, weights, groups, ...).
    public var alsoRequired: [String] = []

    public init(factors: Set<String> = [], references: [String: String] = [:], alsoRequired: [String] = []) {
        self.factors = factors
        self.references = references
        self.alsoRequired = alsoRequired
    }
}

/// A design matrix built as R's `model.matrix` with treatment contrasts, over the complete rows.
public struct DesignMatrix: Sendable {
    /// Rows used (indices into the table), after leaving out rows with a missing value (R's `na.omit`).
    public let rows: [Int]
    /// Rows left out for a missing value in a used column.
    public let omitted: [Int]
    /// n × p, with the intercept first.
    public let matrix: Matrix
    /// R's column names: `(Intercept)`, `age`, `racewhite`, `visit3:arm`.
    public let names: [String]
    /// Per column, the term it belongs to (-1 for the intercept); term labels in `termLabels`.
    public let termOfColumn: [Int]
    /// R's term labels in order.
    public let termLabels: [String]
    /// Levels of every categorical variable used (reference first).
    public let levels: [String: [String]]
    /// Per column, the variables it multiplies and, for a categorical one, the level it indicates (the intercept has none).
    public let columnParts: [[(variable: String, level: String?)]]
    /// Mean of every numeric variable over the rows used (the reference grid of least-squares means).
    public let numericMeans: [String: Double]
    /// What the coding did that a reader should know (single-level factors, reference levels chosen).
    public let notes: [String]

    /// Builds the design of `terms` on `table`, with an intercept.
    public init(table: ModelTable, terms: ModelTerms, options: DesignOptions = DesignOptions()) throws(ModelError) {
        let used = terms.variables + options.alsoRequired
        for name in used { _ = try table.column(name) }
        for name in options.factors where !terms.variables.contains(name) {
            throw ModelError("--factor \(name): '\(name)' is not among the covariates")
        }
        var keep: [Int] = [], omitted: [Int] = []
        let columns = try used.map { name throws(ModelError) in try table.column(name) }
        for i in 0..<table.rowCount {
            if columns.contains(where: { $0.isMissing(i) }) { omitted.append(i) } else { keep.append(i) }
        }
        guard !keep.isEmpty else { throw ModelError("no complete rows in the used columns (\(used.joined(separator: ", ")))") }
        var notes: [String] = []

        // Each variable: numeric values, or categorical codes with levels.
        var numeric: [Int: [Double]] = [:]
        var codes: [Int: [Int]] = [:]
        var levels: [String: [String]] = [:]
        for (v, name) in terms.variables.enumerated() {
            let col = try table.column(name)
            if case .numeric(let values) = col, !options.factors.contains(name) {
                numeric[v] = keep.map { values[$0] }
                continue
            }
            let labels: [String]
            var sorted: [String]
            if case .numeric(let values) = col {
                let x = keep.map { values[$0] }
                labels = x.map(ModelTable.decimal)
                sorted = Array(Set(x)).sorted().map(ModelTable.decimal)
            } else {
                labels = try table.labels(name, rows: keep).map(Self.trimmingWhitespace)
                sorted = Array(Set(labels)).sorted()
            }
            if let ref = options.references[name] {
                guard let r = sorted.firstIndex(of: ref) else {
                    throw ModelError("--reference \(name)=\(ref): level '\(ref)' is not among the levels of '\(name)' (\(sorted.joined(separator: ", ")))")
                }
                sorted.insert(sorted.remove(at: r), at: 0)
            }
            let position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            codes[v] = labels.map { position[$0]! }
            levels[name] = sorted
            if sorted.count == 1 {
                notes.append("factor '\(name)' has a single level ('\(sorted[0])') in the rows used: it adds no column (R stops with \"contrasts can be applied only to factors with 2 or more levels\")")
            }
        }
        for name in options.references.keys where levels[name] == nil {
            throw ModelError("--reference \(name)=...: '\(name)' is not a categorical covariate")
        }

        // Columns term by term. A factor in a term is coded by contrasts when the term without it is also in
        // the model (the intercept being the empty term), and by indicators of every level otherwise (R's rule).
        let n = keep.count
        var data: [Double] = Array(repeating: 1, count: n)
        var names = ["(Intercept)"], termOf = [-1]
        var parts: [[(variable: String, level: String?)]] = [[]]
        let termSets = terms.terms.map(Set.init)
        for (k, term) in terms.terms.enumerated() {
            // Start from one all-ones column, multiply in each variable (first variable varies fastest).
            var block: [[Double]] = [Array(repeating: 1, count: n)]
            var blockNames: [[String]] = [[]]
            var blockParts: [[(variable: String, level: String?)]] = [[]]
            for v in term {
                let name = terms.variables[v]
                if let x = numeric[v] {
                    block = block.map { c in zip(c, x).map(*) }
                    blockNames = blockNames.map { $0 + [name] }
                    blockParts = blockParts.map { $0 + [(name, nil)] }
                    continue
                }
                let lv = levels[name]!, code = codes[v]!
                var rest = Set(term); rest.remove(v)
                let contrasts = rest.isEmpty || termSets.contains(rest)
                let used = contrasts ? Array(lv.indices.dropFirst()) : Array(lv.indices)
                var newBlock: [[Double]] = [], newNames: [[String]] = [], newParts: [[(variable: String, level: String?)]] = []
                for l in used {
                    for ((c, cn), cp) in zip(zip(block, blockNames), blockParts) {
                        newBlock.append((0..<n).map { code[$0] == l ? c[$0] : 0 })
                        newNames.append(cn + [name + lv[l]])
                        newParts.append(cp + [(name, lv[l])])
                    }
                }
                block = newBlock
                blockNames = newNames
                blockParts = newParts
            }
            for ((c, cn), cp) in zip(zip(block, blockNames), blockParts) {
                data += c
                names.append(cn.joined(separator: ":"))
                parts.append(cp)
                termOf.append(k)
            }
        }
        do { matrix = try Matrix(rows: n, columns: names.count, columnMajor: data) } catch { throw ModelError(error.description) }
        rows = keep
        self.omitted = omitted
        self.names = names
        termOfColumn = termOf
        numericMeans = Dictionary(uniqueKeysWithValues: numeric.map { (terms.variables[$0.key], $0.value.reduce(0, +) / Double(n)) })
        columnParts = parts
        termLabels = terms.terms.indices.map(terms.label)
        self.levels = levels
        self.notes = notes
    }

    /// The R-style note on rows left out, or nil when none were.
    public func omissionNote(table: ModelTable) -> String? {
        guard !omitted.isEmpty else { return nil }
        let shown = omitted.prefix(10).map { table.rowLabels[$0] }.joined(separator: ", ")
        return "\(omitted.count) of \(table.rowCount) rows had a missing value (empty or NA) in a used column and were left out, as R's na.omit (\(shown)\(omitted.count > 10 ? ", ..." : ""))"
    }
}

extension DesignMatrix {
    /// A row of the reference grid as emmeans builds it: the categorical variables in `fixed` at the given level,
    /// every other categorical variable averaged over its levels with equal weights, numeric variables at their mean.
    public func referenceGridRow(fixed: [String: String]) -> [Double] {
        columnParts.map { parts in
            parts.reduce(1.0) { value, part in
                guard let level = part.level else { return value * (numericMeans[part.variable] ?? 0) }
                if let chosen = fixed[part.variable] { return chosen == level ? value : 0 }
                return value / Double(levels[part.variable]?.count ?? 1)
            }
        }
    }
}

extension DesignMatrix {
    /// `label.trimmingCharacters(in: .whitespaces)`, without calling Foundation when neither end can be
    /// whitespace (an ASCII first and last byte other than space and tab): a factor column has a label per row,
    /// and Foundation's trim of each was most of building a 200,000-row design.
    static func trimmingWhitespace(_ label: String) -> String {
        let utf8 = label.utf8
        guard let first = utf8.first, let last = utf8.last else { return label }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") }
        return plain(first) && plain(last) ? label : label.trimmingCharacters(in: .whitespaces)
    }
}
