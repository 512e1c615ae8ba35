import Foundation
import Testing
@testable import OutcomesReports

@Test(arguments: [
    (0.5, 3, "0.500"), (-0.0004, 3, "0.000"), (2.675, 2, "2.68"), (-1.25, 1, "-1.3"), (1234.5, 0, "1235"), (0.9996, 3, "1.000"),
])
func fixedFormatting(x: Double, digits: Int, expected: String) {
    #expect(Formatting.fixed(x, digits) == expected)
}

@Test func compactAndSpecialValues() {
    #expect(Formatting.compact(3) == "3")
    #expect(Formatting.compact(0.125) == "0.125")
    #expect(Formatting.compact(nil) == "")
    #expect(Formatting.fixed(.nan, 2) == "NaN" && Formatting.fixed(-.infinity, 2) == "-Inf")
    #expect(Formatting.percent(0.536) == "53.6 %")
}

// Known instants: 1970-01-01T00:00:00, 2000-02-29T12:34:56 (951827696 s), 1969-12-31T23:59:59 (−1 s).
@Test func dateTimes() {
    #expect(Formatting.dateTime(0) == "1970-01-01T00:00:00")
    #expect(Formatting.dateTime(951_827_696) == "2000-02-29T12:34:56")
    #expect(Formatting.dateTime(-1) == "1969-12-31T23:59:59")
}

@Test func csvQuotesOnlyWhenNeeded() {
    var c = CSVText(header: ["a", "b"])
    c.append(["plain", "with,comma"])
    c.append(["say \"hi\"", "two\nlines"])
    #expect(c.text == "a,b\nplain,\"with,comma\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n")
}

@Test func outputFolderReplacesWholeAndKeepsOldOnFailure() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("of-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out").path
    try OutputFolder.write([("a.csv", "1\n")], to: out)
    try OutputFolder.write([("b.csv", "2\n")], to: out)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [OutputFolder.markerName, "b.csv"])
    // A name that cannot be written (two folder levels, or a hidden folder) fails; the earlier output survives.
    #expect(throws: (any Error).self) { try OutputFolder.write([("deep/er/c.csv", "3\n")], to: out) }
    #expect(throws: (any Error).self) { try OutputFolder.write([(".hidden/c.csv", "3\n")], to: out) }
    #expect(try String(contentsOfFile: out + "/b.csv", encoding: .utf8) == "2\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out"])
    // One folder level is written (the report's tables/ and figures/).
    try OutputFolder.write([("report.md", "r\n"), ("tables/t.csv", "x\n"), ("figures/f.svg", "<svg/>\n")], to: out)
    #expect(try String(contentsOfFile: out + "/tables/t.csv", encoding: .utf8) == "x\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [OutputFolder.markerName, "figures", "report.md", "tables"])
}

@Test func stepCurveSVGIsDeterministicAndWellFormed() {
    let c = StepCurve(label: "all <patients>", times: [10, 20], values: [0.8, 0.5], lower: [0.6, 0.3], upper: [0.95, 0.7])
    let a = StepCurveSVG.render([c], title: "Relapse-free", xLabel: "days", yLabel: "probability")
    let b = StepCurveSVG.render([c], title: "Relapse-free", xLabel: "days", yLabel: "probability")
    #expect(a == b)
    #expect(a.hasPrefix("<svg ") && a.hasSuffix("</svg>\n"))
    #expect(a.contains("all &lt;patients&gt;"))
    // Plot area: x from 70 over 470 px for 0–20 days; y from 40 over 340 px for 1–0.
    // First jump at day 10 → x = 70 + 235 = 305; value 0.8 → y = 40 + 0.2 × 340 = 108.
    #expect(a.contains("M70.0 40.0 H305.0 V108.0 H540.0 V210.0 H540.0"))
}

@Test func outputFolderNeverReplacesAFolderItDidNotWrite() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("of-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data("keep me\n".utf8).write(to: dir.appendingPathComponent("thesis.docx"))
    #expect(throws: OutputFolderError.self) { try OutputFolder.write([("a.csv", "1\n")], to: dir.path) }
    #expect(try String(contentsOf: dir.appendingPathComponent("thesis.docx"), encoding: .utf8) == "keep me\n")
    // An empty folder is fine.
    let empty = dir.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try OutputFolder.write([("a.csv", "1\n")], to: empty.path)
    #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("a.csv").path))
}

/// A CRLF pair is one Character in Swift; the field must still be quoted, and non-ASCII text passes unchanged.
@Test func csvQuotesCarriageReturnLineFeedAndKeepsUnicode() {
    var c = CSVText(header: ["note"])
    c.append(["a\r\nb"])
    c.append(["naïve \"é\""])
    c.append(["日本"])
    #expect(c.text == "note\n\"a\r\nb\"\n\"naïve \"\"é\"\"\"\n日本\n")
    #expect(CSVText.escape("x") == "x" && CSVText.escape("\r") == "\"\r\"")
}
