import OutcomesTabular

/// Turns accepted table rows into records, applying each file's rules.
enum RecordBuilders {
    /// Builds patients; `lookup` finds each accepted identifier's record.
    static func patients(_ table: CSVTable) -> (records: [Patient], validation: FileValidation, lookup: PatientLookup) {
        var rules = RuleCollector(table: table)
        let ids = table.texts("patient_id"), diagnoses = table.categories("diagnosis"), sexes = table.categories("sex")
        let ages = table.doubles("age"), priors = table.integers("prior_treatments_failed")
        let sites = table.texts("site"), strategies = table.categories("strategy")
        // While the accepted identifiers are strictly increasing a new one cannot repeat an earlier one, so no
        // dictionary is needed; the first that is not larger builds it from the records so far.
        var increasing = true
        var index: [String: Int] = [:]
        var records: [Patient] = []
        records.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let id = ids[row] ?? ""
            let line = Int(table.lines[row])
            if increasing, let last = records.last, !(last.id < id) {
                increasing = false
                index.reserveCapacity(table.rowCount)
                for (offset, record) in records.enumerated() { index[record.id] = offset }
            }
            if !increasing, let first = index[id] {
                rules.reject(row, "patient_id", id, "duplicate patient_id (first at line \(records[first].source.line))")
            }
            if ages[row] < 0 { rules.reject(row, "age", numberText(ages[row]), "negative age") }
            if priors[row] != IntegerColumn.missing && priors[row] < 0 {
                rules.reject(row, "prior_treatments_failed", String(priors[row]), "negative prior_treatments_failed")
            }
            guard rules.finishRow() else { continue }
            if !increasing { index[id] = records.count }
            records.append(Patient(
                id: id, diagnosis: Diagnosis.fromLevel(diagnoses[row])!, sex: Sex.fromLevel(sexes[row]),
                ageYears: ages[row].isNaN ? nil : ages[row],
                priorTreatmentsFailed: priors[row] == IntegerColumn.missing ? nil : Int(priors[row]),
                site: sites[row], strategy: TreatmentStrategy.fromLevel(strategies[row]),
                source: SourceLine(file: .patients, line: line)))
        }
        let lookup = increasing ? PatientLookup(strictlyIncreasing: records.map(\.id)) : PatientLookup(positions: index)
        return (records, rules.validation(of: .patients, accepted: records.count), lookup)
    }

    static func infusions(_ table: CSVTable, patientIndex: PatientLookup, zones: TimeZoneRules = .asWritten) -> (records: [Infusion], validation: FileValidation) {
        var rules = RuleCollector(table: table)
        let ids = table.texts("patient_id"), starts = zones.times(table, "start", .infusions), routes = table.categories("route")
        let doses = table.doubles("dose_mg_per_kg"), durations = table.doubles("duration_min")
        let phases = table.categories("phase"), completed = table.categories("completed")
        var records: [Infusion] = []
        records.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let id = ids[row] ?? ""
            let patient = patientIndex.index(of: id)
            if patient == nil { rules.reject(row, "patient_id", id, unknownPatientReason(id)) }
            if doses[row] < 0 { rules.reject(row, "dose_mg_per_kg", numberText(doses[row]), "negative dose") }
            if durations[row] < 0 { rules.reject(row, "duration_min", numberText(durations[row]), "negative duration") }
            zones.check(row, table, "start", .infusions, starts[row], &rules)
            guard rules.finishRow(), let patient else { continue }
            records.append(Infusion(
                patientIndex: patient, start: starts[row], route: Route.fromLevel(routes[row])!,
                doseMgPerKg: doses[row].isNaN ? nil : doses[row], durationMinutes: durations[row].isNaN ? nil : durations[row],
                phase: TreatmentPhase.fromLevel(phases[row]), completed: YesNo.fromLevel(completed[row]) == .yes,
                source: SourceLine(file: .infusions, line: Int(table.lines[row]))))
        }
        return (records, rules.validation(of: .infusions, accepted: records.count))
    }

    static func adverseEvents(_ table: CSVTable, patientIndex: PatientLookup, zones: TimeZoneRules = .asWritten) -> (records: [AdverseEvent], validation: FileValidation) {
        var rules = RuleCollector(table: table)
        let ids = table.texts("patient_id"), times = zones.times(table, "time", .adverseEvents), terms = table.texts("term")
        let severities = table.categories("severity"), serious = table.categories("serious")
        let discontinued = table.categories("led_to_discontinuation")
        var records: [AdverseEvent] = []
        records.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let id = ids[row] ?? ""
            let patient = patientIndex.index(of: id)
            if patient == nil { rules.reject(row, "patient_id", id, unknownPatientReason(id)) }
            zones.check(row, table, "time", .adverseEvents, times[row], &rules)
            guard rules.finishRow(), let patient else { continue }
            records.append(AdverseEvent(
                patientIndex: patient, time: times[row], term: terms[row] ?? "", severity: Severity.fromLevel(severities[row])!,
                serious: YesNo.fromLevel(serious[row]) == .yes, ledToDiscontinuation: YesNo.fromLevel(discontinued[row]) == .yes,
                source: SourceLine(file: .adverseEvents, line: Int(table.lines[row]))))
        }
        return (records, rules.validation(of: .adverseEvents, accepted: records.count))
    }
}
