import OutcomesLinearAlgebra
import OutcomesSurvival

/// The survival data of a request, read from CSV: complete rows only, with notes on what was changed.
struct SurvivalInput {
    let data: SurvivalData
    let group: Grouping?
    let strata: Grouping?
    let cluster: Grouping?
    /// Design matrix with its column names and, per requested covariate, the columns it became.
    let design: Matrix
    let names: [String]
    let terms: [(name: String, columns: [Int])]
    let notes: [String]
    let rowsRead: Int

    init(_ r: SurvivalRequest) throws(SurvivalReportError) {
        let csv = try SurvivalCSV(path: r.dataPath)
        func index(_ name: String) throws(SurvivalReportError) -> Int { try csv.columnIndex(name) }
        var used: [Int] = [try index(r.time), try index(r.event)]
        for name in [r.start, r.group, r.strata, r.weights, r.cluster].compactMap({ $0 }) { used.append(try index(name)) }
        for name in r.covariates { used.append(try index(name)) }
        var notes: [String] = []
        var keep: [Int] = []
        var excludedLines: [Int] = []
        for row in 0..<csv.rowCount {
            if used.contains(where: { csv.isMissing(row: row, column: $0) }) { excludedLines.append(csv.line(row)) } else { keep.append(row) }
        }
        if !excludedLines.isEmpty {
            let shown = excludedLines.prefix(10).map(String.init).joined(separator: ", ")
            notes.append("\(excludedLines.count) of \(csv.rowCount) rows had a missing value (empty or NA) in a used column and were excluded, as R's na.omit (lines \(shown)\(excludedLines.count > 10 ? ", ..." : ""))")
        }
        guard !keep.isEmpty else { throw SurvivalReportError(description: "\(r.dataPath): no complete rows in the used columns") }

        func numbers(_ name: String) throws(SurvivalReportError) -> [Double] {
            let j = try index(name)
            var out: [Double] = []
            out.reserveCapacity(keep.count)
            for row in keep { out.append(try csv.number(row: row, column: j)) }
            return out
        }
        let exit = try numbers(r.time)
        let eventColumn = try index(r.event)
        var event: [Bool] = []
        for row in keep {
            switch csv.text(row: row, column: eventColumn) {
            case "1", "1.0", "TRUE", "true", "T": event.append(true)
            case "0", "0.0", "FALSE", "false", "F": event.append(false)
            case let other:
                throw SurvivalReportError(description: "\(r.dataPath): line \(csv.line(row)), column '\(r.event)': '\(other)' is not an event indicator (use 1/0 or TRUE/FALSE)")
            }
        }
        let entry = try r.start.map { name throws(SurvivalReportError) in try numbers(name) }
        let weights = try r.weights.map { name throws(SurvivalReportError) in try numbers(name) }
        do {
            data = try SurvivalData(exit: exit, event: event, entry: entry, weights: weights)
        } catch {
            throw SurvivalReportError(description: Self.locate(error, csv: csv, keep: keep, request: r))
        }
        func grouping(_ name: String) throws(SurvivalReportError) -> Grouping {
            let j = try index(name)
            let base = csv.numbersIfNumeric(rows: keep, column: j).map(Grouping.init(numeric:))
                ?? Grouping(labels: keep.map { csv.text(row: $0, column: j) })
            return (try? Grouping(codes: base.codes, labels: base.labels.map { "\(name)=\($0)" })) ?? base
        }
        group = try r.group.map { name throws(SurvivalReportError) in try grouping(name) }
        strata = try r.strata.map { name throws(SurvivalReportError) in try grouping(name) }
        cluster = try r.cluster.map { name throws(SurvivalReportError) in try grouping(name) }

        var columns: [[Double]] = [], names: [String] = [], terms: [(name: String, columns: [Int])] = []
        for name in r.covariates {
            let j = try index(name)
            if let values = csv.numbersIfNumeric(rows: keep, column: j) {
                terms.append((name, [columns.count]))
                columns.append(values)
                names.append(name)
                continue
            }
            let text = keep.map { csv.text(row: $0, column: j) }
            let levels = Grouping(labels: text).labels
            var block: [Int] = []
            for level in levels.dropFirst() {
                block.append(columns.count)
                columns.append(text.map { $0 == level ? 1 : 0 })
                names.append(name + level)
            }
            terms.append((name, block))
            notes.append("covariate '\(name)' is text: expanded to indicators \(levels.dropFirst().map { name + $0 }.joined(separator: ", ")) against reference level '\(levels[0])' (first sorted level, as R's factor())")
        }
        design = (try? Matrix(rows: keep.count, columns: columns.count, columnMajor: columns.flatMap { $0 })) ?? Matrix(rows: keep.count, columns: 0)
        self.names = names
        self.terms = terms
        self.notes = notes
        rowsRead = csv.rowCount
    }

    /// Rewrites a data error's row index as the file's line.
    static func locate(_ error: SurvivalError, csv: SurvivalCSV, keep: [Int], request r: SurvivalRequest) -> String {
        func line(_ row: Int) -> Int { csv.line(keep[row]) }
        switch error {
        case .negativeTime(let row, let value):
            // SurvivalData checks exit before entry, so a negative exit is the one reported when both are.
            let exitValue = (try? csv.columnIndex(r.time)).flatMap { try? csv.number(row: keep[row], column: $0) } ?? -1
            let column = exitValue < 0 || r.start == nil ? r.time : r.start!
            return "\(r.dataPath): line \(line(row)), column '\(column)': negative time \(value)"
        case .entryNotBeforeExit(let row, let entry, let exit):
            return "\(r.dataPath): line \(line(row)), columns '\(r.start ?? "")' and '\(r.time)': entry \(entry) is not before exit \(exit)"
        case .nonPositiveWeight(let row, let value):
            return "\(r.dataPath): line \(line(row)), column '\(r.weights ?? "")': weight \(value) is not positive"
        case .nonFinite(let name, let row, let value):
            return "\(r.dataPath): line \(line(row)): \(name) is not finite (\(value))"
        default:
            return "\(r.dataPath): \(error.description)"
        }
    }
}
