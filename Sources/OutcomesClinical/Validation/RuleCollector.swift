import OutcomesTabular

/// Collects rule violations row by row for one table, so each row is accepted or rejected as a whole.
struct RuleCollector {
    let table: CSVTable
    private(set) var issues: [RowIssue] = []
    private(set) var rejectedRows = 0
    private var currentRowFailed = false

    init(table: CSVTable) { self.table = table }

    /// Records a violation in `row` for schema column `column`.
    mutating func reject(_ row: Int, _ column: String, _ value: String, _ reason: String) {
        issues.append(RowIssue(file: table.file, line: Int(table.lines[row]), column: table.headerName(column),
                               value: value, reason: .rule(reason)))
        currentRowFailed = true
    }

    /// Ends `row`'s checks: returns true when the row passed all of them.
    mutating func finishRow() -> Bool {
        defer { currentRowFailed = false }
        if currentRowFailed { rejectedRows += 1; return false }
        return true
    }

    /// Takes over the violations collected by `next` over the rows that follow this collector's rows.
    mutating func absorb(_ next: RuleCollector) {
        issues.append(contentsOf: next.issues)
        rejectedRows += next.rejectedRows
    }

    /// The file's validation: the reader's issues and the rules' issues merged by line.
    func validation(of file: DatasetFile, accepted: Int) -> FileValidation {
        let merged = (table.issues + issues).enumerated().sorted {
            $0.element.line != $1.element.line ? $0.element.line < $1.element.line : $0.offset < $1.offset
        }.map(\.element)
        let accounting = RowAccounting(rowsRead: table.accounting.rowsRead, accepted: accepted,
                                       rejected: table.accounting.rejected + rejectedRows)
        return FileValidation(file: file, isPresent: true, accounting: accounting, issues: merged, warnings: table.warnings)
    }
}

/// Shortest decimal text of a number, for messages.
func numberText(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

/// The reason for an identifier missing from the accepted patients.
func unknownPatientReason(_ id: String) -> String {
    "unknown patient: '\(id)' is not among the accepted rows of patients.csv"
}
