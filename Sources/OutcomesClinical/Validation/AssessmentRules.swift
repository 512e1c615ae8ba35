import Dispatch
import OutcomesTabular

extension RecordBuilders {
    /// Tables with fewer rows than this are checked on one thread (starting threads costs more than it saves).
    static let parallelMinimumRows = 200_000
    /// Whether rows that pass every rule skip the rule-by-rule check (tests turn it off to compare the two).
    nonisolated(unsafe) static var usesCleanRowPath = true

    /// Builds assessments, applying the scale rules:
    /// - each item within the instrument's range (PHQ-9 0–3, MADRS 0–6);
    /// - PHQ-9 rows must leave `item_10` blank (rejected otherwise: the PHQ-9's tenth "difficulty" question is
    ///   not part of the total, so a value there is ambiguous; keep it in an extra column instead);
    /// - a recorded total within range (PHQ-9 0–27, MADRS 0–60) and equal to the item sum when every item is present;
    /// - a blank total is computed from the items when every item is present; with items missing the row is
    ///   accepted with no total, and the analysis plan's missing-item rule (no proration by default) decides
    ///   later whether the score is usable; unusable scores are listed in every analysis's exclusions.
    ///
    /// Large tables are checked in `threads` consecutive row ranges at once; records and issues come out in row
    /// order, exactly as on one thread.
    /// `patientIDs` (the accepted patients' identifiers in order, optional) lets rows sorted by patient find
    /// the next patient without a dictionary lookup.
    static func assessments(_ table: CSVTable, patientIndex: PatientLookup, patientIDs: [String] = [], zones: TimeZoneRules = .asWritten,
                            threads: Int = CSVReader.defaultThreads, parallelMinimumRows: Int = parallelMinimumRows)
        -> (records: [Assessment], validation: FileValidation) {
        let columns = AssessmentColumns(table, zones: zones)
        let rowCount = table.rowCount
        let parts = rowCount >= max(parallelMinimumRows, 1) ? max(1, min(threads, 8, rowCount)) : 1
        let bounds = (0...parts).map { rowCount / parts * $0 + ($0 == parts ? rowCount % parts : 0) }

        /// What one row range produced: its records sit at the start of its own stretch of the output.
        struct Part {
            var produced = 0
            var rules: RuleCollector
        }
        var outcomesByPart = [Part](repeating: Part(rules: RuleCollector(table: table)), count: parts)
        let records = [Assessment](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
            outcomesByPart.withUnsafeMutableBufferPointer { outcomes in
                // Each range writes at most one record per row, so range k writes inside [bounds[k], bounds[k + 1]).
                struct Shared: @unchecked Sendable {
                    let output: UnsafeMutablePointer<Assessment>?
                    let outcomes: UnsafeMutableBufferPointer<Part>
                }
                let shared = Shared(output: buffer.baseAddress, outcomes: outcomes)
                let work: @Sendable (Int) -> Void = { part in
                    var builder = AssessmentRowBuilder(columns: columns, patientIndex: patientIndex, patientIDs: patientIDs, zones: zones)
                    var rules = shared.outcomes[part].rules
                    var written = bounds[part]
                    for row in bounds[part]..<bounds[part + 1] {
                        if let record = builder.build(row, &rules) {
                            (shared.output! + written).initialize(to: record)
                            written += 1
                        }
                    }
                    shared.outcomes[part] = Part(produced: written - bounds[part], rules: rules)
                }
                if parts == 1 {
                    work(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: parts, execute: work)
                }
                // Close the gaps left by rejected rows (records are plain values: moving their bytes is a move).
                var count = outcomes[0].produced
                for part in 1..<parts {
                    let produced = outcomes[part].produced
                    if produced > 0 && count != bounds[part] {
                        (buffer.baseAddress! + count).moveInitialize(from: buffer.baseAddress! + bounds[part], count: produced)
                    }
                    count += produced
                }
                initialized = count
            }
        }
        var rules = outcomesByPart[0].rules
        for part in outcomesByPart.dropFirst() { rules.absorb(part.rules) }
        return (records, rules.validation(of: .assessments, accepted: records.count))
    }
}

/// The columns of an assessments table the rules read, fetched once.
struct AssessmentColumns: @unchecked Sendable {
    let table: CSVTable
    let ids: [String?]
    let times: [Double]
    let instruments: [Int32]
    let totals: [Int32]
    let items: [[Int32]]
    /// The item columns' storage (they live as long as `items`, which is never mutated): reading an item through
    /// these costs no reference counting of the inner arrays on the hot path.
    let itemValues: [UnsafePointer<Int32>?]
    let lines: [Int32]
    /// Whether the rows' fast path may be used: no time can be rejected by ``TimeZoneRules/check(_:_:_:_:_:_:)``.
    let timesNeedNoCheck: Bool

    init(_ table: CSVTable, zones: TimeZoneRules) {
        self.table = table
        ids = table.texts("patient_id")
        times = zones.times(table, "time", .assessments)
        instruments = table.categories("instrument")
        totals = table.integers("total")
        items = (1...10).map { table.integers("item_\($0)") }
        itemValues = items.map { $0.withUnsafeBufferPointer { $0.baseAddress } }
        lines = table.lines
        timesNeedNoCheck = (!zones.mixesForms || zones.assumeZone != nil) && RecordBuilders.usesCleanRowPath
    }
}

/// Checks one assessment row at a time; remembers the last patient looked up (rows usually come grouped by patient).
struct AssessmentRowBuilder {
    let columns: AssessmentColumns
    let patientIndex: PatientLookup
    /// The accepted patients' identifiers in order (each at its index in `patientIndex`), or empty.
    let patientIDs: [String]
    let zones: TimeZoneRules
    private var lastID: String?
    private var lastPatient: Int?

    init(columns: AssessmentColumns, patientIndex: PatientLookup, patientIDs: [String], zones: TimeZoneRules) {
        self.columns = columns
        self.patientIndex = patientIndex
        self.patientIDs = patientIDs
        self.zones = zones
    }

    /// The index of patient `id`: the previous row's, the next patient's when rows follow patient order, or the lookup.
    @inline(__always)
    private func patient(_ id: String) -> Int? {
        if id == lastID { return lastPatient }
        if let last = lastPatient, last + 1 < patientIDs.count, patientIDs[last + 1] == id { return last + 1 }
        return patientIndex.index(of: id)
    }

    /// The record of `row`, or nil when a rule rejects it (the violations go to `rules`).
    @inline(__always)
    mutating func build(_ row: Int, _ rules: inout RuleCollector) -> Assessment? {
        let id = columns.ids[row] ?? ""
        let patient = patient(id)
        lastID = id
        lastPatient = patient
        if let patient, columns.timesNeedNoCheck, let record = clean(row, patient) { return record }
        return checked(row, patient, id, &rules)
    }

    /// The record of a row that passes every rule, or nil when some rule may fail (then ``checked`` decides).
    @inline(__always)
    private func clean(_ row: Int, _ patient: Int) -> Assessment? {
        let level = columns.instruments[row]
        guard level >= 0 && level <= 1 else { return nil }
        let instrument: Instrument = level == 0 ? .phq9 : .madrs
        let itemCount = instrument.itemCount, maximumItem = Int32(instrument.maximumItemScore)
        var packed: UInt64 = 0
        var sum: Int32 = 0
        var complete = true
        for item in 0..<10 {
            let value = columns.itemValues[item].unsafelyUnwrapped[row]
            if value == IntegerColumn.missing {
                packed |= 0xF << UInt64(4 * item)
                if item < itemCount { complete = false }
                continue
            }
            guard item < itemCount, value >= 0, value <= maximumItem else { return nil }
            packed |= UInt64(value) << UInt64(4 * item)
            sum += value
        }
        let recordedTotal = columns.totals[row]
        let total: Int?
        if recordedTotal != IntegerColumn.missing {
            guard recordedTotal >= 0, Int(recordedTotal) <= instrument.maximumTotal, !complete || recordedTotal == sum else { return nil }
            total = Int(recordedTotal)
        } else {
            total = complete ? Int(sum) : nil
        }
        return Assessment(patientIndex: patient, time: columns.times[row], instrument: instrument, total: total,
                          totalWasRecorded: recordedTotal != IntegerColumn.missing, items: ItemScores(packed: packed),
                          source: SourceLine(file: .assessments, line: Int(columns.lines[row])))
    }

    /// Every rule on `row`, each violation recorded.
    private func checked(_ row: Int, _ patient: Int?, _ id: String, _ rules: inout RuleCollector) -> Assessment? {
        let table = columns.table
        if patient == nil { rules.reject(row, "patient_id", id, unknownPatientReason(id)) }
        zones.check(row, table, "time", .assessments, columns.times[row], &rules)
        let instrument = Instrument.fromLevel(columns.instruments[row])!
        var scores = ItemScores()
        var sum = 0
        var blankItems: [Int] = []
        var itemsValid = true
        for item in 1...10 {
            let value = columns.items[item - 1][row]
            if value == IntegerColumn.missing {
                if item <= instrument.itemCount { blankItems.append(item) }
                continue
            }
            if item > instrument.itemCount {
                rules.reject(row, "item_10", String(value),
                             "PHQ-9 has 9 items: item_10 must be blank (the difficulty question is not part of the total; keep it in an extra column)")
                itemsValid = false
            } else if value < 0 || Int(value) > instrument.maximumItemScore {
                rules.reject(row, "item_\(item)", String(value),
                             "item out of range for \(instrument.rawValue) (0–\(instrument.maximumItemScore))")
                itemsValid = false
            } else {
                scores[item] = Int(value)
                sum += Int(value)
            }
        }
        var total: Int? = sum
        let recorded = columns.totals[row] != IntegerColumn.missing
        if recorded {
            let value = Int(columns.totals[row])
            total = value
            if value < 0 || value > instrument.maximumTotal {
                rules.reject(row, "total", String(value), "total out of range for \(instrument.rawValue) (0–\(instrument.maximumTotal))")
            } else if itemsValid && blankItems.isEmpty && value != sum {
                rules.reject(row, "total", String(value), "total disagrees with the item sum \(sum)")
            }
        } else if !blankItems.isEmpty {
            total = nil
        }
        guard rules.finishRow(), let patient else { return nil }
        return Assessment(patientIndex: patient, time: columns.times[row], instrument: instrument, total: total,
                          totalWasRecorded: recorded, items: scores,
                          source: SourceLine(file: .assessments, line: Int(columns.lines[row])))
    }
}
