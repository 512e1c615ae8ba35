import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import OutcomesReports

/// Collects the elements of an SVG: name, attributes and text, in document order.
private final class SVGElements: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String], text: String)] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes, ""))
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !elements.isEmpty { elements[elements.count - 1].text += string }
    }
    static func parse(_ svg: String) -> SVGElements? {
        let delegate = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        return parser.parse() ? delegate : nil
    }
    /// Elements of class `c`, their text without surrounding white space.
    func withClass(_ c: String) -> [(name: String, attributes: [String: String], text: String)] {
        elements.filter { $0.attributes["class"] == c }.map { ($0.name, $0.attributes, $0.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}

private var lung: String { survivalFixturePath("lung_r.csv") }

private func lungFigure(_ configure: (inout SurvivalPlotOptions) -> Void = { _ in }) throws -> String {
    var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
    r.group = "sex"
    var o = SurvivalPlotOptions()
    configure(&o)
    r.plot = o
    return try #require(try SurvivalReports.analyse(r).figure)
}

@Suite("Survival figure (km --plot): structure, alignment, rendering")
struct SurvivalFigureTests {
    @Test("Nice ticks: steps of 1, 2, 2.5 or 5 times a power of ten, never beyond the data")
    func niceTicks() {
        #expect(FigureScale.ticks(upTo: 1022) == [0, 200, 400, 600, 800, 1000])
        #expect(FigureScale.ticks(upTo: 365) == [0, 50, 100, 150, 200, 250, 300, 350])
        #expect(FigureScale.ticks(upTo: 12) == [0, 2, 4, 6, 8, 10, 12])
        #expect(FigureScale.ticks(upTo: 0.9).map(FigureScale.label) == ["0", "0.2", "0.4", "0.6", "0.8"])
        #expect(FigureScale.niceStep(23) == 25 && FigureScale.niceStep(0.3) == 0.5 && FigureScale.niceStep(100) == 100)
    }

    @Test("Number-at-risk columns sit at the x ticks; counts equal R's summary(times =)")
    func riskTableAlignedWithTicks() throws {
        let svg = try lungFigure()
        let parsed = try #require(SVGElements.parse(svg))
        let ticks = parsed.withClass("x-tick")
        #expect(ticks.map(\.text) == ["0", "200", "400", "600", "800", "1000"])
        let tickX = ticks.map { $0.attributes["x"]! }
        let counts = parsed.withClass("risk-count")
        #expect(counts.count == 2 * tickX.count)
        #expect(counts.map { $0.attributes["x"]! } == tickX + tickX)
        let reference = CLIReference.shared
        #expect(counts.map { Double($0.text)! } == reference.numbers("km_sex", "risk_1") + reference.numbers("km_sex", "risk_2"))
        #expect(parsed.withClass("risk-heading").map(\.text) == ["Number at risk"])
        // Rows of one block share a y; the two rows differ.
        let ys = Set(counts.map { $0.attributes["y"]! })
        #expect(ys.count == 2)
    }

    @Test("Censoring marks: one per distinct censoring time per curve, on the curve; band and log-rank p present")
    func censorMarksAndAnnotations() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.format = .json
        let curve = survivalRows(try survivalJSON(r), "curve")
        let censoredTimes = curve.filter { (survivalNumber($0["n_censor"]) ?? 0) > 0 }.count
        let parsed = try #require(SVGElements.parse(try lungFigure()))
        #expect(parsed.withClass("censor").count == censoredTimes)
        #expect(parsed.withClass("curve").count == 2)
        #expect(parsed.withClass("band").count == 2)
        #expect(parsed.withClass("annotation").map(\.text) == ["Log-rank p = 0.001"])
        #expect(parsed.withClass("median-line").isEmpty)
        let withMedians = try #require(SVGElements.parse(try lungFigure { $0.medianLines = true; $0.band = false }))
        #expect(withMedians.withClass("median-line").count == 2)
        #expect(withMedians.withClass("band").isEmpty)
    }

    @Test("KMunicate rows: cumulative events and censored, each block headed, aligned with the ticks")
    func cumulativeRows() throws {
        let parsed = try #require(SVGElements.parse(try lungFigure { $0.cumulativeEvents = true; $0.cumulativeCensored = true }))
        #expect(parsed.withClass("risk-heading").map(\.text) == ["Number at risk", "Cumulative number of events", "Cumulative number censored"])
        let counts = parsed.withClass("risk-count").map { Double($0.text)! }
        #expect(counts.count == 3 * 2 * 6)
        // At risk + events + censored by t = the n of the curve minus those exiting exactly after t's last time…
        // simpler invariant: at the origin nobody has had an event or been censored, and totals never decrease.
        #expect(counts[12] == 0 && counts[18] == 0 && counts[24] == 0 && counts[30] == 0)
        for start in stride(from: 12, to: 36, by: 6) { #expect(counts[start..<start + 6].elementsEqual(counts[start..<start + 6].sorted())) }
        #expect(counts[17] == 112 && counts[23] == 53)  // all events of sex=1 and sex=2 happen before day 1000 (R: 112 and 53)
    }

    @Test("Labels are escaped, output is byte-stable, and rsvg-convert renders it (when installed)")
    func escapingDeterminismAndRendering() throws {
        let curve = FigureCurve(label: "<arm & \"B\">", times: [1, 2, 3], values: [0.9, 0.6, 0.5], lower: [0.8, 0.4, .nan], upper: [1, 0.8, .nan],
                                censorTimes: [2], median: 3)
        var figure = SurvivalFigure(title: "T <script>", xLabel: "days", yLabel: "S", curves: [curve], xTicks: FigureScale.ticks(upTo: 3))
        figure.riskBlocks = [FigureRiskBlock(heading: "Number at risk", rows: [[10, 9, 5, 2]])]
        figure.medianLines = true
        let svg = figure.svg()
        #expect(svg == figure.svg())
        #expect(!svg.contains("<script>") && svg.contains("&lt;arm &amp; &quot;B&quot;&gt;"))
        #expect(SVGElements.parse(svg) != nil)
        let converter = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let converter else { return }
        let input = try survivalTemporaryFile(try lungFigure { $0.cumulativeEvents = true; $0.medianLines = true }, suffix: "svg")
        let output = input + ".png"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["-w", "600", input, "-o", output]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 10_000)
    }
}
