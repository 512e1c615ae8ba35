import OutcomesConcurrency

extension ClinicDataset {
    /// One timeline per patient, in the dataset's patient order, with every record's source line kept. Patients
    /// are built in consecutive chunks on several threads and joined in order.
    public func timelines(threads: Int = OrderedChunks.defaultThreads) -> [PatientTimeline] {
        OrderedChunks.map(count: patients.count, chunkSize: 4_096, threads: threads) { range in
            range.map(timeline(ofPatient:))
        }.flatMap { $0 }
    }

    private func timeline(ofPatient index: Int) -> PatientTimeline {
        let p = patients[index]
        let infusions = infusions(ofPatient: index).map {
            InfusionEvent(time: $0.start, recordedPhase: $0.phase, completed: $0.completed,
                          durationMinutes: $0.durationMinutes, route: $0.route, source: $0.source)
        }
        let scores = assessments(ofPatient: index).map { a in
            ScoreRecord(time: a.time, scale: a.instrument.scale, total: a.total.map(Double.init),
                        itemScores: a.items, source: a.source)
        }
        let events = adverseEvents(ofPatient: index).map {
            AdverseEventRecord(time: $0.time, term: $0.term, severity: $0.severity.rawValue, serious: $0.serious,
                               ledToDiscontinuation: $0.ledToDiscontinuation, source: $0.source)
        }
        var timeline = PatientTimeline(patientID: p.id, diagnosis: p.diagnosis, strategy: p.strategy,
                                       priorTreatmentsFailed: p.priorTreatmentsFailed,
                                       infusions: infusions, scores: scores, adverseEvents: events)
        timeline.sex = p.sex
        timeline.ageYears = p.ageYears
        timeline.site = p.site
        return timeline
    }
}
