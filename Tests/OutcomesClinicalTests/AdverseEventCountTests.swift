import Testing
@testable import OutcomesClinical

private func event(_ day: Double, _ term: String, _ severity: String, serious: Bool = false, stopped: Bool = false) -> AdverseEventRecord {
    AdverseEventRecord(time: at(day), term: term, severity: severity, serious: serious, ledToDiscontinuation: stopped,
                       source: .init(file: .adverseEvents, line: 2))
}

/// Counts by term and severity: events, distinct patients, serious and discontinuing events, in the documented
/// order (term, then mild, moderate, severe). Hand-counted expectations.
@Test func adverseEventsAreCountedByTermSeverityAndPatient() {
    let p1 = patient("P1", infusions: induction6, events: [event(0, "nausea", "mild"), event(2, "nausea", "mild"),
                                                           event(4, "nausea", "severe", serious: true, stopped: true)])
    let p2 = patient("P2", infusions: induction6, events: [event(1, "nausea", "mild"), event(1, "dissociation", "moderate")])
    let p3 = patient("P3", infusions: induction6, events: [])
    let p4 = patient("P4", infusions: induction6, events: [event(3, "nausea", "mild", serious: true)])
    #expect(ClinicalDerivation.derive([p1, p2, p3, p4]).adverseEvents == [
        AdverseEventCount(term: "dissociation", severity: "moderate", events: 1, patients: 1, serious: 0, ledToDiscontinuation: 0),
        AdverseEventCount(term: "nausea", severity: "mild", events: 4, patients: 3, serious: 1, ledToDiscontinuation: 0),
        AdverseEventCount(term: "nausea", severity: "severe", events: 1, patients: 1, serious: 1, ledToDiscontinuation: 1),
    ])
}

/// Many patients sharing one term: the patient count must equal the number of patients, not the events
/// (the linear counter remembers only the last patient seen per term).
@Test func sharedTermsCountEachPatientOnce() {
    let patients = (0..<500).map { i in
        patient("P\(i)", infusions: induction6, events: (0..<(1 + i % 3)).map { event(Double($0), "headache", "mild") })
    }
    let counts = ClinicalDerivation.derive(patients).adverseEvents
    #expect(counts == [AdverseEventCount(term: "headache", severity: "mild", events: (0..<500).reduce(0) { $0 + 1 + $1 % 3 },
                                         patients: 500, serious: 0, ledToDiscontinuation: 0)])
}
