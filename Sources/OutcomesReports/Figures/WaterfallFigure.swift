/// A waterfall plot: one bar per value (e.g. one patient's percent change), sorted from highest to lowest by the
/// figure, with dashed, labelled reference lines (e.g. the response and partial-response thresholds).
public struct WaterfallFigure: Sendable {
    public struct ReferenceLine: Sendable {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }
    public var title: String
    public var yLabel: String
    public var values: [Double]
    public var referenceLines: [ReferenceLine]

    public init(title: String, yLabel: String, values: [Double], referenceLines: [ReferenceLine]) {
        self.title = title; self.yLabel = yLabel; self.values = values; self.referenceLines = referenceLines
    }

    /// The SVG: rects `bar` left to right in descending order, `zero-line`, `reference-line` and
    /// `reference-label` per reference line.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let m = FigureStyle.margin
        let finite = values.filter(\.isFinite).sorted(by: >)
        let references = referenceLines.filter(\.value.isFinite)
        let top = FigureParts.title(title, on: &canvas) + 8
        let all = finite + references.map(\.value) + [0]
        let ticks = FigureScale.ticks(covering: all.min()!, all.max()!, target: 6)
        let left = FigureParts.leftMargin(ticks: ticks, hasLabel: !yLabel.isEmpty)
        let right = canvas.width - m
        let plotH = 300.0, axisY = top + plotH
        let y = AxisScale(lo: ticks.first!, hi: ticks.last!, start: axisY, end: top)
        FigureParts.yAxis(y, ticks: ticks, axisX: left, gridRight: right, on: &canvas)
        FigureParts.yTitle(yLabel, centerY: top + plotH / 2, on: &canvas)

        let zeroY = y(0)
        if finite.isEmpty {
            canvas.text("not estimable (no values)", x: (left + right) / 2, y: top + plotH / 2, anchor: .middle, italic: true,
                        fill: FigureStyle.muted, cls: "not-estimable")
        } else {
            let slot = (right - left - 4) / Double(finite.count)
            let barW = slot > 4 ? slot * 0.8 : slot
            canvas.open("bars")
            for (i, v) in finite.enumerated() {
                let x = left + 2 + Double(i) * slot + (slot - barW) / 2
                let py = y(v)
                canvas.rect(x, min(py, zeroY), barW, abs(py - zeroY), fill: FigureStyle.color(0), cls: "bar")
            }
            canvas.close()
        }
        canvas.line(left, zeroY, right, zeroY, stroke: "black", cls: "zero-line")
        // Bars are sorted descending, so the left of the plot is empty below zero and the right above it: each
        // line's label goes on the side its value leaves free.
        for (k, line) in references.enumerated() {
            let py = y(line.value)
            canvas.line(left, py, right, py, stroke: FigureStyle.color(1), width: 1.5, dash: "6 4", cls: "reference-line")
            let atLeft = line.value < 0
            // Labels of lines close together alternate above and below their line.
            let crowded = references.enumerated().contains { j, other in j < k && abs(y(other.value) - py) < 18 }
            let ly = crowded ? py + 15 : py - 5
            canvas.text(line.label, x: atLeft ? left + 6 : right - 6, y: ly, size: FigureStyle.small, anchor: atLeft ? .start : .end,
                        bold: true, fill: FigureStyle.color(1), halo: true, cls: "reference-label")
        }
        canvas.text("One bar per patient, sorted from highest to lowest", x: (left + right) / 2, y: axisY + 22, anchor: .middle, cls: "x-label")
        var bottom = axisY + 30
        if finite.count < values.count {
            bottom = FigureParts.note("Values that are not finite are not shown.", x: left, y: bottom + 8, width: right - left, on: &canvas)
        }
        return canvas.document(height: bottom + 8, title: title)
    }
}
