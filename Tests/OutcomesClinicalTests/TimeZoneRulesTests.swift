import Foundation
import OutcomesTabular
import Testing
@testable import OutcomesClinical

private let patientsCSV = "patient_id,diagnosis\nP1,MDD\n"
private let assessmentsCSV = "patient_id,time,instrument,total\nP1,2024-03-09T08:30:00,PHQ-9,20\nP1,2024-03-11T10:00:00,PHQ-9,8\n"

private func seconds(_ text: String) -> Double {
    guard case .seconds(let s) = ISO8601.parse(text) else { preconditionFailure(text) }
    return s
}

/// The issue's case: one infusion time with an offset among times without one is a finding naming the rows
/// without an offset, not a silent shift.
@Test func mixedOffsetsRejectRowsWithoutAnOffset() throws {
    let folder = try temporaryDataset([
        "patients.csv": patientsCSV,
        "infusions.csv": "patient_id,start,route,dose_mg_per_kg,duration_min,completed\nP1,2024-03-09T09:00:00+05:30,IV,0.5,40,yes\nP1,2024-03-11T09:00:00,IV,0.5,40,yes\n",
        "assessments.csv": assessmentsCSV,
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let loaded = try ClinicDataset.load(at: folder.path)
    let issues = loaded.report.files.flatMap(\.issues)
    // Infusion line 3 and both assessment rows have no offset.
    #expect(issues.map { "\($0.file):\($0.line)" }.sorted() == ["assessments.csv:2", "assessments.csv:3", "infusions.csv:3"])
    #expect(issues.allSatisfy { "\($0.reason)".contains("time without a UTC offset") && "\($0.reason)".contains("time.assume_zone") })
    #expect(issues.first { $0.file == "infusions.csv" }?.value == "2024-03-11T09:00:00")
    #expect(loaded.dataset.infusions.count == 1 && loaded.dataset.assessments.isEmpty)
}

@Test func uniformFormsAreTakenAsWritten() throws {
    for infusions in ["P1,2024-03-09T09:00:00,IV,0.5,40,yes\n", "P1,2024-03-09T09:00:00Z,IV,0.5,40,yes\n"] {
        let all = infusions.contains("Z")
        let folder = try temporaryDataset([
            "patients.csv": patientsCSV, "infusions.csv": "patient_id,start,route,dose_mg_per_kg,duration_min,completed\n" + infusions,
            "assessments.csv": all ? assessmentsCSV.replacingOccurrences(of: ":00,PHQ", with: ":00Z,PHQ") : assessmentsCSV,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try ClinicDataset.load(at: folder.path)
        #expect(!loaded.report.hasRejectedRows)
        #expect(loaded.dataset.infusions.first?.start == seconds("2024-03-09T09:00:00Z"))
    }
}

/// With time.assume_zone = America/New_York, times without an offset are New York clock times with its
/// daylight saving (EST −5 h until 2024-03-10 02:00, EDT −4 h after); times with an offset keep it.
@Test func assumedZoneAppliesDaylightSaving() throws {
    let folder = try temporaryDataset([
        "patients.csv": patientsCSV,
        "infusions.csv": "patient_id,start,route,dose_mg_per_kg,duration_min,completed\nP1,2024-03-09T09:00:00+05:30,IV,0.5,40,yes\nP1,2024-03-11T09:00:00,IV,0.5,40,yes\n",
        "assessments.csv": assessmentsCSV,
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let zone = try #require(PlanTimeZone.zone(named: "America/New_York"))
    let loaded = try ClinicDataset.load(at: folder.path, assumeZone: zone)
    #expect(!loaded.report.hasRejectedRows)
    #expect(loaded.dataset.infusions.map(\.start) == [seconds("2024-03-09T03:30:00Z"), seconds("2024-03-11T13:00:00Z")])
    #expect(loaded.dataset.assessments.map(\.time) == [seconds("2024-03-09T13:30:00Z"), seconds("2024-03-11T14:00:00Z")])
}

@Test func gapsAndRepeatedHoursFollowTheDocumentedRule() throws {
    let zone = try #require(PlanTimeZone.zone(named: "America/New_York"))
    var converter = LocalTimeConverter(zone: zone)
    // 02:30 on 2024-03-10 does not exist in New York: moved forward by the hour, to 03:30 EDT = 07:30 UTC.
    #expect(converter.utc(fromLocal: seconds("2024-03-10T02:30:00")) == seconds("2024-03-10T07:30:00Z"))
    // 01:30 on 2024-11-03 happens twice: the first (EDT, −4 h) is taken.
    #expect(converter.utc(fromLocal: seconds("2024-11-03T01:30:00")) == seconds("2024-11-03T05:30:00Z"))
    #expect(converter.utc(fromLocal: seconds("2024-11-03T03:00:00")) == seconds("2024-11-03T08:00:00Z"))
    // Southern hemisphere: Sydney is +11 h in January (daylight) and +10 h in July.
    var sydney = LocalTimeConverter(zone: try #require(PlanTimeZone.zone(named: "Australia/Sydney")))
    #expect(sydney.utc(fromLocal: seconds("2024-01-15T12:00:00")) == seconds("2024-01-15T01:00:00Z"))
    #expect(sydney.utc(fromLocal: seconds("2024-07-15T12:00:00")) == seconds("2024-07-15T02:00:00Z"))
}

@Test func planKeyAcceptsIANANamesOnly() throws {
    #expect(try AnalysisPlan(yaml: "time:\n  assume_zone: Europe/Berlin\n").assumedTimeZone?.identifier == "Europe/Berlin")
    #expect(try AnalysisPlan(yaml: "time:\n  assume_zone: none\n").assumedTimeZone == nil)
    #expect(AnalysisPlan().timeAssumeZone == "none")
    for bad in ["EST", "Mars/Olympus", "5"] {
        #expect(throws: PlanError.self) { try AnalysisPlan(yaml: "time:\n  assume_zone: \(bad)\n") }
    }
}

@Test func timeFormsFromTheReaderHandleQuotesAndCRLF() throws {
    let folder = try temporaryDataset(["x.csv": "id,\"Time\",note\r\n1,\"2024-01-01T09:00:00-05:00\",\"a, \"\"quoted\"\"\nnote\"\r\n2,2024-01-02T09:00:00,b\r\n"])
    defer { try? FileManager.default.removeItem(at: folder) }
    let schema = CSVSchema([CSVColumn("id", .text), CSVColumn("time", .dateTime), CSVColumn("note", .text)])
    let table = try CSVReader.read(fileAt: folder.appendingPathComponent("x.csv").path, schema: schema)
    let scan = try #require(table.timeForms["time"])
    #expect(scan.withOffset == 1 && scan.withoutOffset == 1)
    #expect(scan.hasOffset(line: 2) && !scan.hasOffset(line: 4))
}
