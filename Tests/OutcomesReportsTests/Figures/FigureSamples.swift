import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import OutcomesReports

/// A label that would break or inject into an SVG written without escaping.
let hostileLabel = "<script>|\"&\nx'"
/// The same label as a reader sees it once parsed: newline turned into a space.
let hostileParsed = "<script>|\"& x'"

/// A deterministic sequence in [0, 1) (a linear congruential generator), so samples need no randomness.
struct FigureSampleNumbers {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

/// Typical inputs of the quarterly report, one per figure type.
enum FigureSamples {
    static var flow: FlowDiagram {
        let reasons = (1...20).map { k in
            FlowDiagram.Exit(reason: k == 3 ? "Withdrew consent after the second infusion because of travel distance to the clinic" : "Exit reason number \(k)",
                             count: k % 4 == 0 ? "<11" : "\(10 + k)")
        }
        return FlowDiagram(title: "Patient flow, induction series started 2025-Q3", steps: [
            FlowDiagram.Step(label: "Started induction", count: "412", exits: [.init(reason: "Stopped before the sixth infusion", count: "38"),
                                                                                .init(reason: hostileLabel, count: "<11")]),
            FlowDiagram.Step(label: "Completed induction (six infusions within 21 days)", count: "366", exits: reasons),
            FlowDiagram.Step(label: "Endpoint assessed", count: "351", exits: [.init(reason: "No PHQ-9 within the endpoint window", count: "15")]),
            FlowDiagram.Step(label: "Responders", count: "201", exits: []),
            FlowDiagram.Step(label: "Followed for relapse", count: "188", exits: [.init(reason: "No visit after the induction series", count: "13")]),
        ])
    }

    static var waterfall: WaterfallFigure {
        var rng = FigureSampleNumbers(seed: 7)
        let values = (0..<120).map { _ in -100 + 150 * rng.next() * rng.next().squareRoot() }
        return WaterfallFigure(title: "PHQ-9 percent change from baseline to the end of induction", yLabel: "Change from baseline (%)",
                               values: values, referenceLines: [.init(value: -50, label: "Response (fall of 50 % or more)"),
                                                                .init(value: -25, label: "Partial response (25 %)")])
    }

    static let quarters = ["2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]

    static var smallMultiples: SmallMultiplesFigure {
        var rng = FigureSampleNumbers(seed: 11)
        let titles = ["Response (intention to treat)", "Response among completers", "Remission", "Tolerability (completed series)",
                      "Suicidal item resolved at 90 minutes"]
        let panels = titles.enumerated().map { k, title in
            SmallMultiplesFigure.Panel(title: title, points: quarters.enumerated().map { q, quarter in
                if k == 2 && q == 1 { return .init(category: quarter, estimate: nil, lower: nil, upper: nil) }
                let p = 0.3 + 0.5 * rng.next()
                return .init(category: quarter, estimate: p, lower: max(0, p - 0.12), upper: min(1, p + 0.12))
            })
        }
        return SmallMultiplesFigure(title: "Headline rates by quarter, with 95 % intervals", yLabel: "Proportion", panels: panels)
    }

    static var forest: ForestFigure {
        ForestFigure(title: "Maintenance versus re-induction: hazard ratios for relapse", xLabel: "Hazard ratio (maintenance / re-induction), log scale", rows: [
            .init(label: "Primary analysis (inverse probability weighted Cox model)", estimate: 0.62, lower: 0.41, upper: 0.94, note: nil),
            .init(label: "Unweighted Cox model", estimate: 0.71, lower: 0.5, upper: 1.01, note: nil),
            .init(label: "Relapse confirmed over 60 days instead of 15", estimate: 0.8, lower: 0.55, upper: 1.16, note: nil),
            .init(label: "Patients with major depressive disorder only", estimate: 1.3, lower: 0.7, upper: 2.41, note: nil),
            .init(label: "Interval-censored Weibull model of the same comparison", estimate: nil, lower: nil, upper: nil,
                  note: "not estimable (the likelihood has no maximum)"),
            .init(label: hostileLabel, estimate: 0.5, lower: 0.3, upper: 3.6, note: nil),
        ])
    }

    static var trajectory: TrajectoryFigure {
        var rng = FigureSampleNumbers(seed: 3)
        let series = ["Major depressive disorder", "Bipolar depression"].enumerated().map { k, label in
            TrajectoryFigure.Series(label: label, points: (1...6).map { i in
                let mean = 18 - Double(i) * (k == 0 ? 1.8 : 1.3)
                return .init(x: Double(i), mean: mean, lower: mean - 1.6, upper: mean + 1.6)
            })
        }
        let individuals = (0..<30).map { _ -> [(x: Double, y: Double)] in
            let start = 12 + 12 * rng.next()
            return (1...6).map { i in (x: Double(i), y: max(0, min(27, start - Double(i) * 2 * rng.next() * 1.6))) }
        }
        return TrajectoryFigure(title: "PHQ-9 across the induction infusions", xLabel: "Infusion number", yLabel: "PHQ-9 total score",
                                series: series, individuals: individuals)
    }

    static var overlap: OverlapFigure {
        var rng = FigureSampleNumbers(seed: 5)
        let treated = (0..<150).map { _ in min(0.98, 0.25 + 0.6 * rng.next() * rng.next().squareRoot()) }
        let control = (0..<110).map { _ in 0.05 + 0.6 * rng.next() * rng.next() }
        return OverlapFigure(title: "Propensity score overlap: maintenance versus re-induction", xLabel: "Propensity score (probability of maintenance)",
                             groups: [.init(label: "Maintenance", values: treated, weights: treated.map { 1 / $0 }),
                                      .init(label: "Re-induction", values: control, weights: control.map { 1 / (1 - $0) })])
    }

    /// Less typical layouts: three columns of quarters (labels turned), many bars, a linear forest axis, three
    /// histogram bands, a single series without individuals.
    static var variants: [(name: String, svg: String)] {
        var threeColumns = smallMultiples
        threeColumns.columns = 3
        threeColumns.yRange = nil
        var rng = FigureSampleNumbers(seed: 13)
        let many = WaterfallFigure(title: "MADRS percent change, all patients", yLabel: "Change from baseline (%)",
                                   values: (0..<400).map { _ in -100 + 130 * rng.next() }, referenceLines: waterfall.referenceLines)
        let linear = ForestFigure(title: "Differences in response rate between sites", xLabel: "Difference (site minus all others)", rows: [
            .init(label: "North clinic", estimate: 0.08, lower: -0.04, upper: 0.2, note: nil),
            .init(label: "South clinic", estimate: -0.12, lower: -0.27, upper: 0.03, note: "fewer than 30 patients"),
            .init(label: "Telehealth-supported site", estimate: 0.02, lower: -0.1, upper: 0.14, note: nil),
        ], reference: 0, logScale: false)
        let three = OverlapFigure(title: "Baseline PHQ-9 severity score (scaled) by site", xLabel: "Score / 27", groups: ["North", "South", "East"].map { site in
            .init(label: site, values: (0..<80).map { _ in rng.next() * rng.next() + 0.2 }, weights: nil)
        })
        var single = trajectory
        single.series = [single.series[0]]
        single.individuals = []
        return [("small_multiples_3col", threeColumns.svg()), ("waterfall_400", many.svg()), ("forest_linear", linear.svg()),
                ("overlap_3", three.svg()), ("trajectory_single", single.svg())]
    }

    /// Every figure type, by file name, for rendering and the checks every figure shares.
    static var all: [(name: String, svg: String)] {
        [("flow", flow.svg()), ("waterfall", waterfall.svg()), ("small_multiples", smallMultiples.svg()), ("forest", forest.svg()),
         ("trajectory", trajectory.svg()), ("overlap", overlap.svg())]
    }
}

/// The elements of an SVG in document order with their attributes and their whole text (tspans included).
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String; var depth: Int; var parent: Int? }
    var elements: [Element] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        // Lines of a multi-line text read as one text with spaces between them.
        if name == "tspan", let parent = open.last, !elements[parent].text.isEmpty {
            for i in open { elements[i].text += " " }
        }
        elements.append(Element(name: name, attributes: attributes, text: "", depth: open.count, parent: open.last))
        open.append(elements.count - 1)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in open { elements[i].text += string }
    }

    /// The parsed document, or nil when the text is not well-formed XML.
    static func parse(_ svg: String) -> ParsedSVG? {
        let delegate = ParsedSVG()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        return parser.parse() ? delegate : nil
    }

    func withClass(_ c: String) -> [Element] { elements.filter { $0.attributes["class"] == c } }
    func number(_ e: Element, _ attribute: String) -> Double { Double(e.attributes[attribute] ?? "") ?? .nan }

    /// The elements inside each element of class `c` (its descendants, in order).
    func groups(_ c: String) -> [[Element]] {
        var result: [[Element]] = []
        for (i, e) in elements.enumerated() where e.attributes["class"] == c {
            var members: [Element] = []
            var j = i + 1
            while j < elements.count && elements[j].depth > e.depth { members.append(elements[j]); j += 1 }
            result.append(members)
        }
        return result
    }
}
