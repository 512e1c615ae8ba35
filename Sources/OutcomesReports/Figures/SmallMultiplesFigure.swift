/// Small multiples: one panel per measure, each a point estimate with its interval per category (e.g. quarter),
/// on one shared y axis so panels compare at a glance.
public struct SmallMultiplesFigure: Sendable {
    public struct Point: Sendable {
        public var category: String
        public var estimate: Double?
        public var lower: Double?
        public var upper: Double?
        public init(category: String, estimate: Double?, lower: Double?, upper: Double?) {
            self.category = category; self.estimate = estimate; self.lower = lower; self.upper = upper
        }
    }
    public struct Panel: Sendable {
        public var title: String
        public var points: [Point]
        public init(title: String, points: [Point]) { self.title = title; self.points = points }
    }
    public var title: String
    public var yLabel: String
    /// The shared y range; nil: nice ticks around all estimates and limits.
    public var yRange: ClosedRange<Double>?
    public var panels: [Panel]
    public var columns: Int

    public init(title: String, yLabel: String, panels: [Panel], yRange: ClosedRange<Double>? = 0...1, columns: Int = 2) {
        self.title = title; self.yLabel = yLabel; self.panels = panels; self.yRange = yRange; self.columns = columns
    }

    /// How category labels fit under a panel: on one line, as two levels ("Q3" over "2025", the year only where it
    /// changes), or turned 45 degrees.
    private enum LabelMode { case single, twoLevel, rotated }

    private static func split(_ category: String) -> (String, String)? {
        guard let i = category.firstIndex(where: { $0 == "-" || $0 == " " }) else { return nil }
        let head = String(category[..<i]), tail = String(category[category.index(after: i)...])
        return head.isEmpty || tail.isEmpty ? nil : (head, tail)
    }

    /// The SVG: one group `panel` per panel (title `panel-title`), points `estimate`, intervals `interval`,
    /// categories `category`, and `not-estimable` notes where an estimate is missing.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let m = FigureStyle.margin, small = FigureStyle.small
        let top0 = FigureParts.title(title, on: &canvas) + 4
        let columns = max(1, min(self.columns, max(panels.count, 1)))

        // The shared y axis.
        let ticks: [Double], lo: Double, hi: Double
        if let yRange, yRange.upperBound > yRange.lowerBound, yRange.lowerBound.isFinite, yRange.upperBound.isFinite {
            lo = yRange.lowerBound; hi = yRange.upperBound
            ticks = FigureScale.ticks(covering: lo, hi, target: 4).filter { $0 >= lo - 1e-9 && $0 <= hi + 1e-9 }
        } else {
            let values = panels.flatMap { $0.points.flatMap { [$0.estimate, $0.lower, $0.upper].compactMap { $0 }.filter(\.isFinite) } }
            ticks = FigureScale.ticks(covering: values.min() ?? 0, values.max() ?? 1, target: 4)
            lo = ticks.first!; hi = ticks.last!
        }
        let left = FigureParts.leftMargin(ticks: ticks, hasLabel: !yLabel.isEmpty)
        let gap = 20.0
        let panelW = (canvas.width - m - left - gap * Double(columns - 1)) / Double(columns)
        let plotH = 130.0

        // One label mode for all panels, from the widest category and the narrowest slot.
        let maxPoints = max(panels.map(\.points.count).max() ?? 1, 1)
        let slot = panelW / Double(maxPoints)
        let categories = panels.flatMap { $0.points.map(\.category) }
        let widest = categories.map { FigureStyle.textWidth($0, size: small) }.max() ?? 0
        let mode: LabelMode
        if widest <= slot - 4 {
            mode = .single
        } else if !categories.isEmpty, categories.allSatisfy({ SmallMultiplesFigure.split($0) != nil }),
                  categories.compactMap(SmallMultiplesFigure.split).allSatisfy({ FigureStyle.textWidth($0.0, size: small) <= slot - 2 && FigureStyle.textWidth($0.1, size: small) <= slot - 2 }) {
            mode = .twoLevel
        } else {
            mode = .rotated
        }
        let labelH: Double
        switch mode {
        case .single: labelH = 22
        case .twoLevel: labelH = 36
        case .rotated: labelH = min(widest, 120) * 0.71 + 18
        }

        var y = top0
        var plotTops: [Double] = []
        for rowStart in stride(from: 0, to: panels.count, by: columns) {
            let row = Array(panels[rowStart..<min(rowStart + columns, panels.count)])
            let titleLines = row.map { FigureStyle.wrap($0.title, width: panelW, size: FigureStyle.font, bold: true) }
            let titleH = Double(titleLines.map(\.count).max() ?? 1) * FigureStyle.font * 1.25 + 8
            let plotTop = y + titleH
            plotTops.append(plotTop)
            for (k, panel) in row.enumerated() {
                let px = left + Double(k) * (panelW + gap)
                let scale = AxisScale(lo: lo, hi: hi, start: plotTop + plotH, end: plotTop)
                canvas.open("panel", label: panel.title)
                canvas.text(titleLines[k], x: px, y: y + FigureStyle.font, bold: true, cls: "panel-title")
                FigureParts.yAxis(scale, ticks: ticks, axisX: px, gridRight: px + panelW, labels: k == 0, on: &canvas)
                canvas.line(px, plotTop + plotH, px + panelW, plotTop + plotH)
                drawPoints(panel, x: px, width: panelW, scale: scale, mode: mode, on: &canvas)
                canvas.close()
            }
            y = plotTop + plotH + labelH + 14
        }
        if let first = plotTops.first, let last = plotTops.last {
            FigureParts.yTitle(yLabel, centerY: (first + last + plotH) / 2, on: &canvas)
        }
        return canvas.document(height: y, title: title)
    }

    private func drawPoints(_ panel: Panel, x px: Double, width: Double, scale: AxisScale, mode: LabelMode, on canvas: inout SVGCanvas) {
        let small = FigureStyle.small, color = FigureStyle.color(0)
        let axisY = scale.start, plotTop = scale.end
        guard !panel.points.isEmpty else {
            canvas.text("no data", x: px + width / 2, y: (axisY + plotTop) / 2, anchor: .middle, italic: true,
                        fill: FigureStyle.muted, cls: "not-estimable")
            return
        }
        let slot = width / Double(panel.points.count)
        func cx(_ i: Int) -> Double { px + slot * (Double(i) + 0.5) }
        // A faint line joins neighbouring estimates; a missing one breaks it.
        var run: [(Double, Double)] = []
        for (i, p) in panel.points.enumerated() {
            if let e = p.estimate, e.isFinite { run.append((cx(i), scale.clamped(e))) } else {
                if run.count > 1 { canvas.path(run, stroke: color, width: 1, opacity: 0.45, cls: "trend") }
                run = []
            }
        }
        if run.count > 1 { canvas.path(run, stroke: color, width: 1, opacity: 0.45, cls: "trend") }

        var previousHead: String? = nil
        for (i, p) in panel.points.enumerated() {
            let x = cx(i)
            if let e = p.estimate, e.isFinite {
                let ey = scale.clamped(e)
                let lo = p.lower.flatMap { $0.isFinite ? scale.clamped($0) : nil } ?? ey
                let hi = p.upper.flatMap { $0.isFinite ? scale.clamped($0) : nil } ?? ey
                if lo != hi {
                    canvas.path([(x, lo), (x, hi)], stroke: color, width: 1.5, cls: "interval")
                    canvas.path([(x - 3, lo), (x + 3, lo)], stroke: color, width: 1.5)
                    canvas.path([(x - 3, hi), (x + 3, hi)], stroke: color, width: 1.5)
                }
                canvas.circle(x, ey, 3.5, fill: color, cls: "estimate")
            } else {
                canvas.text("not estimable", x: x + 4, y: (axisY + plotTop) / 2, size: 10.5, anchor: .middle, italic: true,
                            fill: FigureStyle.muted, rotate: -90, cls: "not-estimable")
            }
            canvas.line(x, axisY, x, axisY + 4)
            switch mode {
            case .single:
                canvas.text(p.category, x: x, y: axisY + 17, size: small, anchor: .middle, cls: "category")
            case .twoLevel:
                let (head, tail) = SmallMultiplesFigure.split(p.category)!
                let lines = head == previousHead ? [tail] : [tail, head]
                canvas.text(lines, x: x, y: axisY + 17, size: small, anchor: .middle, cls: "category")
                previousHead = head
            case .rotated:
                canvas.text(p.category, x: x + 3, y: axisY + 14, size: small, anchor: .end, rotate: -45, cls: "category")
            }
        }
    }
}
