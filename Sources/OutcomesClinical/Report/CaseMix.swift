/// Who was treated: counts of patients by diagnosis, age band, sex, prior failed treatments, baseline severity
/// band per scale and site. Each characteristic's levels (with "not recorded") add up to the cohort.
public struct CaseMix: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        public let label: String
        public let patients: Int
    }
    public struct Characteristic: Sendable, Equatable {
        public let name: String
        public let levels: [Level]
        public var total: Int { levels.reduce(0) { $0 + $1.patients } }
    }
    public let patients: Int
    public let characteristics: [Characteristic]

    /// Age bands in years, lower bounds inclusive.
    public static let ageBands: [(label: String, lower: Double, upper: Double)] = [
        ("18–29", 18, 30), ("30–44", 30, 45), ("45–64", 45, 65), ("65 and over", 65, .infinity)]
    public static let notRecorded = "not recorded"
}

extension DerivedTables {
    /// The case mix of the tables' patients; `records` gives each patient's recorded sex, age and site (the
    /// dataset's patients file).
    public func caseMix(records: [Patient]) -> CaseMix {
        // Patients and records by index: tallying over copies of each (timeline, record) pair retained every array of
        // every timeline once per characteristic.
        var recordIndex: [String: Int] = [:]
        for k in records.indices where recordIndex[records[k].id] == nil { recordIndex[records[k].id] = k }
        let recordOf = patients.indices.map { recordIndex[patients[$0].patientID] }
        func tally(_ name: String, order: [String], _ label: (_ patient: Int, _ record: Patient?) -> String?) -> CaseMix.Characteristic {
            var counts: [String: Int] = [:]
            for i in patients.indices { counts[label(i, recordOf[i].map { records[$0] }) ?? CaseMix.notRecorded, default: 0] += 1 }
            let extra = counts.keys.filter { !order.contains($0) && $0 != CaseMix.notRecorded }.sorted()
            let levels = (order + extra + [CaseMix.notRecorded]).compactMap { l in counts[l].map { CaseMix.Level(label: l, patients: $0) } }
            return CaseMix.Characteristic(name: name, levels: levels)
        }
        var list: [CaseMix.Characteristic] = []
        list.append(tally("diagnosis", order: Diagnosis.allCases.map(\.rawValue)) { i, _ in patients[i].diagnosis.rawValue })
        list.append(tally("age (years)", order: CaseMix.ageBands.map(\.label)) { _, r in
            r?.ageYears.flatMap { a in CaseMix.ageBands.first { a >= $0.lower && a < $0.upper }?.label }
        })
        list.append(tally("sex", order: Sex.allCases.map(\.rawValue)) { _, r in r?.sex?.rawValue })
        list.append(tally("prior failed treatments", order: ["0", "1", "2", "3 or more"]) { i, _ in
            patients[i].priorTreatmentsFailed.map { $0 >= 3 ? "3 or more" : String($0) }
        })
        for scale in Scale.all {
            let endpointOf = firstInductionEndpoints(scale: scale)
            list.append(tally("baseline \(scale.id) severity", order: scale.bands.map { "\($0.name) (\($0.lower)–\($0.upper))" }) { i, _ in
                endpointOf[patients[i].patientID].flatMap { endpoints[$0].baseline?.total }.flatMap { scale.band(for: $0) }.map { "\($0.name) (\($0.lower)–\($0.upper))" }
            })
        }
        list.append(tally("site", order: []) { _, r in r?.site })
        return CaseMix(patients: patients.count, characteristics: list)
    }
}
