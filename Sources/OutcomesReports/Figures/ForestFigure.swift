import Foundation

/// A forest plot: one row per estimate with its interval, a vertical reference line (1 for ratios), the numbers
/// printed to the right, and an x axis on a log scale for ratios (ticks at 0.25, 0.5, 1, 2, 4, ...).
public struct ForestFigure: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var estimate: Double?
        public var lower: Double?
        public var upper: Double?
        /// A remark printed under the numbers, e.g. the reason an estimate is not estimable.
        public var note: String?
        public init(label: String, estimate: Double?, lower: Double?, upper: Double?, note: String?) {
            self.label = label; self.estimate = estimate; self.lower = lower; self.upper = upper; self.note = note
        }
    }
    public var title: String
    public var xLabel: String
    public var rows: [Row]
    public var reference: Double
    public var logScale: Bool

    public init(title: String, xLabel: String, rows: [Row], reference: Double = 1, logScale: Bool = true) {
        self.title = title; self.xLabel = xLabel; self.rows = rows; self.reference = reference; self.logScale = logScale
    }

    private func drawable(_ v: Double?) -> Double? {
        guard let v, v.isFinite, !logScale || v > 0 else { return nil }
        return v
    }

    private static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "–" }
        return Formatting.fixed(v, 2)
    }

    /// The SVG: per row a group `forest-row` with `row-label`, `estimate`, `interval` (or `not-estimable`) and
    /// `row-value`; the `reference-line`; ticks `x-tick`.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let m = FigureStyle.margin, font = FigureStyle.font, small = FigureStyle.small
        var y = FigureParts.title(title, on: &canvas)

        // Columns: labels (at most 36 % of the width), the plot, the numbers.
        let labelW = min(max(rows.map { FigureStyle.textWidth($0.label, size: font) }.max() ?? 60, 60), canvas.width * 0.36)
        let valueTexts = rows.map { r -> String in
            guard drawable(r.estimate) != nil else { return r.note ?? "not estimable" }
            return ForestFigure.number(r.estimate) + " (" + ForestFigure.number(r.lower) + ", " + ForestFigure.number(r.upper) + ")"
        }
        let valueW = min(max((valueTexts.map { FigureStyle.textWidth($0, size: small) } + [FigureStyle.textWidth("Estimate (interval)", size: small)]).max()!, 80), 150)
        let plotLeft = m + labelW + 14, plotRight = canvas.width - m - valueW - 14
        let valueX = canvas.width - m

        // The axis: the reference and every drawable number.
        let numbers = rows.flatMap { [$0.estimate, $0.lower, $0.upper].compactMap(drawable) } + [drawable(reference)].compactMap { $0 }
        let ticks: [Double]
        if logScale {
            ticks = FigureScale.ratioTicks(covering: numbers.min() ?? 1, numbers.max() ?? 1)
        } else {
            ticks = FigureScale.ticks(covering: numbers.min() ?? 0, numbers.max() ?? 1, target: 5)
        }
        let scale = AxisScale(lo: ticks.first!, hi: ticks.last!, start: plotLeft, end: plotRight, log: logScale)

        canvas.text("Estimate (interval)", x: valueX, y: y + small, size: small, anchor: .end, bold: true, cls: "value-heading")
        y += small + 10
        let rowsTop = y
        // Lay the rows out first, so the shading and the reference line go under the marks and notes.
        let layouts = rows.enumerated().map { i, row -> (label: [String], value: [String], note: [String], height: Double) in
            let labelLines = FigureStyle.wrap(row.label, width: labelW, size: font)
            // A row without an estimate shows its note (the reason) in place of the numbers, wrapped.
            let estimable = drawable(row.estimate) != nil
            let valueLines = estimable ? [valueTexts[i]] : FigureStyle.wrap(valueTexts[i], width: valueW, size: small)
            let noteLines = estimable ? (row.note.map { FigureStyle.wrap($0, width: valueW, size: small) } ?? []) : []
            let lines = max(labelLines.count, valueLines.count + noteLines.count)
            return (labelLines, valueLines, noteLines, max(26, Double(lines) * font * 1.25 + 10))
        }
        let axisY = rowsTop + layouts.reduce(0) { $0 + $1.height } + 6
        var shadeY = rowsTop
        for (i, layout) in layouts.enumerated() {
            if i % 2 == 0 { canvas.rect(m - 4, shadeY, canvas.width - 2 * m + 8, layout.height, fill: "#f4f4f4") }
            shadeY += layout.height
        }
        if let r = drawable(reference), scale.contains(r) {
            canvas.line(scale(r), rowsTop - 4, scale(r), axisY, stroke: "#333333", width: 1.2, dash: "4 3", cls: "reference-line")
        }
        for (i, row) in rows.enumerated() {
            let (labelLines, valueLines, noteLines, rowH) = layouts[i]
            let estimable = drawable(row.estimate) != nil
            let midY = y + rowH / 2
            canvas.open("forest-row", label: row.label)
            let labelY = midY - Double(labelLines.count - 1) * font * 1.25 / 2 + 4.5
            canvas.text(labelLines, x: m, y: labelY, cls: "row-label")
            let valueTop = midY - Double(valueLines.count + noteLines.count - 1) * small * 1.25 / 2 + 4
            canvas.text(valueLines, x: valueX, y: valueTop, size: small, anchor: .end, italic: !estimable,
                        fill: estimable ? nil : FigureStyle.muted, cls: "row-value")
            if !noteLines.isEmpty {
                canvas.text(noteLines, x: valueX, y: valueTop + Double(valueLines.count) * small * 1.25, size: small, anchor: .end, italic: true,
                            fill: FigureStyle.muted, cls: "row-note")
            }
            if let e = drawable(row.estimate) {
                // Limits outside the axis (or missing, or not positive on a log axis) end in an arrow at its edge.
                let lowerX = drawable(row.lower).map { scale.clamped($0) } ?? plotLeft
                let upperX = drawable(row.upper).map { scale.clamped($0) } ?? plotRight
                let lowerOpen = drawable(row.lower).map { !scale.contains($0) } ?? (row.lower != nil)
                let upperOpen = drawable(row.upper).map { !scale.contains($0) } ?? (row.upper != nil)
                if row.lower != nil || row.upper != nil {
                    let a = row.lower == nil ? scale.clamped(e) : lowerX, b = row.upper == nil ? scale.clamped(e) : upperX
                    canvas.path([(a, midY), (b, midY)], stroke: "black", width: 1.5, cls: "interval")
                    if lowerOpen { canvas.path([(a + 6, midY - 4), (a, midY), (a + 6, midY + 4)], stroke: "black", width: 1.5) }
                    if upperOpen { canvas.path([(b - 6, midY - 4), (b, midY), (b - 6, midY + 4)], stroke: "black", width: 1.5) }
                }
                let ex = scale.clamped(e)
                canvas.rect(ex - 4.5, midY - 4.5, 9, 9, fill: FigureStyle.color(0), cls: "estimate")
            } else {
                canvas.text("not estimable", x: (plotLeft + plotRight) / 2, y: midY + 4, size: small, anchor: .middle,
                            italic: true, fill: FigureStyle.muted, halo: true, cls: "not-estimable")
            }
            canvas.close()
            y += rowH
        }
        FigureParts.xAxis(scale, ticks: ticks, axisY: axisY, on: &canvas)
        let center = (plotLeft + plotRight) / 2
        let xLabelLines = FigureStyle.wrap(xLabel, width: 2 * min(center - m, canvas.width - m - center), size: font)
        canvas.text(xLabelLines, x: center, y: axisY + 38, anchor: .middle, cls: "x-label")
        let bottom = axisY + 38 + Double(xLabelLines.count - 1) * font * 1.25 + 12
        return canvas.document(height: bottom, title: title)
    }
}
