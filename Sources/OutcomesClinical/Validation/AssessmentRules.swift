import OutcomesTabular

extension RecordBuilders {
    /// Builds assessments, applying the scale rules:
    /// - each item within the instrument's range (PHQ-9 0–3, MADRS 0–6);
    /// - PHQ-9 rows must leave `item_10` blank (rejected otherwise: the PHQ-9's tenth "difficulty" question is
    ///   not part of the total, so a value there is ambiguous; keep it in an extra column instead);
    /// - a recorded total within range (PHQ-9 0–27, MADRS 0–60) and equal to the item sum when every item is present;
    /// - a blank total is computed from the items when every item is present; with items missing the row is
    ///   accepted with no total, and the analysis plan's missing-item rule (no proration by default) decides
    ///   later whether the score is usable; unusable scores are listed in every analysis's exclusions.
    static func assessments(_ table: CSVTable, patientIndex: [String: Int], zones: TimeZoneRules = .asWritten) -> (records: [Assessment], validation: FileValidation) {
        var rules = RuleCollector(table: table)
        let ids = table.texts("patient_id"), times = zones.times(table, "time", .assessments), instruments = table.categories("instrument")
        let totals = table.integers("total")
        let items = (1...10).map { table.integers("item_\($0)") }
        var records: [Assessment] = []
        records.reserveCapacity(table.rowCount)
        var lastID: String?
        var lastPatient: Int?
        for row in 0..<table.rowCount {
            let id = ids[row] ?? ""
            // Rows usually come grouped by patient: reuse the previous lookup.
            let patient = id == lastID ? lastPatient : patientIndex[id]
            lastID = id
            lastPatient = patient
            if patient == nil { rules.reject(row, "patient_id", id, unknownPatientReason(id)) }
            zones.check(row, table, "time", .assessments, times[row], &rules)
            let instrument = Instrument.fromLevel(instruments[row])!
            var scores = ItemScores()
            var sum = 0
            var blankItems: [Int] = []
            var itemsValid = true
            for item in 1...10 {
                let value = items[item - 1][row]
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
            let recorded = totals[row] != IntegerColumn.missing
            if recorded {
                let value = Int(totals[row])
                total = value
                if value < 0 || value > instrument.maximumTotal {
                    rules.reject(row, "total", String(value), "total out of range for \(instrument.rawValue) (0–\(instrument.maximumTotal))")
                } else if itemsValid && blankItems.isEmpty && value != sum {
                    rules.reject(row, "total", String(value), "total disagrees with the item sum \(sum)")
                }
            } else if !blankItems.isEmpty {
                total = nil
            }
            guard rules.finishRow(), let patient else { continue }
            records.append(Assessment(patientIndex: patient, time: times[row], instrument: instrument, total: total,
                                      totalWasRecorded: recorded, items: scores,
                                      source: SourceLine(file: .assessments, line: Int(table.lines[row]))))
        }
        return (records, rules.validation(of: .assessments, accepted: records.count))
    }
}
