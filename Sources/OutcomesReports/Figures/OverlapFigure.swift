/// Overlap of a score in [0, 1] (e.g. a propensity score) between groups: histograms of each group's share of
/// patients per bin, two groups mirrored about one axis; with weights, the weighted shares are drawn as outlines
/// over the unweighted bars.
public struct OverlapFigure: Sendable {
    public struct Group: Sendable {
        public var label: String
        public var values: [Double]
        public var weights: [Double]?
        public init(label: String, values: [Double], weights: [Double]?) { self.label = label; self.values = values; self.weights = weights }
    }
    public var title: String
    public var xLabel: String
    public var groups: [Group]
    public var bins: Int

    public init(title: String, xLabel: String, groups: [Group], bins: Int = 20) {
        self.title = title; self.xLabel = xLabel; self.groups = groups; self.bins = bins
    }

    /// Each bin's share of the group's total weight (1 per value without weights); nil shares when nothing counts.
    static func shares(_ values: [Double], weights: [Double]?, bins: Int) -> [Double]? {
        var sums = [Double](repeating: 0, count: bins)
        for (k, v) in values.enumerated() where v.isFinite {
            let w = weights.map { k < $0.count ? $0[k] : .nan } ?? 1
            guard w.isFinite, w >= 0 else { continue }
            sums[min(max(Int(v * Double(bins)), 0), bins - 1)] += w
        }
        let total = sums.reduce(0, +)
        return total > 0 ? sums.map { $0 / total } : nil
    }

    /// The SVG: a group `histogram` per group holding rects `bin` (unweighted) and, with weights, a path
    /// `weighted`; `group-label` texts; a `not-estimable` note for a group without usable values.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let m = FigureStyle.margin
        let bins = max(bins, 1)
        var y = FigureParts.title(title, on: &canvas)
        let unweighted = groups.map { OverlapFigure.shares($0.values, weights: nil, bins: bins) }
        let weighted = groups.map { g in g.weights.flatMap { OverlapFigure.shares(g.values, weights: $0, bins: bins) } }
        let anyWeights = weighted.contains { $0 != nil }
        let peak = (unweighted + weighted).compactMap { $0?.max() }.max() ?? 0
        let yTicks = FigureScale.ticks(covering: 0, max(peak, 0.01), target: 3)

        var entries: [(label: String, color: String, key: FigureParts.Key)] = groups.enumerated().map { ($1.label, FigureStyle.color($0), .swatch) }
        if anyWeights { entries.append(("Outline: weighted", "#333333", .line)) }
        let left = FigureParts.leftMargin(ticks: yTicks, hasLabel: true)
        let right = canvas.width - m
        y = FigureParts.legend(entries, x: left, y: y, maxX: right, on: &canvas) + 4

        // Two groups share one axis, the second hanging below it; otherwise each group has its own band.
        let mirrored = groups.count == 2
        let bandH = mirrored ? 130.0 : 110.0, bandGap = 20.0
        let top = y
        let bands = mirrored ? 2 : max(groups.count, 1)
        let axisY = top + bandH * Double(bands) + (mirrored ? 0 : bandGap * Double(bands - 1))
        let xScale = AxisScale(lo: 0, hi: 1, start: left, end: right)
        let binW = (right - left) / Double(bins)
        var notes: [String] = []
        for (g, group) in groups.enumerated() {
            let down = mirrored && g == 1
            let baseline = mirrored ? top + bandH : top + bandH * Double(g + 1) + bandGap * Double(g)
            let scale = AxisScale(lo: 0, hi: yTicks.last!, start: baseline, end: down ? baseline + bandH : baseline - bandH)
            let color = FigureStyle.color(g)
            FigureParts.yAxis(scale, ticks: yTicks, axisX: left, gridRight: right, on: &canvas)
            canvas.open("histogram", label: group.label)
            if let shares = unweighted[g] {
                for (b, share) in shares.enumerated() where share > 0 {
                    let h = abs(scale(share) - baseline)
                    canvas.rect(left + Double(b) * binW + 0.5, down ? baseline : baseline - h, binW - 1, h, fill: color,
                                fillOpacity: anyWeights ? 0.35 : 0.85, cls: "bin")
                }
            } else {
                notes.append(group.label + ": not estimable (no values in [0, 1] with positive weight)")
            }
            if let shares = weighted[g] {
                var points: [(Double, Double)] = [(left, baseline)]
                for (b, share) in shares.enumerated() {
                    points.append((left + Double(b) * binW, scale(share)))
                    points.append((left + Double(b + 1) * binW, scale(share)))
                }
                points.append((right, baseline))
                canvas.path(points, stroke: "#333333", width: 1.5, cls: "weighted")
            }
            canvas.close()
            let labelY = down ? baseline + bandH - 8 : baseline - bandH + 14
            canvas.text(group.label, x: right - 6, y: labelY, anchor: .end, bold: true, fill: color, halo: true, cls: "group-label")
            if !mirrored || g == 0 { canvas.line(left, baseline, right, baseline) }
        }
        FigureParts.yTitle("Share of group", centerY: (top + axisY) / 2, on: &canvas)
        let xTicks = FigureScale.ticks(covering: 0, 1, target: 5)
        FigureParts.xAxis(xScale, ticks: xTicks, axisY: axisY, on: &canvas)
        canvas.text(xLabel, x: (left + right) / 2, y: axisY + 38, anchor: .middle, cls: "x-label")
        var bottom = axisY + 46
        if groups.contains(where: { $0.values.contains { !$0.isFinite || $0 < 0 || $0 > 1 } }) {
            notes.append("Values outside [0, 1] are counted in the end bins; values that are not finite are not shown.")
        }
        if groups.contains(where: { g in g.weights.map { $0.count != g.values.count } ?? false }) {
            notes.append("Weights whose count differs from the values' are not used for the values without one.")
        }
        if groups.isEmpty { notes.append("not estimable (no groups)") }
        for note in notes {
            bottom = FigureParts.note(note, x: left, y: bottom + 6, width: right - left, on: &canvas,
                                      cls: note.contains("not estimable") ? "not-estimable" : "note")
        }
        return canvas.document(height: bottom + 6, title: title)
    }
}
