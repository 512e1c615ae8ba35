import OutcomesClinical
/// Rendering of the cohort as the five files of the dataset schema.
extension SyntheticCohort {
    /// Names of the files ``fileContents()`` returns, in order.
    public static let fileNames = ["patients.csv", "infusions.csv", "assessments.csv", "adverse_events.csv", "truth.json"]

    /// Every output file as name and bytes, in ``fileNames`` order.
    public func fileContents() -> [(name: String, bytes: [UInt8])] {
        [
            ("patients.csv", patientsCSV()),
            ("infusions.csv", infusionsCSV()),
            ("assessments.csv", assessmentsCSV()),
            ("adverse_events.csv", adverseEventsCSV()),
            ("truth.json", Array(truth().rendered().utf8)),
        ]
    }

    /// `patients.csv`: patient_id,diagnosis,sex,age,prior_treatments_failed,site,strategy.
    public func patientsCSV() -> [UInt8] {
        var sink = ByteSink(reservingCapacity: 48 * patients.count + 64)
        sink.append("patient_id,diagnosis,sex,age,prior_treatments_failed,site,strategy\n")
        for patient in patients {
            sink.append(patient.id)
            sink.appendComma()
            sink.append(patient.diagnosis.rawValue)
            sink.appendComma()
            if let sex = patient.sex { sink.append(sex.rawValue) }
            sink.appendComma()
            sink.append(patient.age)
            sink.appendComma()
            sink.append(patient.priorTreatmentsFailed)
            sink.appendComma()
            sink.append(patient.site)
            sink.appendComma()
            if let strategy = patient.strategy { sink.append(strategy.rawValue) }
            sink.appendNewline()
        }
        return sink.bytes
    }

    /// `infusions.csv`: patient_id,start,route,dose_mg_per_kg,duration_min,phase,completed.
    public func infusionsCSV() -> [UInt8] {
        let origin = originDay
        var sink = ByteSink(reservingCapacity: 64 * infusions.count + 64)
        sink.append("patient_id,start,route,dose_mg_per_kg,duration_min,phase,completed\n")
        for infusion in infusions {
            sink.append(patients[infusion.patientIndex].id)
            sink.appendComma()
            sink.appendTimestamp(minute: infusion.startMinute, originDay: origin)
            sink.appendComma()
            sink.append(infusion.route.rawValue)
            sink.appendComma()
            sink.appendHundredths(infusion.doseHundredthsMgPerKg)
            sink.appendComma()
            sink.append(infusion.durationMinutes)
            sink.appendComma()
            if let phase = infusion.phase { sink.append(phase.rawValue) }
            sink.appendComma()
            sink.append(yesNo: infusion.completed)
            sink.appendNewline()
        }
        return sink.bytes
    }

    /// `assessments.csv`: patient_id,time,instrument,total,item_1,…,item_10 (item_10 blank for PHQ-9).
    public func assessmentsCSV() -> [UInt8] {
        let origin = originDay
        var sink = ByteSink(reservingCapacity: 64 * assessments.count + 128)
        sink.append("patient_id,time,instrument,total")
        for item in 1...10 { sink.append(",item_" + String(item)) }
        sink.appendNewline()
        for assessment in assessments {
            sink.append(patients[assessment.patientIndex].id)
            sink.appendComma()
            sink.appendTimestamp(minute: assessment.minute, originDay: origin)
            sink.appendComma()
            sink.append(assessment.instrument.rawValue)
            sink.appendComma()
            if !assessment.totalIsBlank { sink.append(assessment.itemSum) }
            for item in assessment.items {
                sink.appendComma()
                sink.append(Int(item))
            }
            if assessment.items.count < 10 { sink.appendComma() }
            sink.appendNewline()
        }
        return sink.bytes
    }

    /// `adverse_events.csv`: patient_id,time,term,severity,serious,led_to_discontinuation.
    public func adverseEventsCSV() -> [UInt8] {
        let origin = originDay
        var sink = ByteSink(reservingCapacity: 56 * adverseEvents.count + 64)
        sink.append("patient_id,time,term,severity,serious,led_to_discontinuation\n")
        for event in adverseEvents {
            sink.append(patients[event.patientIndex].id)
            sink.appendComma()
            sink.appendTimestamp(minute: event.minute, originDay: origin)
            sink.appendComma()
            sink.append(event.term.rawValue)
            sink.appendComma()
            sink.append(event.severity.rawValue)
            sink.appendComma()
            sink.append(yesNo: event.serious)
            sink.appendComma()
            sink.append(yesNo: event.ledToDiscontinuation)
            sink.appendNewline()
        }
        return sink.bytes
    }
}
