/// Whether a patient got through the first induction series.
///
/// Tolerated means every infusion of the induction series was completed and no adverse event between the
/// series' first infusion and one day after its last led to discontinuation.
public struct InductionTolerability: Sendable, Equatable {
    public let patientID: String
    public let diagnosis: String
    public let inductionInfusions: Int
    public let completedInfusions: Int
    public let discontinuedForAdverseEvent: Bool
    public var tolerated: Bool { completedInfusions == inductionInfusions && !discontinuedForAdverseEvent }
}

/// Adverse-event counts for one term and severity.
public struct AdverseEventCount: Sendable, Equatable {
    public let term: String
    public let severity: String
    public let events: Int
    public let patients: Int
    public let serious: Int
    public let ledToDiscontinuation: Int
}

/// Days between consecutive maintenance sessions of one patient.
public struct MaintenanceInterval: Sendable, Equatable {
    public let patientID: String
    public let strategy: String?
    public let days: Double
    public let from: SourceLine
    public let to: SourceLine
}

enum TolerabilityBuilder {
    static func induction(patient: PatientTimeline, series: [InfusionSeries]) -> InductionTolerability? {
        guard let ind = series.first(where: { $0.phase == .induction }) else { return nil }
        let last = ind.end + 86_400
        let stopped = patient.adverseEvents.contains { $0.ledToDiscontinuation && $0.time >= ind.start && $0.time <= last }
        return InductionTolerability(patientID: patient.patientID, diagnosis: patient.diagnosis,
                                     inductionInfusions: ind.infusions.count,
                                     completedInfusions: ind.infusions.filter(\.completed).count,
                                     discontinuedForAdverseEvent: stopped)
    }

    static func maintenanceIntervals(patient: PatientTimeline, series: [InfusionSeries]) -> [MaintenanceInterval] {
        series.filter { $0.phase == .maintenance }.flatMap { period in
            zip(period.infusions, period.infusions.dropFirst()).map { a, b in
                MaintenanceInterval(patientID: patient.patientID, strategy: patient.strategy,
                                    days: (b.time - a.time) / 86_400, from: a.source, to: b.source)
            }
        }
    }

    /// One pass over the events, each counted in place: a patient is counted once per term and severity by
    /// remembering the last patient seen for it (patients come one after another), so the cost is linear in
    /// events. (A set of patient IDs copied on every event made this quadratic at registry scale.)
    static func adverseEventCounts(_ patients: [PatientTimeline]) -> [AdverseEventCount] {
        struct Key: Hashable { let term: String; let severity: String }
        struct Tally {
            var events = 0, serious = 0, stop = 0, patients = 0, lastPatient = -1
            mutating func count(_ ae: AdverseEventRecord, patient: Int) {
                events += 1
                if ae.serious { serious += 1 }
                if ae.ledToDiscontinuation { stop += 1 }
                if patient != lastPatient { patients += 1; lastPatient = patient }
            }
        }
        var tallies: [Key: Tally] = [:]
        for (patientIndex, p) in patients.enumerated() {
            for ae in p.adverseEvents {
                tallies[Key(term: ae.term, severity: ae.severity), default: Tally()].count(ae, patient: patientIndex)
            }
        }
        let order = ["mild": 0, "moderate": 1, "severe": 2]
        return tallies.map { k, v in
            AdverseEventCount(term: k.term, severity: k.severity, events: v.events, patients: v.patients,
                              serious: v.serious, ledToDiscontinuation: v.stop)
        }.sorted { ($0.term, order[$0.severity] ?? 9, $0.severity) < ($1.term, order[$1.severity] ?? 9, $1.severity) }
    }
}
