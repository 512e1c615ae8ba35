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
        let recordOf = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cohort = patients.map { (timeline: $0, record: recordOf[$0.patientID]) }
        func tally(_ name: String, order: [String], _ label: (PatientTimeline, Patient?) -> String?) -> CaseMix.Characteristic {
            var counts: [String: Int] = [:]
            for c in cohort { counts[label(c.timeline, c.record) ?? CaseMix.notRecorded, default: 0] += 1 }
            let extra = counts.keys.filter { !order.contains($0) && $0 != CaseMix.notRecorded }.sorted()
            let levels = (order + extra + [CaseMix.notRecorded]).compactMap { l in counts[l].map { CaseMix.Level(label: l, patients: $0) } }
            return CaseMix.Characteristic(name: name, levels: levels)
        }
        var list: [CaseMix.Characteristic] = []
        list.append(tally("diagnosis", order: Diagnosis.allCases.map(\.rawValue)) { t, _ in t.diagnosis.rawValue })
        list.append(tally("age (years)", order: CaseMix.ageBands.map(\.label)) { _, r in
            r?.ageYears.flatMap { a in CaseMix.ageBands.first { a >= $0.lower && a < $0.upper }?.label }
        })
        list.append(tally("sex", order: Sex.allCases.map(\.rawValue)) { _, r in r?.sex?.rawValue })
        list.append(tally("prior failed treatments", order: ["0", "1", "2", "3 or more"]) { t, _ in
            t.priorTreatmentsFailed.map { $0 >= 3 ? "3 or more" : String($0) }
        })
        for scale in Scale.all {
            let baselineOf = Dictionary(endpoints.filter { SeriesSelection.firstInduction.matches($0.series) && $0.scale == scale }
                .map { ($0.patientID, $0.baseline?.total) }, uniquingKeysWith: { a, _ in a })
            list.append(tally("baseline \(scale.id) severity", order: scale.bands.map { "\($0.name) (\($0.lower)–\($0.upper))" }) { t, _ in
                (baselineOf[t.patientID] ?? nil).flatMap { scale.band(for: $0) }.map { "\($0.name) (\($0.lower)–\($0.upper))" }
            })
        }
        list.append(tally("site", order: []) { _, r in r?.site })
        return CaseMix(patients: patients.count, characteristics: list)
    }
}
