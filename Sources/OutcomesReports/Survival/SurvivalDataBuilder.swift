import Foundation
import OutcomesLinearAlgebra
import OutcomesSurvival

/// The survival data of a request, read from CSV: complete rows only, with notes on what was changed.
struct SurvivalInput {
    let data: SurvivalData
    /// The rows as competing risks (cuminc): status 0 censored, other values the causes.
    let competing: CompetingRisksData?
    /// The rows as interval-censored data (--left/--right), or right-censored rows of survreg.
    let interval: IntervalCensoredData?
    let group: Grouping?
    let strata: Grouping?
    let cluster: Grouping?
    /// Design matrix with its column names and, per requested covariate, the columns it became.
    let design: Matrix
    let names: [String]
    let terms: [(name: String, columns: [Int])]
    /// Reference level of each categorical covariate.
    let referenceLevels: [(String, String)]
    /// The levels of each categorical covariate, reference first (the others became indicator columns).
    let covariateLevels: [String: [String]]
    /// The one-based data row (R's row name after read.csv) of each used row, in the order of `data`.
    let dataRows: [Int]
    let notes: [String]
    /// Conventions of the input: delimiter, subset, status coding.
    let conventions: [(String, String)]
    /// The file line of each used row, in the order of `data`.
    let rows: [Int]
    let rowsRead: Int

    init(_ r: SurvivalRequest) throws(SurvivalReportError) {
        let csv = try SurvivalCSV(path: r.dataPath, columns: r.columnsRead)
        func index(_ name: String) throws(SurvivalReportError) -> Int { try csv.columnIndex(name) }
        let intervalMode = r.left != nil || r.right != nil
        if intervalMode && (r.left == nil || r.right == nil) {
            throw SurvivalReportError(description: "--left and --right go together (an empty left end is left-censored, an empty or Inf right end right-censored)", isUsage: true)
        }
        var used: [Int] = intervalMode ? [] : [try index(r.time), try index(r.event)]
        for name in [r.start, r.group, r.strata, r.weights, r.cluster].compactMap({ $0 }) { used.append(try index(name)) }
        for name in r.covariates { used.append(try index(name)) }
        var notes: [String] = []
        var conventions: [(String, String)] = [("delimiter", csv.delimiter.rawValue)]

        // Subset first (R's subset = drops rows where a condition is false or NA), then incomplete rows.
        var candidates = Array(0..<csv.rowCount)
        if !r.filters.isEmpty {
            for filter in r.filters {
                let j = try index(filter.column)
                let test = try Self.condition(filter, csv: csv, column: j)
                candidates = candidates.filter(test)
            }
            let text = r.filters.map(\.description).joined(separator: " and ")
            conventions.append(("where", "\(text): \(candidates.count) of \(csv.rowCount) rows kept"))
            guard !candidates.isEmpty else {
                throw SurvivalReportError(description: "\(r.dataPath): no rows meet --where \(text)")
            }
        }
        var keep: [Int] = []
        var excludedLines: [Int] = []
        for row in candidates {
            if used.contains(where: { csv.isMissing(row: row, column: $0) }) { excludedLines.append(csv.line(row)) } else { keep.append(row) }
        }
        if !excludedLines.isEmpty {
            let shown = excludedLines.prefix(10).map(String.init).joined(separator: ", ")
            notes.append("\(excludedLines.count) of \(candidates.count) rows had a missing value (empty or NA) in a used column and were excluded, as R's na.omit (lines \(shown)\(excludedLines.count > 10 ? ", ..." : ""))")
        }
        guard !keep.isEmpty else { throw SurvivalReportError(description: "\(r.dataPath): no complete rows in the used columns") }

        func numbers(_ name: String) throws(SurvivalReportError) -> [Double] {
            let j = try index(name)
            var out: [Double] = []
            out.reserveCapacity(keep.count)
            for row in keep { out.append(try csv.number(row: row, column: j)) }
            return out
        }
        var interval: IntervalCensoredData? = nil
        let exit: [Double]
        let event: [Bool]
        if let leftName = r.left, let rightName = r.right {
            let (l, rr) = try Self.intervalEnds(csv, left: try index(leftName), right: try index(rightName), rows: keep)
            do { interval = try IntervalCensoredData(left: l, right: rr) } catch {
                throw SurvivalReportError(description: Self.locate(error, csv: csv, keep: keep, request: r))
            }
            // Interval mode: `data` only stands for the rows used (their count); the analyses read `interval`.
            exit = zip(l, rr).map { $1 ?? $0 ?? 0 }
            event = Array(repeating: false, count: keep.count)
            let counts = interval!.counts
            conventions.append(("status", "interval-censored (\(leftName), \(rightName)]: " + IntervalCensoring.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
                                + "; empty left = left-censored, empty, NA or Inf right = right-censored"))
            competing = nil
        } else if r.analysis == .cuminc {
            exit = try numbers(r.time)
            let causes = try CauseCoding(csv: csv, column: try index(r.event), rows: keep, request: r)
            conventions.append(("status", causes.description))
            do { competing = try CompetingRisksData(exit: exit, cause: causes.codes, causeLabels: causes.labels, timefix: r.timefix) } catch {
                throw SurvivalReportError(description: Self.locate(error, csv: csv, keep: keep, request: r))
            }
            event = causes.codes.map { $0 != 0 }
        } else {
            exit = try numbers(r.time)
            let coding = try EventCoding(csv: csv, column: try index(r.event), rows: keep, request: r)
            conventions.append(("status", coding.description))
            event = coding.events
            competing = nil
        }
        self.interval = interval
        let entry = try r.start.map { name throws(SurvivalReportError) in try numbers(name) }
        let weights = try r.weights.map { name throws(SurvivalReportError) in try numbers(name) }
        do {
            data = try SurvivalData(exit: exit, event: event, entry: entry, weights: weights, timefix: r.timefix && interval == nil)
        } catch {
            throw SurvivalReportError(description: Self.locate(error, csv: csv, keep: keep, request: r))
        }
        let references = Dictionary(r.references.map { ($0.column, $0.level) }, uniquingKeysWith: { _, last in last })
        for column in references.keys where ![r.group, r.strata].contains(column) && !r.covariates.contains(column) {
            throw SurvivalReportError(description: "--reference \(column)=...: '\(column)' is not a group, strata or covariate column of this analysis", isUsage: true)
        }
        /// The levels of a categorical column, sorted as R's factor() sorts them, with the reference level first.
        func levels(_ name: String, _ found: [String]) throws(SurvivalReportError) -> [String] {
            guard let reference = references[name] else { return found }
            guard let at = found.firstIndex(of: reference) else {
                let hint = Suggestion.closest(to: reference, among: found).map { " (did you mean '\($0)'?)" } ?? ""
                throw SurvivalReportError(description: "--reference \(name)=\(reference): no such level\(hint); levels are \(found.joined(separator: ", "))")
            }
            return [reference] + found[..<at] + found[(at + 1)...]
        }
        func grouping(_ name: String) throws(SurvivalReportError) -> Grouping {
            let j = try index(name)
            let base = csv.numbersIfNumeric(rows: keep, column: j).map(Grouping.init(numeric:))
                ?? Grouping(labels: keep.map { csv.text(row: $0, column: j) })
            let order = try levels(name, base.labels)
            let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            // One lookup per level, not per row: a million-row file has a handful of levels.
            let recode = base.labels.map { position[$0]! }
            let codes = base.codes.map { recode[$0] }
            return (try? Grouping(codes: codes, labels: order.map { "\(name)=\($0)" })) ?? base
        }
        group = try r.group.map { name throws(SurvivalReportError) in try grouping(name) }
        strata = try r.strata.map { name throws(SurvivalReportError) in try grouping(name) }
        cluster = try r.cluster.map { name throws(SurvivalReportError) in try grouping(name) }

        var columns: [[Double]] = [], names: [String] = [], terms: [(name: String, columns: [Int])] = []
        var referenceLevels: [(String, String)] = []
        var covariateLevels: [String: [String]] = [:]
        for name in r.covariates {
            let j = try index(name)
            if references[name] == nil, let values = csv.numbersIfNumeric(rows: keep, column: j) {
                terms.append((name, [columns.count]))
                columns.append(values)
                names.append(name)
                continue
            }
            // Text columns, and numeric columns given a --reference, are factors.
            let text = keep.map { csv.text(row: $0, column: j) }
            let found = csv.numbersIfNumeric(rows: keep, column: j).map { Grouping(numeric: $0).labels } ?? Grouping(labels: text).labels
            let order = try levels(name, found)
            var block: [Int] = []
            for level in order.dropFirst() {
                block.append(columns.count)
                columns.append(text.map { $0 == level ? 1 : 0 })
                names.append(name + level)
            }
            terms.append((name, block))
            referenceLevels.append((name, order[0]))
            covariateLevels[name] = order
            let why = references[name] == nil ? "first sorted level, as R's factor()" : "set by --reference"
            notes.append("covariate '\(name)' is categorical: expanded to indicators \(order.dropFirst().map { name + $0 }.joined(separator: ", ")) against reference level '\(order[0])' (\(why))")
        }
        design = (try? Matrix(rows: keep.count, columns: columns.count, columnMajor: columns.flatMap { $0 })) ?? Matrix(rows: keep.count, columns: 0)
        self.names = names
        self.terms = terms
        self.referenceLevels = referenceLevels
        self.covariateLevels = covariateLevels
        self.dataRows = keep.map { $0 + 1 }
        if interval == nil {
            conventions.append(("timefix", r.timefix
                ? "on, as R (aeqSurv): times within √ε of each other merged; \(data.timesMerged) rows' times moved (--no-timefix turns it off)"
                : "off (--no-timefix): times used exactly as read"))
        }
        self.notes = notes
        self.conventions = conventions
        self.rows = keep.map { csv.line($0) }
        rowsRead = csv.rowCount
    }

    /// The ends of interval-censored rows: a missing (empty or NA) left end is nil (left-censored); a missing or
    /// `Inf` right end is nil (right-censored); anything else must be a number.
    static func intervalEnds(_ csv: SurvivalCSV, left: Int, right: Int, rows: [Int]) throws(SurvivalReportError) -> ([Double?], [Double?]) {
        var l: [Double?] = [], r: [Double?] = []
        let names = "'\(csv.table.names[left])' and '\(csv.table.names[right])'"
        for row in rows {
            let a = csv.isMissing(row: row, column: left) ? nil : try csv.number(row: row, column: left)
            let text = csv.text(row: row, column: right)
            let b = csv.isMissing(row: row, column: right) || text == "Inf" || text == "inf" ? nil : try csv.number(row: row, column: right)
            // The checks of IntervalCensoredData, here so that the message names the file's line.
            let place = "\(csv.path): line \(csv.line(row)), columns \(names)"
            if a == nil && b == nil { throw SurvivalReportError(description: "\(place): both ends are missing") }
            if let a, a < 0 { throw SurvivalReportError(description: "\(place): negative left end \(a)") }
            if let b, b < 0 { throw SurvivalReportError(description: "\(place): negative right end \(b)") }
            if let a, let b, a > b { throw SurvivalReportError(description: "\(place): left end \(a) is after the right end \(b)") }
            l.append(a)
            r.append(b)
        }
        return (l, r)
    }

    /// The test a `--where` condition applies to a row: numeric comparison on a numeric column, text
    /// (in)equality on a text column; a missing cell never passes.
    static func condition(_ f: SurvivalFilter, csv: SurvivalCSV, column j: Int) throws(SurvivalReportError) -> (Int) -> Bool {
        if csv.isNumeric(j) {
            guard let v = Double(f.value) else {
                throw SurvivalReportError(description: "--where \(f): column '\(f.column)' is numeric but '\(f.value)' is not a number", isUsage: true)
            }
            let op = f.comparison
            return { row in
                guard !csv.isMissing(row: row, column: j), let x = try? csv.number(row: row, column: j) else { return false }
                switch op {
                case .equal: return x == v
                case .notEqual: return x != v
                case .less: return x < v
                case .lessOrEqual: return x <= v
                case .greater: return x > v
                case .greaterOrEqual: return x >= v
                }
            }
        }
        guard f.comparison == .equal || f.comparison == .notEqual else {
            throw SurvivalReportError(description: "--where \(f): column '\(f.column)' holds text; use = or != with it", isUsage: true)
        }
        let equal = f.comparison == .equal
        return { row in !csv.isMissing(row: row, column: j) && (csv.text(row: row, column: j) == f.value) == equal }
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

/// How the event column codes events, following R's `Surv`: 0/1 (1 = event), 1/2 (2 = event) when the values
/// are only 1 and 2, TRUE/FALSE (also T/F), or exactly `--event-value`.
struct EventCoding: CustomStringConvertible {
    let description: String
    /// One flag per row of `rows`.
    let events: [Bool]

    init(csv: SurvivalCSV, column j: Int, rows: [Int], request r: SurvivalRequest) throws(SurvivalReportError) {
        let name = r.event
        let usage = "use 0/1, 1/2 with 2 = event, TRUE/FALSE, or --event-value"
        if let value = r.eventValue {
            let number = Double(value)
            events = rows.map { row in
                let text = csv.text(row: row, column: j)
                return text == value || (number != nil && Double(text) == number)
            }
            guard events.contains(true) else {
                let values = Set(rows.map { csv.text(row: $0, column: j) }).sorted().prefix(10)
                throw SurvivalReportError(description: "\(r.dataPath): column '\(name)' never holds --event-value '\(value)'; values are \(values.joined(separator: ", "))")
            }
            description = "event when \(name) = \(value), censored otherwise (--event-value)"
            return
        }
        if csv.isNumeric(j) {
            var values: [Double] = []
            values.reserveCapacity(rows.count)
            for row in rows { values.append(try csv.number(row: row, column: j)) }
            // Two flags instead of a set of the values: hashing a million doubles was a tenth of `survival km`.
            var onlyZeroOne = true, onlyOneTwo = true
            for v in values where onlyZeroOne || onlyOneTwo {
                if v != 0 && v != 1 { onlyZeroOne = false }
                if v != 1 && v != 2 { onlyOneTwo = false }
            }
            if onlyZeroOne {
                description = "\(name): 1 = event, 0 = censored"
                events = values.map { $0 == 1 }
                return
            }
            if onlyOneTwo {
                description = "\(name): 2 = event, 1 = censored (R's Surv 1/2 coding)"
                events = values.map { $0 == 2 }
                return
            }
            let allowed: Set<Double> = values.contains(0) ? [0, 1] : [1, 2]
            let bad = rows.indices.first { !allowed.contains(values[$0]) }!
            throw SurvivalReportError(description: "\(r.dataPath): line \(csv.line(rows[bad])), column '\(name)': '\(csv.text(row: rows[bad], column: j))' is not an event indicator (\(usage))")
        }
        var flags: [Bool] = []
        flags.reserveCapacity(rows.count)
        for row in rows {
            switch csv.text(row: row, column: j) {
            case "1", "1.0", "TRUE", "true", "T": flags.append(true)
            case "0", "0.0", "FALSE", "false", "F": flags.append(false)
            case let other:
                throw SurvivalReportError(description: "\(r.dataPath): line \(csv.line(row)), column '\(name)': '\(other)' is not an event indicator (\(usage))")
            }
        }
        description = "\(name): TRUE = event, FALSE = censored"
        events = flags
    }
}

/// The status column of competing risks: 0 (or FALSE) is censored, every other value a cause, causes in
/// sorted order (numeric order for numbers), as R's `factor(status)` with the censoring level first.
struct CauseCoding: CustomStringConvertible {
    let description: String
    let codes: [Int]
    let labels: [String]

    init(csv: SurvivalCSV, column j: Int, rows: [Int], request r: SurvivalRequest) throws(SurvivalReportError) {
        let text = rows.map { csv.text(row: $0, column: j) }
        let censored: Set<String> = ["0", "0.0", "FALSE", "false", "F"]
        let others = Set(text.filter { !censored.contains($0) })
        if csv.isNumeric(j) {
            labels = others.compactMap(Double.init).sorted().map(SurvivalCSV.decimal)
        } else {
            labels = others.sorted()
        }
        guard !labels.isEmpty else {
            throw SurvivalReportError(description: "\(r.dataPath): column '\(r.event)' has no cause (every row is 0, censored)")
        }
        var index: [String: Int] = [:]
        for (k, l) in labels.enumerated() { index[l] = k + 1 }
        // Numeric labels are printed canonically ("2", not "2.0"): look the canonical form up.
        codes = text.map { t in censored.contains(t) ? 0 : (index[t] ?? Double(t).map { index[SurvivalCSV.decimal($0)] ?? 0 } ?? 0) }
        description = "\(r.event): 0 = censored; causes \(labels.joined(separator: ", "))"
    }
}
