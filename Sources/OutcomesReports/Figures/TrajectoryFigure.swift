/// Trajectories: the mean with its interval at each x (e.g. infusion number) per series, drawn over thin grey
/// lines of individual courses (a spaghetti plot of a sample).
public struct TrajectoryFigure {
    public struct MeanPoint: Sendable {
        public var x: Double
        public var mean: Double
        public var lower: Double
        public var upper: Double
        public init(x: Double, mean: Double, lower: Double, upper: Double) { self.x = x; self.mean = mean; self.lower = lower; self.upper = upper }
    }
    public struct Series: Sendable {
        public var label: String
        public var points: [MeanPoint]
        public init(label: String, points: [MeanPoint]) { self.label = label; self.points = points }
    }
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var individuals: [[(x: Double, y: Double)]]

    public init(title: String, xLabel: String, yLabel: String, series: [Series], individuals: [[(x: Double, y: Double)]] = []) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series; self.individuals = individuals
    }

    /// The SVG: `individual` paths, one group `series` per series with `mean-line`, `interval` and `estimate`
    /// marks, a `legend`, and a `not-estimable` note listing means that could not be estimated.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let m = FigureStyle.margin
        var y = FigureParts.title(title, on: &canvas)

        let means = series.flatMap(\.points)
        let xs = means.map(\.x).filter(\.isFinite) + individuals.flatMap { $0.map(\.x) }.filter(\.isFinite)
        let ys = means.flatMap { [$0.mean, $0.lower, $0.upper] }.filter(\.isFinite) + individuals.flatMap { $0.map(\.y) }.filter(\.isFinite)
        let xTicks = FigureScale.ticks(covering: xs.min() ?? 0, xs.max() ?? 1, target: 8)
        let yTicks = FigureScale.ticks(covering: ys.min() ?? 0, ys.max() ?? 1, target: 6)
        let left = FigureParts.leftMargin(ticks: yTicks, hasLabel: !yLabel.isEmpty)
        let right = canvas.width - m

        var entries: [(label: String, color: String, key: FigureParts.Key)] = series.enumerated().map { ($1.label, FigureStyle.color($0), .point) }
        if !individuals.isEmpty { entries.append(("Individual patients (sample)", "#aaaaaa", .line)) }
        y = FigureParts.legend(entries, x: left, y: y, maxX: right, on: &canvas) + 4

        let plotH = 300.0, top = y, axisY = top + plotH
        // A small inset keeps points at the first and last tick off the axes.
        let xScale = AxisScale(lo: xTicks.first!, hi: xTicks.last!, start: left + 12, end: right - 12)
        let yScale = AxisScale(lo: yTicks.first!, hi: yTicks.last!, start: axisY, end: top)
        FigureParts.yAxis(yScale, ticks: yTicks, axisX: left, gridRight: right, on: &canvas)
        FigureParts.xAxis(xScale, ticks: xTicks, axisY: axisY, on: &canvas)
        canvas.line(left, axisY, right, axisY)
        FigureParts.yTitle(yLabel, centerY: top + plotH / 2, on: &canvas)
        canvas.text(xLabel, x: (left + right) / 2, y: axisY + 38, anchor: .middle, cls: "x-label")

        // Individual courses first, thin and grey, broken where a value is missing.
        if !individuals.isEmpty {
            canvas.open("individuals")
            for course in individuals {
                var run: [(Double, Double)] = []
                for p in course.sorted(by: { $0.x < $1.x }) {
                    if p.x.isFinite && p.y.isFinite { run.append((xScale(p.x), yScale(p.y))) } else {
                        if run.count > 1 { canvas.path(run, stroke: "#9a9a9a", width: 0.8, opacity: 0.55, cls: "individual") }
                        run = []
                    }
                }
                if run.count > 1 { canvas.path(run, stroke: "#9a9a9a", width: 0.8, opacity: 0.55, cls: "individual") }
            }
            canvas.close()
        }
        // Series side by side at each x, so their intervals do not hide one another.
        let slot = xTicks.count > 1 ? (xScale(xTicks[1]) - xScale(xTicks[0])) : 40
        let dodge = min(7, slot * 0.12)
        var missing: [String] = []
        for (i, s) in series.enumerated() {
            let color = FigureStyle.color(i), offset = (Double(i) - Double(series.count - 1) / 2) * dodge
            canvas.open("series", label: s.label)
            let points = s.points.sorted { $0.x < $1.x }
            var run: [(Double, Double)] = []
            for p in points {
                guard p.x.isFinite, p.mean.isFinite else {
                    if run.count > 1 { canvas.path(run, stroke: color, width: 2.2, cls: "mean-line") }
                    run = []
                    missing.append("\(s.label) at \(FigureScale.tickLabel(p.x.isFinite ? p.x : 0))")
                    continue
                }
                run.append((xScale(p.x) + offset, yScale(p.mean)))
            }
            if run.count > 1 { canvas.path(run, stroke: color, width: 2.2, cls: "mean-line") }
            for p in points where p.x.isFinite && p.mean.isFinite {
                let px = xScale(p.x) + offset
                if p.lower.isFinite && p.upper.isFinite {
                    canvas.path([(px, yScale(p.lower)), (px, yScale(p.upper))], stroke: color, width: 1.6, cls: "interval")
                    canvas.path([(px - 3, yScale(p.lower)), (px + 3, yScale(p.lower))], stroke: color, width: 1.6)
                    canvas.path([(px - 3, yScale(p.upper)), (px + 3, yScale(p.upper))], stroke: color, width: 1.6)
                }
                canvas.circle(px, yScale(p.mean), 3.5, fill: color, stroke: "white", cls: "estimate")
            }
            canvas.close()
        }
        var bottom = axisY + 46
        if !missing.isEmpty {
            bottom = FigureParts.note("Mean not estimable: " + missing.joined(separator: "; ") + ".", x: left, y: bottom + 6,
                                      width: right - left, on: &canvas, cls: "not-estimable")
        }
        return canvas.document(height: bottom + 6, title: title)
    }
}
