import Foundation
import Testing
@testable import OutcomesReports

@Suite("Report figures: well-formed, escaped, deterministic, elements where they belong")
struct FigureTests {
    @Test("SVGText.escape: markup characters as entities, newlines, tabs and control characters as spaces")
    func escaping() {
        #expect(SVGText.escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(SVGText.escape("one\ntwo\r\nthree\tfour\u{0}five\u{7F}six\u{85}") == "one two  three four five six ")
        #expect(SVGText.escape("Kaplan–Meier ≥ 50 %") == "Kaplan–Meier ≥ 50 %")
    }

    @Test("Ticks covering a range, and ratio ticks at powers of two (ten for wide ranges)")
    func ticks() {
        #expect(FigureScale.ticks(covering: -87, 46, target: 6) == [-100, -75, -50, -25, 0, 25, 50])
        #expect(FigureScale.ticks(covering: 1, 6, target: 8) == [1, 2, 3, 4, 5, 6])
        #expect(FigureScale.ticks(covering: 0, 1, target: 4) == [0, 0.25, 0.5, 0.75, 1])
        #expect(FigureScale.ticks(covering: 3, 3).count >= 2)
        #expect(FigureScale.ratioTicks(covering: 0.3, 3.6) == [0.25, 0.5, 1, 2, 4])
        #expect(FigureScale.ratioTicks(covering: 0.8, 1.25) == [0.5, 1, 2])
        #expect(FigureScale.ratioTicks(covering: 0.001, 50) == [0.001, 0.01, 0.1, 1, 10, 100])
        #expect([0.25, 0.125, 50, -0.5, 0.001, 0].map(FigureScale.tickLabel) == ["0.25", "0.125", "50", "-0.5", "0.001", "0"])
    }

    @Test("Every figure: well-formed XML, no NaN or infinity, the hostile label escaped, same bytes twice",
          arguments: ["flow", "waterfall", "small_multiples", "forest", "trajectory", "overlap"])
    func sharedProperties(name: String) throws {
        let figures = Dictionary(uniqueKeysWithValues: FigureSamples.all.map { ($0.name, $0.svg) })
        let svg = try #require(figures[name])
        let again = Dictionary(uniqueKeysWithValues: FigureSamples.all.map { ($0.name, $0.svg) })[name]
        #expect(svg == again)
        let parsed = try #require(ParsedSVG.parse(svg), "\(name) is not well-formed XML")
        #expect(svg.range(of: #"(?i)\b-?(nan|inf|infinity)\b"#, options: .regularExpression) == nil)
        #expect(parsed.elements.first?.name == "svg")
        #expect(parsed.elements.first?.attributes["width"] == "600")
        for e in parsed.elements {
            for (key, value) in e.attributes where ["x", "y", "x1", "x2", "y1", "y2", "width", "height", "cx", "cy", "r"].contains(key) && !value.hasSuffix("%") {
                #expect(Double(value)?.isFinite == true, "\(name): \(e.name) \(key)=\(value)")
            }
        }
        // No text starts left of the figure or runs past its right edge (estimated widths, anchors respected).
        for (i, e) in parsed.elements.enumerated() where e.name == "text" || e.name == "tspan" {
            let textElement = e.name == "tspan" ? parsed.elements[e.parent!] : e
            guard textElement.attributes["transform"] == nil else { continue }
            if e.name == "text" && parsed.elements.contains(where: { $0.parent == i }) { continue }  // its tspans are checked
            let x = parsed.number(e, "x"), size = Double(textElement.attributes["font-size"] ?? "13") ?? 13
            let width = FigureStyle.textWidth(e.text, size: size, bold: textElement.attributes["font-weight"] == "bold")
            let anchor = textElement.attributes["text-anchor"] ?? "start"
            let (lo, hi) = anchor == "middle" ? (x - width / 2, x + width / 2) : anchor == "end" ? (x - width, x) : (x, x + width)
            #expect(lo >= -1 && hi <= 601, "\(name): text '\(e.text)' spans \(lo)...\(hi)")
        }
    }

    @Test("A hostile label is escaped: parsed back as text, never markup", arguments: ["flow", "forest"])
    func hostileLabels(name: String) throws {
        let svg = try #require(FigureSamples.all.first { $0.name == name }).svg
        #expect(!svg.contains("<script>"))
        let parsed = try #require(ParsedSVG.parse(svg))
        #expect(parsed.elements.contains { $0.name == "text" && $0.text == hostileParsed })
        #expect(!parsed.elements.contains { $0.name == "script" })
    }

    @Test("Titles and labels of every figure type escape the hostile label")
    func hostileTitles() throws {
        let svgs = [
            FlowDiagram(title: hostileLabel, steps: [.init(label: hostileLabel, count: "<11", exits: [.init(reason: hostileLabel, count: "<11")]), .init(label: "b", count: "12", exits: [])]).svg(),
            WaterfallFigure(title: hostileLabel, yLabel: hostileLabel, values: [1, -2], referenceLines: [.init(value: -1, label: hostileLabel)]).svg(),
            SmallMultiplesFigure(title: hostileLabel, yLabel: hostileLabel, panels: [.init(title: hostileLabel, points: [.init(category: hostileLabel, estimate: 0.5, lower: 0.4, upper: 0.6)])]).svg(),
            ForestFigure(title: hostileLabel, xLabel: hostileLabel, rows: [.init(label: hostileLabel, estimate: 1.2, lower: 0.9, upper: 1.5, note: hostileLabel)]).svg(),
            TrajectoryFigure(title: hostileLabel, xLabel: hostileLabel, yLabel: hostileLabel, series: [.init(label: hostileLabel, points: [.init(x: 1, mean: 2, lower: 1, upper: 3)])]).svg(),
            OverlapFigure(title: hostileLabel, xLabel: hostileLabel, groups: [.init(label: hostileLabel, values: [0.2, 0.4], weights: nil)]).svg(),
        ]
        for svg in svgs {
            #expect(!svg.contains("<script>") && !svg.contains("|\"&") && !svg.contains("\nx'"))
            let parsed = try #require(ParsedSVG.parse(svg))
            #expect(parsed.elements.first { $0.name == "title" }?.text == hostileParsed)
            #expect(parsed.elements.filter { $0.name == "text" && $0.text == hostileParsed }.count >= 2)
        }
    }

    @Test("Flow: one box per step, top to bottom; exits to the right of the steps, every reason and count shown")
    func flowLayout() throws {
        let flow = FigureSamples.flow
        let parsed = try #require(ParsedSVG.parse(flow.svg()))
        let steps = parsed.groups("flow-step")
        #expect(steps.count == flow.steps.count)
        let boxes = steps.map { $0.first { $0.name == "rect" }! }
        let tops = boxes.map { parsed.number($0, "y") }
        #expect(tops == tops.sorted() && Set(tops).count == tops.count)
        for (a, b) in zip(boxes, boxes.dropFirst()) { #expect(parsed.number(a, "y") + parsed.number(a, "height") < parsed.number(b, "y")) }
        #expect(parsed.withClass("flow-count").map(\.text) == flow.steps.map { "n = " + $0.count })
        let exits = parsed.groups("flow-exit")
        #expect(exits.count == flow.steps.filter { !$0.exits.isEmpty }.count)
        let stepRight = parsed.number(boxes[0], "x") + parsed.number(boxes[0], "width")
        for exit in exits { #expect(parsed.number(exit.first { $0.name == "rect" }!, "x") > stepRight) }
        #expect(parsed.withClass("exit-count").map(\.text) == flow.steps.flatMap { $0.exits.map(\.count) })
        // Exit reason lines never overlap: each starts below the previous one's last line.
        let reasons = parsed.withClass("exit-reason").map { parsed.number($0, "y") }
        #expect(reasons.count == flow.steps.flatMap(\.exits).count)
        let secondStep = Array(reasons[2..<22])
        for (a, b) in zip(secondStep, secondStep.dropFirst()) { #expect(b - a >= 14) }
        // The twenty exits fit between the second and third boxes.
        let exitBox = exits[1].first { $0.name == "rect" }!
        #expect(parsed.number(exitBox, "y") > tops[1] + parsed.number(boxes[1], "height") - 1)
        #expect(parsed.number(exitBox, "y") + parsed.number(exitBox, "height") < tops[2])
    }

    @Test("Waterfall: bars sorted descending, reference lines at their values on the y axis")
    func waterfallLayout() throws {
        let figure = FigureSamples.waterfall
        let parsed = try #require(ParsedSVG.parse(figure.svg()))
        let bars = parsed.withClass("bar")
        #expect(bars.count == figure.values.count)
        let zero = parsed.number(parsed.withClass("zero-line")[0], "y1")
        // A bar's signed height in px: up from the zero line is positive.
        let heights = bars.map { b -> Double in
            let y = parsed.number(b, "y"), h = parsed.number(b, "height")
            return abs(y + h - zero) < 0.11 ? h : -h
        }
        #expect(heights == heights.sorted(by: >))
        #expect(bars.map { parsed.number($0, "x") } == bars.map { parsed.number($0, "x") }.sorted())
        #expect(heights.first! > 0 && heights.last! < 0)
        let ticks = Dictionary(parsed.withClass("y-tick").map { ($0.text, parsed.number($0, "y") - 4) }, uniquingKeysWith: { a, _ in a })
        let lines = parsed.withClass("reference-line").map { parsed.number($0, "y1") }
        #expect(lines.count == 2)
        #expect(abs(lines[0] - ticks["-50"]!) < 0.11 && abs(lines[1] - ticks["-25"]!) < 0.11)
        #expect(abs(zero - ticks["0"]!) < 0.11)
        #expect(parsed.withClass("reference-label").map(\.text) == figure.referenceLines.map(\.label))
    }

    @Test("Small multiples: one panel group per panel, every quarter labelled, missing estimates noted")
    func smallMultiplesLayout() throws {
        let figure = FigureSamples.smallMultiples
        let parsed = try #require(ParsedSVG.parse(figure.svg()))
        let panels = parsed.groups("panel")
        #expect(panels.count == figure.panels.count)
        for (panel, members) in zip(figure.panels, panels) {
            #expect(members.filter { $0.attributes["class"] == "category" }.count == 8)
            #expect(members.first { $0.attributes["class"] == "panel-title" }?.text == panel.title)
            #expect(members.filter { $0.attributes["class"] == "estimate" }.count == panel.points.filter { $0.estimate != nil }.count)
        }
        #expect(parsed.withClass("not-estimable").map(\.text) == ["not estimable"])
        // Eight quarters do not fit side by side in a 600 px two-column layout: the year is shown once under its quarters.
        let categories = panels[0].filter { $0.attributes["class"] == "category" }.map(\.text)
        #expect(categories == ["Q4 2023", "Q1 2024", "Q2", "Q3", "Q4", "Q1 2025", "Q2", "Q3"])
        // Panels of one row share their top; estimates lie inside their panel's plot.
        let titles = parsed.withClass("panel-title").map { parsed.number($0, "y") }
        #expect(titles[0] == titles[1] && titles[2] > titles[0])
        // The y tick labels (first column only) run 0 to 1 by 0.25.
        #expect(parsed.withClass("y-tick").map(\.text) == Array(repeating: ["0", "0.25", "0.5", "0.75", "1"], count: 3).flatMap { $0 })
    }

    @Test("Forest: log axis ticks at nice ratios, reference line at the x of 1, estimates on the right side of it")
    func forestLayout() throws {
        let figure = FigureSamples.forest
        let parsed = try #require(ParsedSVG.parse(figure.svg()))
        let ticks = parsed.withClass("x-tick")
        #expect(ticks.map(\.text) == ["0.25", "0.5", "1", "2", "4"])
        let tickX = ticks.map { parsed.number($0, "x") }
        // Equal spacing on a log axis: each doubling takes the same width.
        for (a, b) in zip(tickX, tickX.dropFirst()) { #expect(abs((b - a) - (tickX[1] - tickX[0])) < 0.2) }
        let reference = try #require(parsed.withClass("reference-line").first)
        #expect(parsed.number(reference, "x1") == tickX[2])
        let rows = parsed.groups("forest-row")
        #expect(rows.count == 6)
        let squares = parsed.withClass("estimate").map { parsed.number($0, "x") + parsed.number($0, "width") / 2 }
        #expect(squares.count == 5)
        let estimates = figure.rows.compactMap(\.estimate)
        for (x, e) in zip(squares, estimates) {
            #expect((x - tickX[2]) * log(e) > 0)  // left of 1 below 1, right above
            #expect(abs(x - (tickX[2] + log2(e) * (tickX[1] - tickX[0]))) < 0.3)
        }
        #expect(rows[4].contains { $0.attributes["class"] == "not-estimable" && $0.text == "not estimable" })
        #expect(rows[4].contains { $0.attributes["class"] == "row-value" && $0.text == "not estimable (the likelihood has no maximum)" })
        #expect(parsed.withClass("row-value").first?.text == "0.62 (0.41, 0.94)")
        // Long labels wrap inside the label column, left of the plot: every line (or tspan) ends before it.
        let plotLeft = tickX[0]
        for (i, e) in parsed.elements.enumerated() where (e.attributes["class"] == "row-label" && !parsed.elements.contains { $0.parent == i })
            || (e.name == "tspan" && parsed.elements[e.parent!].attributes["class"] == "row-label") {
            #expect(parsed.number(e, "x") + FigureStyle.textWidth(e.text, size: 13) < plotLeft)
        }
    }

    @Test("Forest on a linear axis: reference line at the reference value")
    func forestLinear() throws {
        let figure = ForestFigure(title: "Differences", xLabel: "Difference in response rate", rows: [
            .init(label: "A", estimate: 0.1, lower: -0.05, upper: 0.25, note: nil), .init(label: "B", estimate: -0.2, lower: -0.3, upper: -0.1, note: nil),
        ], reference: 0, logScale: false)
        let parsed = try #require(ParsedSVG.parse(figure.svg()))
        let ticks = Dictionary(uniqueKeysWithValues: parsed.withClass("x-tick").map { ($0.text, parsed.number($0, "x")) })
        #expect(parsed.number(parsed.withClass("reference-line")[0], "x1") == ticks["0"])
    }

    @Test("Trajectory: one group per series, means lower with more infusions, individuals drawn")
    func trajectoryLayout() throws {
        let figure = FigureSamples.trajectory
        let parsed = try #require(ParsedSVG.parse(figure.svg()))
        let series = parsed.groups("series")
        #expect(series.count == 2)
        for members in series {
            let points = members.filter { $0.attributes["class"] == "estimate" }
            #expect(points.count == 6)
            let ys = points.map { parsed.number($0, "cy") }
            #expect(ys == ys.sorted())  // SVG y grows downward: falling scores
        }
        #expect(parsed.withClass("individual").count == 30)
        #expect(parsed.withClass("x-tick").map(\.text) == ["1", "2", "3", "4", "5", "6"])
        #expect(parsed.withClass("legend").count == 3)
        let missing = TrajectoryFigure(title: "t", xLabel: "x", yLabel: "y", series: [.init(label: "A", points: [.init(x: 1, mean: 3, lower: 2, upper: 4), .init(x: 2, mean: .nan, lower: .nan, upper: .nan)])]).svg()
        #expect(!missing.lowercased().contains("nan"))
        #expect(try #require(ParsedSVG.parse(missing)).withClass("not-estimable").map(\.text) == ["Mean not estimable: A at 2."])
    }

    @Test("Overlap: two groups mirrored about the axis, shares summing to one, weighted outlines")
    func overlapLayout() throws {
        let figure = FigureSamples.overlap
        let parsed = try #require(ParsedSVG.parse(figure.svg()))
        let groups = parsed.groups("histogram")
        #expect(groups.count == 2)
        let top = groups[0].filter { $0.attributes["class"] == "bin" }, bottom = groups[1].filter { $0.attributes["class"] == "bin" }
        let baseline = parsed.number(top[0], "y") + parsed.number(top[0], "height")
        for bin in top { #expect(abs(parsed.number(bin, "y") + parsed.number(bin, "height") - baseline) < 0.11) }
        for bin in bottom { #expect(abs(parsed.number(bin, "y") - baseline) < 0.11) }
        #expect(parsed.withClass("weighted").count == 2)
        #expect(parsed.withClass("group-label").map(\.text) == ["Maintenance", "Re-induction"])
        let shares = try #require(OverlapFigure.shares([0, 0.05, 0.5, 0.99, 1], weights: nil, bins: 20))
        #expect(shares[0] == 0.2 && shares[1] == 0.2 && shares[10] == 0.2 && shares[19] == 0.4)
        let weighted = try #require(OverlapFigure.shares([0.1, 0.9], weights: [3, 1], bins: 2))
        #expect(weighted == [0.75, 0.25])
        #expect(OverlapFigure.shares([.nan], weights: nil, bins: 4) == nil)
    }

    @Test("Empty and not-estimable inputs still give a figure, never NaN")
    func degenerateInputs() throws {
        let svgs = [
            FlowDiagram(title: "Empty", steps: []).svg(),
            WaterfallFigure(title: "No values", yLabel: "%", values: [.nan], referenceLines: [.init(value: .infinity, label: "x")]).svg(),
            SmallMultiplesFigure(title: "None", yLabel: "p", panels: [.init(title: "a", points: []), .init(title: "b", points: [.init(category: "Q1", estimate: nil, lower: nil, upper: nil)])], yRange: nil).svg(),
            ForestFigure(title: "None", xLabel: "HR", rows: [.init(label: "a", estimate: nil, lower: nil, upper: nil, note: "no events"), .init(label: "b", estimate: 0, lower: -1, upper: .infinity, note: nil)]).svg(),
            TrajectoryFigure(title: "None", xLabel: "x", yLabel: "y", series: []).svg(),
            OverlapFigure(title: "None", xLabel: "p", groups: [.init(label: "a", values: [], weights: nil), .init(label: "b", values: [0.5], weights: [.nan])]).svg(),
            OverlapFigure(title: "None", xLabel: "p", groups: []).svg(),
        ]
        for svg in svgs {
            #expect(ParsedSVG.parse(svg) != nil)
            #expect(svg.range(of: #"(?i)\b-?(nan|inf|infinity)\b"#, options: .regularExpression) == nil)
        }
        #expect(svgs[1].contains("not estimable (no values)"))
        #expect(svgs[3].contains(">not estimable<"))
    }

    /// Writes every figure (and a survival figure) to a folder as SVG and, when rsvg-convert is installed, as a
    /// 600 px PNG to look at: OUTCOMES_FIGURE_DIR or the temporary directory's outcomes-figures.
    @Test("Every figure converts to PNG with rsvg-convert (when installed)")
    func rendering() throws {
        let converter = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let folder = ProcessInfo.processInfo.environment["OUTCOMES_FIGURE_DIR"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-figures").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, svg) in FigureSamples.all + FigureSamples.variants {
            #expect(ParsedSVG.parse(svg) != nil, "\(name)")
            #expect(svg.range(of: #"(?i)\b-?(nan|inf|infinity)\b"#, options: .regularExpression) == nil, "\(name)")
            let input = folder + "/" + name + ".svg"
            try svg.write(toFile: input, atomically: true, encoding: .utf8)
            guard let converter else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: converter)
            process.arguments = ["-w", "600", input, "-o", folder + "/" + name + ".png"]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name)")
            let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name + ".png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }
}
