import Testing
import OutcomesTabular
@testable import OutcomesClinical

/// The assessments builder gives the same records, issues and accounting on any number of threads, and its
/// clean-row fast path agrees with the rule-by-rule check on every row; the patient lookup answers alike by
/// bisection and by dictionary. Deterministic (fixed seed), so none of these can fail by chance.
@Suite(.serialized) struct AssessmentBuilderTests {
    static let patientIDs = (1...60).map { "P" + String(1000 + $0) }

    /// 4000 assessment rows, mostly valid and grouped by patient, with every kind of rule violation mixed in.
    static func table() throws -> CSVTable {
        var state: UInt64 = 2025
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        var text = "patient_id,time,instrument,total," + (1...10).map { "item_\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<4000 {
            let odd = next(10) == 0
            var id = patientIDs[min(row / 70, patientIDs.count - 1)]
            if odd && next(4) == 0 { id = ["P9999", patientIDs[next(patientIDs.count)], ""][next(3)] }
            let phq = next(2) == 0
            let count = phq ? 9 : 10, maximum = phq ? 3 : 6
            var items: [Int?] = (0..<10).map { $0 < count ? next(maximum + 1) : nil }
            if odd {
                switch next(5) {
                case 0: items[next(10)] = [-1, 4, 7, 12][next(4)]
                case 1: items[next(count)] = nil
                case 2: items[9] = next(3)
                default: break
                }
            }
            let sum = items.compactMap { $0 }.reduce(0, +)
            var total: Int? = next(20) == 0 ? nil : sum
            if odd && next(3) == 0 { total = [sum + 1, -2, 61, 28][next(4)] }
            let instrument = phq ? ["PHQ-9", "phq9", "PHQ_9"][next(3)] : ["MADRS", "madrs"][next(2)]
            text += "\(id),2024-01-\(10 + row % 20)T09:30:00,\(instrument),\(total.map(String.init) ?? "")"
            text += items.map { "," + ($0.map(String.init) ?? "") }.joined() + "\n"
        }
        return try CSVReader.read(bytes: Array(text.utf8), name: "assessments.csv", schema: DatasetSchemas.assessments)
    }

    static func outcome(_ table: CSVTable, threads: Int, cleanRows: Bool = true, ids: [String] = patientIDs) -> String {
        RecordBuilders.usesCleanRowPath = cleanRows
        defer { RecordBuilders.usesCleanRowPath = true }
        let built = RecordBuilders.assessments(table, patientIndex: PatientLookup(ids: ids), patientIDs: ids,
                                               threads: threads, parallelMinimumRows: 1)
        return "\(built.records)|\(built.validation.issues.map(\.description))|\(built.validation.accounting)"
    }

    @Test func sameResultOnAnyNumberOfThreadsAndWithoutTheCleanRowPath() throws {
        let table = try Self.table()
        let reference = Self.outcome(table, threads: 1, cleanRows: false)
        #expect(reference.contains("total disagrees") && reference.contains("unknown patient") && reference.contains("item_10 must be blank"))
        for threads in [1, 2, 3, 7] {
            #expect(Self.outcome(table, threads: threads) == reference)
        }
        // Patients not in identifier order: the dictionary lookup, same records.
        let shuffled = Self.patientIDs.reversed() as [String]
        let reversedReference = Self.outcome(table, threads: 1, cleanRows: false, ids: shuffled)
        #expect(Self.outcome(table, threads: 2, ids: shuffled) == reversedReference)
    }

    @Test func lookupByBisectionAndByDictionaryAgree() {
        let sorted = (0..<500).map { "P" + String(100_000 + 3 * $0) }
        let bisection = PatientLookup(ids: sorted)
        let dictionary = PatientLookup(positions: Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) }))
        for probe in (99_990...101_510).map({ "P" + String($0) }) + ["", "P", "Q", "P1000000"] {
            #expect(bisection.index(of: probe) == dictionary.index(of: probe))
        }
        #expect(bisection.index(of: "P100003") == 1)
        // A repeated identifier keeps its first position.
        #expect(PatientLookup(ids: ["b", "a", "b"]).index(of: "b") == 0)
    }

    @Test func duplicatePatientsAreFoundWhateverTheOrder() throws {
        let text = "patient_id,diagnosis\nP1,MDD\nP2,MDD\nP3,MDD\nP2,PTSD\nP4,MDD\nP0,MDD\nP4,other\nP5,MDD\n"
        let table = try CSVReader.read(bytes: Array(text.utf8), name: "patients.csv", schema: DatasetSchemas.patients)
        let built = RecordBuilders.patients(table)
        #expect(built.validation.issues.map(\.description) == [
            "patients.csv:5: column 'patient_id' value 'P2': duplicate patient_id (first at line 3)",
            "patients.csv:8: column 'patient_id' value 'P4': duplicate patient_id (first at line 6)",
        ])
        #expect(built.records.map(\.id) == ["P1", "P2", "P3", "P4", "P0", "P5"])
        for (offset, record) in built.records.enumerated() { #expect(built.lookup.index(of: record.id) == offset) }
        #expect(built.lookup.index(of: "P9") == nil)
    }
}
