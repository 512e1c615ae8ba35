import Foundation
import Testing
@testable import OutcomesClinical

@Test func planLimits() {
    let big = "# " + String(repeating: "x", count: YAMLLimits.maximumDocumentBytes) + "\n"
    #expect { try AnalysisPlan(yaml: big) } throws: { "\($0)".contains("the limit for a YAML input is 1 MiB") }
    let list = "suicidal_item:\n  report_windows_minutes: [" + (0...YAMLLimits.maximumListEntries).map { _ in "90" }.joined(separator: ", ") + "]\n"
    #expect { try AnalysisPlan(yaml: list) } throws: {
        "\($0)".contains("suicidal_item.report_windows_minutes") && "\($0)".contains("a list of 1001 entries; the limit is 1000")
    }
}

@Test func claimsLimits() {
    let many = "claims:\n" + String(repeating: "  - id: c\n", count: YAMLLimits.maximumClaims + 1)
    #expect { try ClaimsFile.parse(many, file: "c.yaml") } throws: { "\($0)".contains("2001 claims; the limit for one claims file is 2000") }
    let big = "claims: []\n#" + String(repeating: "x", count: YAMLLimits.maximumDocumentBytes)
    #expect { try ClaimsFile.parse(big, file: "c.yaml") } throws: { "\($0)".contains("the limit for a YAML input is 1 MiB") }
}

@Test func fifosAreRefusedNotWaitedOn() throws {
    let folder = try temporaryDataset(["infusions.csv": "patient_id,start,route,dose_mg_per_kg,duration_min,completed\n",
                                       "assessments.csv": "patient_id,time,instrument,total\n"])
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("patients.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(loadError(folder.path) == .inaccessible(path: fifo, cause: "it is a FIFO (named pipe), not a regular file"))
    #expect { try AnalysisPlan(contentsOfFile: fifo) } throws: { "\($0)".contains("cannot read the plan file '\(fifo)': it is a FIFO") }
    #expect { try ClaimsFile.load(path: fifo) } throws: { "\($0)".contains("cannot read the claims file '\(fifo)': it is a FIFO") }
}

@Test func unreadableInputsNameTheCause() {
    let missing = "/nonexistent-\(UUID().uuidString)/plan.yaml"
    #expect { try AnalysisPlan(contentsOfFile: missing) } throws: { "\($0)".contains("cannot read the plan file '\(missing)': it does not exist") }
    #expect(loadError("/etc/hostname/x") == .inaccessible(path: "/etc/hostname/x", cause: "a part of the path is not a folder"))
}
