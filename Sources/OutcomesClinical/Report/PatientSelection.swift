/// The derived tables of groups of patients, taken from the tables of all of them.
///
/// Every derived row comes from one patient's timeline and the plan alone, and ``ClinicalDerivation/derive(_:plan:threads:)``
/// appends each patient's rows in patient order, so the tables of some of the patients are their rows, in the
/// same order: what deriving those patients again gives, without deriving them again (the trend table
/// derives each quarter and each site). Only the adverse-event counts, which pool patients, are recounted.
struct PatientSelection {
    private let tables: DerivedTables
    /// Per table, where each patient's rows start (`starts[i]..<starts[i + 1]` are patient i's rows).
    private let endpoints, suicidal, tolerability, intervals, relapse, relapseIntervals, disagreements, exclusions: [Int]

    /// Nil when the rows cannot be attributed to patients exactly (a patient identifier used twice), or are not in
    /// patient order; callers then derive the groups again.
    init?(_ tables: DerivedTables) {
        let patients = tables.patients
        var indexOf: [String: Int] = [:]
        indexOf.reserveCapacity(patients.count)
        for i in patients.indices {
            guard indexOf.updateValue(i, forKey: patients[i].patientID) == nil else { return nil }
        }
        // A phase disagreement names its infusion, not its patient: the owners of those few infusions only.
        var infusionOwner = Dictionary(tables.phaseDisagreements.map { ($0.source, -1) }, uniquingKeysWith: { a, _ in a })
        if !infusionOwner.isEmpty {
            for i in patients.indices {
                for k in patients[i].infusions.indices where infusionOwner[patients[i].infusions[k].source] != nil {
                    infusionOwner[patients[i].infusions[k].source] = i
                }
            }
        }
        let n = patients.count
        func starts<Row>(_ rows: [Row], _ owner: (Row) -> Int?) -> [Int]? {
            var counts = [Int](repeating: 0, count: n + 1)
            var last = 0
            for row in rows {
                guard let i = owner(row), i >= last else { return nil }
                counts[i + 1] += 1
                last = i
            }
            for i in 0..<n { counts[i + 1] += counts[i] }
            return counts
        }
        guard let endpoints = starts(tables.endpoints, { indexOf[$0.patientID] }),
              let suicidal = starts(tables.suicidal, { indexOf[$0.patientID] }),
              let tolerability = starts(tables.tolerability, { indexOf[$0.patientID] }),
              let intervals = starts(tables.maintenanceIntervals, { indexOf[$0.patientID] }),
              let relapse = starts(tables.relapse, { indexOf[$0.patientID] }),
              let relapseIntervals = starts(tables.relapseIntervals, { indexOf[$0.patientID] }),
              let disagreements = starts(tables.phaseDisagreements, { infusionOwner[$0.source].flatMap { $0 >= 0 ? $0 : nil } }),
              let exclusions = starts(tables.exclusions, { indexOf[$0.patientID] }) else { return nil }
        self.tables = tables
        (self.endpoints, self.suicidal, self.tolerability, self.intervals) = (endpoints, suicidal, tolerability, intervals)
        (self.relapse, self.relapseIntervals, self.disagreements, self.exclusions) = (relapse, relapseIntervals, disagreements, exclusions)
    }

    /// The tables of the patients at `indices` (increasing positions in ``DerivedTables/patients``).
    func tables(ofPatientsAt indices: [Int]) -> DerivedTables { tables(ofPatientsAt: indices, headlineOnly: false) }

    /// Only what ``DerivedTables/headlineCount(_:)`` reads (patients, series, endpoints, suicidal item,
    /// tolerability) for the patients at `indices`; every other table is left empty. For the trend's many quarter
    /// and site groups, which need the headline counts and nothing else: copying the relapse and adverse-event
    /// tables of each group was most of the trend's time.
    func headlineTables(ofPatientsAt indices: [Int]) -> DerivedTables { tables(ofPatientsAt: indices, headlineOnly: true) }

    private func tables(ofPatientsAt indices: [Int], headlineOnly: Bool) -> DerivedTables {
        func rows<Row>(_ all: [Row], _ starts: [Int]) -> [Row] {
            var kept: [Row] = []
            for i in indices { kept += all[starts[i]..<starts[i + 1]] }
            return kept
        }
        let kept = indices.map { tables.patients[$0] }
        var series: [String: [InfusionSeries]] = [:]
        series.reserveCapacity(kept.count)
        for p in kept { series[p.patientID] = tables.series[p.patientID] }
        return DerivedTables(plan: tables.plan, patients: kept, endpoints: rows(tables.endpoints, endpoints),
                             suicidal: rows(tables.suicidal, suicidal), tolerability: rows(tables.tolerability, tolerability),
                             adverseEvents: headlineOnly ? [] : TolerabilityBuilder.adverseEventCounts(kept),
                             maintenanceIntervals: headlineOnly ? [] : rows(tables.maintenanceIntervals, intervals),
                             relapse: headlineOnly ? [] : rows(tables.relapse, relapse),
                             relapseIntervals: headlineOnly ? [] : rows(tables.relapseIntervals, relapseIntervals),
                             phaseDisagreements: headlineOnly ? [] : rows(tables.phaseDisagreements, disagreements),
                             exclusions: headlineOnly ? [] : rows(tables.exclusions, exclusions), series: series)
    }
}
