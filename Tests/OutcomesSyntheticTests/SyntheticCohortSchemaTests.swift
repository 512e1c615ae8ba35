import Foundation
import Testing
@testable import OutcomesSynthetic
import OutcomesClinical

@Suite("Synthetic cohort: determinism and schema")
struct SyntheticCohortSchemaTests {
    @Test func sameSeedGivesIdenticalBytes() {
        let first = SyntheticCohort.generate(patients: 300, seed: 42).fileContents()
        let second = SyntheticCohort.generate(patients: 300, seed: 42).fileContents()
        #expect(first.map(\.name) == SyntheticCohort.fileNames)
        for (a, b) in zip(first, second) { #expect(a.bytes == b.bytes, "\(a.name) differs between runs") }
    }

    @Test func differentSeedsGiveDifferentFiles() {
        let first = SyntheticCohort.generate(patients: 300, seed: 42).fileContents()
        let second = SyntheticCohort.generate(patients: 300, seed: 43).fileContents()
        for (a, b) in zip(first, second) { #expect(a.bytes != b.bytes, "\(a.name) is the same for seeds 42 and 43") }
    }

    @Test func patientsFileFollowsSchema() throws {
        let table = SyntheticCSVTable(SyntheticFixtureCohort.files["patients.csv"]!)
        #expect(table.header == ["patient_id", "diagnosis", "sex", "age", "prior_treatments_failed", "site", "strategy"])
        #expect(table.rows.count == SyntheticFixtureCohort.patientCount)
        var ids = Set<String>()
        var sites = [String: Int]()
        for (line, fields) in table.rows {
            #expect(fields.count == 7, "line \(line)")
            #expect(ids.insert(fields[0]).inserted, "duplicate patient_id at line \(line)")
            #expect(["MDD", "bipolar", "PTSD", "other"].contains(fields[1]), "diagnosis at line \(line)")
            #expect(["F", "M", "X", ""].contains(fields[2]), "sex at line \(line)")
            #expect(Int(fields[3]).map { (18...80).contains($0) } == true, "age at line \(line)")
            #expect(Int(fields[4]).map { (0...15).contains($0) } == true, "prior_treatments_failed at line \(line)")
            #expect(!fields[5].isEmpty, "site at line \(line)")
            #expect(["maintenance", "as_needed", ""].contains(fields[6]), "strategy at line \(line)")
            sites[fields[5], default: 0] += 1
        }
        #expect(table.rows.contains { $0.fields[2].isEmpty } && table.rows.contains { $0.fields[6].isEmpty })
        // "A few hundred patients per site": 2000 patients over round(2000/300) = 7 sites.
        #expect(sites.count == 7)
        #expect(sites.values.allSatisfy { (100...600).contains($0) }, "site sizes \(sites)")
    }

    @Test func infusionsFileFollowsSchemaAndIsSortedPerPatient() {
        let table = SyntheticCSVTable(SyntheticFixtureCohort.files["infusions.csv"]!)
        #expect(table.header == ["patient_id", "start", "route", "dose_mg_per_kg", "duration_min", "phase", "completed"])
        let ids = Set(SyntheticFixtureCohort.cohort.patients.map(\.id))
        var finishedPatients = Set<String>()
        var previous: (id: String, start: Int)?
        var phases = Set<String>()
        var routes = Set<String>()
        for (line, fields) in table.rows {
            #expect(fields.count == 7, "line \(line)")
            #expect(ids.contains(fields[0]), "unknown patient at line \(line)")
            let start = syntheticParseTimestamp(fields[1])
            #expect(start != nil, "start at line \(line)")
            #expect(["IV", "IN", "IM", "oral"].contains(fields[2]), "route at line \(line)")
            let dose = fields[3]
            #expect(dose.count >= 4 && dose.dropLast(3).allSatisfy(\.isNumber) && dose.dropFirst(dose.count - 3).first == "."
                    && dose.suffix(2).allSatisfy(\.isNumber), "dose format at line \(line)")
            #expect(Double(dose).map { $0 > 0 && $0 <= 3 } == true, "dose at line \(line)")
            #expect(Int(fields[4]).map { (1...240).contains($0) } == true, "duration at line \(line)")
            #expect(["induction", "maintenance", "reinduction", ""].contains(fields[5]), "phase at line \(line)")
            #expect(["yes", "no"].contains(fields[6]), "completed at line \(line)")
            phases.insert(fields[5])
            routes.insert(fields[2])
            if let previous, let start {
                if previous.id == fields[0] {
                    #expect(start > previous.start, "infusions not strictly increasing at line \(line)")
                } else {
                    #expect(!finishedPatients.contains(fields[0]), "patient rows not contiguous at line \(line)")
                    finishedPatients.insert(previous.id)
                }
            }
            previous = (fields[0], start ?? 0)
        }
        #expect(phases == ["induction", "maintenance", "reinduction", ""])
        #expect(routes == ["IV", "IN", "IM", "oral"])
    }

    @Test func assessmentItemsAreInRangeAndSumToTotals() {
        let table = SyntheticCSVTable(SyntheticFixtureCohort.files["assessments.csv"]!)
        #expect(table.header == ["patient_id", "time", "instrument", "total"] + (1...10).map { "item_\($0)" })
        let ids = Set(SyntheticFixtureCohort.cohort.patients.map(\.id))
        var blankTotals = 0
        var previous: (id: String, time: Int, instrument: String)?
        for (line, fields) in table.rows {
            #expect(fields.count == 14, "line \(line)")
            #expect(ids.contains(fields[0]), "unknown patient at line \(line)")
            let time = syntheticParseTimestamp(fields[1])
            #expect(time != nil, "time at line \(line)")
            let isPHQ9 = fields[2] == "PHQ-9"
            #expect(isPHQ9 || fields[2] == "MADRS", "instrument at line \(line)")
            let itemCount = isPHQ9 ? 9 : 10
            let itemMaximum = isPHQ9 ? 3 : 6
            let items = fields[4..<(4 + itemCount)].map { Int($0) }
            #expect(items.allSatisfy { $0.map { (0...itemMaximum).contains($0) } == true }, "items at line \(line)")
            if isPHQ9 { #expect(fields[13].isEmpty, "PHQ-9 item_10 not blank at line \(line)") }
            let sum = items.reduce(0) { $0 + ($1 ?? 0) }
            if fields[3].isEmpty {
                blankTotals += 1
            } else {
                #expect(Int(fields[3]) == sum, "total \(fields[3]) ≠ item sum \(sum) at line \(line)")
            }
            if let previous, previous.id == fields[0], let time {
                #expect(time > previous.time || (time == previous.time && previous.instrument == "PHQ-9" && !isPHQ9),
                        "assessments out of order or duplicated at line \(line)")
            }
            previous = (fields[0], time ?? 0, fields[2])
        }
        #expect(blankTotals > 0)
    }

    @Test func adverseEventsFollowSchemaAndReferencePatients() {
        let table = SyntheticCSVTable(SyntheticFixtureCohort.files["adverse_events.csv"]!)
        #expect(table.header == ["patient_id", "time", "term", "severity", "serious", "led_to_discontinuation"])
        let ids = Set(SyntheticFixtureCohort.cohort.patients.map(\.id))
        var terms = Set<String>()
        for (line, fields) in table.rows {
            #expect(fields.count == 6, "line \(line)")
            #expect(ids.contains(fields[0]), "unknown patient at line \(line)")
            #expect(syntheticParseTimestamp(fields[1]) != nil, "time at line \(line)")
            #expect(["nausea", "dizziness", "dissociation", "elevated blood pressure", "headache"].contains(fields[2]), "term at line \(line)")
            #expect(["mild", "moderate", "severe"].contains(fields[3]), "severity at line \(line)")
            #expect(["yes", "no"].contains(fields[4]) && ["yes", "no"].contains(fields[5]), "flags at line \(line)")
            terms.insert(fields[2])
        }
        #expect(terms.count == 5)
        #expect(table.rows.contains { $0.fields[4] == "yes" } && table.rows.contains { $0.fields[5] == "yes" })
    }

    @Test func noInfusionFollowsADiscontinuingAdverseEvent() {
        let cohort = SyntheticFixtureCohort.cohort
        var lastInfusionStart = [Int: Int]()
        for infusion in cohort.infusions { lastInfusionStart[infusion.patientIndex] = infusion.startMinute }
        for event in cohort.adverseEvents where event.ledToDiscontinuation {
            #expect(lastInfusionStart[event.patientIndex]! <= event.minute, "patient \(cohort.patients[event.patientIndex].id)")
        }
    }

    @Test func truthIsSortedDeterministicJSON() throws {
        let bytes = SyntheticFixtureCohort.files["truth.json"]!
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["seed"] as? String == String(SyntheticFixtureCohort.seed))
        #expect(object["patients"] as? Int == SyntheticFixtureCohort.patientCount)
        let response = try #require(object["response_probability_by_diagnosis"] as? [String: Double])
        for diagnosis in Diagnosis.allCases {
            // Tolerance 5e-5: the file carries four decimals.
            #expect(abs(response[diagnosis.rawValue]! - SyntheticCohortModel().responseProbability[diagnosis]!) < 5e-5)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let topLevelKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }.map(String.init)
        #expect(topLevelKeys == topLevelKeys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(topLevelKeys.count == object.count)
    }
}
