import Foundation
import Testing
@testable import OutcomesClinical

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

// Reference: metafor::rma(measure = "PLO", xi = c(17, 24, 108, 288, 212, 51), ni = c(24, 41, 195, 537, 424, 190),
// method = "REML") gives a pooled proportion of 0.5101960 (0.3942544 to 0.6250510), tau² 0.2956919 and I² 93.49775 %
// (printed to 7 significant digits, hence the 1e-6 tolerance; the pooling itself is tested to 1e-8 in
// OutcomesProportionsTests).
@Test func shippedPublishedSeriesPoolAsMetafor() throws {
    let studies = try PublishedSeries.load(path: root.appendingPathComponent("datasets/published/response-rates.csv").path)
    #expect(studies.count == 6 && studies.first?.study == "Murrough 2013" && studies.first?.responders == 17)
    let c = try PublishedSeries.compare(studies, practice: RateCount(successes: 267, patients: 473, definition: "d"))
    #expect(abs(c.pooled.proportion - 0.5101960) < 1e-6)
    #expect(abs(c.pooled.proportionLower - 0.3942544) < 1e-6 && abs(c.pooled.proportionUpper - 0.6250510) < 1e-6)
    #expect(abs(c.pooled.tau2 - 0.2956919) < 1e-6 && abs(c.pooled.i2 - 93.49775) < 1e-4)
}

@Test func impossibleCountsNameTheLine() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("study,citation,design,instrument,responders,patients\nA,c,d,PHQ-9,10,20\nB,c,d,PHQ-9,30,20\n".utf8).write(to: file)
    #expect(throws: PublishedSeriesError.self) { try PublishedSeries.load(path: file.path) }
    do { _ = try PublishedSeries.load(path: file.path) } catch {
        #expect(error.description == "\(file.path):3: responders 30 and patients 20 must satisfy 0 <= responders <= patients, patients >= 1")
    }
}
