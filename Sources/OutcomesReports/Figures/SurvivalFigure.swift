/// One curve of a survival figure: a step function (survival, or cumulative incidence rising from 0) with an
/// optional pointwise band and the times at which observations were censored.
public struct FigureCurve: Sendable {
    /// Legend and risk-table label.
    public var label: String
    /// Jump times, ascending.
    public var times: [Double]
    /// Value just after each time.
    public var values: [Double]
    /// Pointwise band (same length as `values`; NaN where not estimable).
    public var lower: [Double]?
    public var upper: [Double]?
    /// Value before the first time (1 for survival, 0 for cumulative incidence).
    public var start: Double
    /// Times with at least one censored observation; each gets a mark on the curve.
    public var censorTimes: [Double]
    /// The median (time the curve reaches 0.5), drawn as drop lines when the figure asks for them.
    public var median: Double?

    public init(label: String, times: [Double], values: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                start: Double = 1, censorTimes: [Double] = [], median: Double? = nil) {
        precondition(times.count == values.count, "FigureCurve needs one value per time")
        self.label = label; self.times = times; self.values = values; self.lower = lower; self.upper = upper
        self.start = start; self.censorTimes = censorTimes; self.median = median
    }

    /// The curve's value at `t` (right-continuous).
    public func value(at t: Double) -> Double {
        // Bisection for the last time ≤ t: figures mark tens of thousands of censoring times on large registries.
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? start : values[low - 1]
    }
}

/// A block of rows under the x axis with one number per x tick (KMunicate: at risk, cumulative events,
/// cumulative censored). Row `i` belongs to curve `i` and takes its colour.
public struct FigureRiskBlock: Sendable {
    /// The heading, e.g. "Number at risk".
    public var heading: String
    /// One row per curve: a value at each tick of the figure.
    public var rows: [[Double]]
    /// Row labels (black unless there is one row per curve); nil: the curves' labels and colours.
    public var labels: [String]?

    public init(heading: String, rows: [[Double]], labels: [String]? = nil) { self.heading = heading; self.rows = rows; self.labels = labels }
}

/// A publication survival figure: step curves with censoring marks, bands, optional median drop lines, an
/// annotation (e.g. the log-rank p-value), and tables of counts under the x axis aligned with its ticks.
public struct SurvivalFigure: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var curves: [FigureCurve]
    /// Tick positions of the x axis (see ``FigureScale/ticks(upTo:target:)``).
    public var xTicks: [Double]
    /// Right end of the x axis (nil: the last tick).
    public var xMax: Double?
    /// Text in the lower left of the plot.
    public var annotation: String?
    /// Draw dashed lines from 0.5 to each curve's median and down to the axis.
    public var medianLines: Bool = false
    /// Count tables under the axis, one value per tick.
    public var riskBlocks: [FigureRiskBlock] = []
    /// Whether the curves are cumulative incidence (rising): median lines do not apply then.
    public var rising: Bool = false
    /// A title before the legend entries (e.g. the grouping column), or nil.
    public var legendTitle: String?

    public init(title: String, xLabel: String, yLabel: String, curves: [FigureCurve], xTicks: [Double]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.curves = curves; self.xTicks = xTicks
    }

    /// The SVG text: deterministic (fixed layout, fixed number formats, palette by curve order).
    /// Elements carry classes for readers and tests: `curve`, `band`, `censor`, `median-line`, `x-tick`,
    /// `risk-heading`, `risk-count`, `legend`.
    public func svg() -> String {
        let c = FigureScale.coordinate
        let e = SVGText.escape
        let fontSize = 15.0
        let rowLabels = riskBlocks.flatMap { $0.labels ?? curves.map(\.label) }
        let labelWidth = Double(rowLabels.map(\.count).max() ?? 0) * fontSize * 0.6
        // Risk-table labels end left of the first column's numbers, which are centred on the axis origin.
        let countDigits = riskBlocks.flatMap { $0.rows.flatMap { $0 } }.map { Formatting.compact($0, 1).count }.max() ?? 0
        let labelGap = Double(countDigits) * fontSize * 0.3 + 10
        let width = 760.0
        let left = max(78.0, labelWidth + labelGap + 12), right = 34.0
        let plotW = width - left - right
        // Legend entries flow left to right above the plot and wrap onto further lines.
        var legend: [(x: Double, line: Int)] = []
        let legendStart = left + (legendTitle.map { Double($0.count + 1) * fontSize * 0.6 + 10 } ?? 0)
        var lx = legendStart, line = 0
        for curve in curves {
            let entryWidth = 28 + Double(curve.label.count) * fontSize * 0.6 + 24
            if lx > legendStart && lx + entryWidth > width - right { lx = legendStart; line += 1 }
            legend.append((lx, line))
            lx += entryWidth
        }
        let top = 78.0 + Double(line) * 22, plotH = 300.0
        let axisY = top + plotH
        let riskTop = axisY + 66
        let rowH = 20.0
        let blocksHeight = riskBlocks.reduce(0.0) { $0 + 26 + Double($1.rows.count) * rowH + 8 }
        let height = riskTop + blocksHeight + (riskBlocks.isEmpty ? 0 : 6)
        let xMin = xTicks.first ?? 0, xMax = max(self.xMax ?? xTicks.last ?? 1, xMin + 1e-9)
        func x(_ t: Double) -> Double { left + plotW * (min(max(t, xMin), xMax) - xMin) / (xMax - xMin) }
        func y(_ v: Double) -> Double { top + plotH * (1 - min(max(v, 0), 1)) }
        func color(_ i: Int) -> String { FigureScale.palette[i % FigureScale.palette.count] }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height.rounded(.up)))\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"\(Int(fontSize))\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(c(left))\" y=\"26\" font-size=\"18\" font-weight=\"bold\">\(e(title))</text>\n"
        if let legendTitle {
            s += "<text class=\"legend-title\" x=\"\(c(left))\" y=\"57\">\(e(legendTitle)):</text>\n"
        }
        // A single curve needs no legend.
        for (i, curve) in curves.enumerated() where curves.count > 1 || legendTitle != nil {
            let ex = legend[i].x, ey = 52 + Double(legend[i].line) * 22
            s += "<g class=\"legend\"><line x1=\"\(c(ex))\" y1=\"\(c(ey))\" x2=\"\(c(ex + 22))\" y2=\"\(c(ey))\" stroke=\"\(color(i))\" stroke-width=\"3\"/>"
            s += "<text x=\"\(c(ex + 28))\" y=\"\(c(ey + 5))\">\(e(curve.label))</text></g>\n"
        }
        // Grid, axes, ticks.
        let yTicks = [0.0, 0.25, 0.5, 0.75, 1.0]
        for v in yTicks {
            s += "<line x1=\"\(c(left))\" y1=\"\(c(y(v)))\" x2=\"\(c(left + plotW))\" y2=\"\(c(y(v)))\" stroke=\"#e5e5e5\"/>"
            s += "<line x1=\"\(c(left - 5))\" y1=\"\(c(y(v)))\" x2=\"\(c(left))\" y2=\"\(c(y(v)))\" stroke=\"black\"/>"
            s += "<text class=\"y-tick\" x=\"\(c(left - 8))\" y=\"\(c(y(v) + 5))\" text-anchor=\"end\">\(Formatting.fixed(v, 2))</text>\n"
        }
        s += "<line x1=\"\(c(left))\" y1=\"\(c(axisY))\" x2=\"\(c(left + plotW))\" y2=\"\(c(axisY))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(axisY))\" stroke=\"black\"/>\n"
        for t in xTicks where t <= xMax {
            s += "<line x1=\"\(c(x(t)))\" y1=\"\(c(axisY))\" x2=\"\(c(x(t)))\" y2=\"\(c(axisY + 5))\" stroke=\"black\"/>"
            s += "<text class=\"x-tick\" x=\"\(c(x(t)))\" y=\"\(c(axisY + 21))\" text-anchor=\"middle\">\(FigureScale.label(t))</text>\n"
        }
        s += "<text x=\"\(c(left + plotW / 2))\" y=\"\(c(axisY + 44))\" text-anchor=\"middle\">\(e(xLabel))</text>\n"
        s += "<text transform=\"translate(\(c(left - 52)) \(c(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(e(yLabel))</text>\n"

        // Bands first, so the curves and marks are drawn over them.
        for (i, curve) in curves.enumerated() {
            if let band = bandPath(curve, xMax: xMax, x, y) {
                s += "<path class=\"band\" d=\"\(band)\" fill=\"\(color(i))\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
            }
        }
        for (i, curve) in curves.enumerated() {
            s += "<path class=\"curve\" d=\"\(stepPath(curve, xMax: xMax, x, y))\" fill=\"none\" stroke=\"\(color(i))\" stroke-width=\"2.2\"/>\n"
            for t in curve.censorTimes where t <= xMax {
                let px = x(t), py = y(curve.value(at: t))
                s += "<path class=\"censor\" d=\"M\(c(px)) \(c(py - 5)) V\(c(py + 5))\" stroke=\"\(color(i))\" stroke-width=\"1.5\"/>\n"
            }
        }
        if medianLines && !rising {
            for (i, curve) in curves.enumerated() {
                guard let m = curve.median, m <= xMax else { continue }
                s += "<path class=\"median-line\" d=\"M\(c(x(xMin))) \(c(y(0.5))) H\(c(x(m))) V\(c(axisY))\" fill=\"none\" stroke=\"\(color(i))\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>\n"
            }
        }
        if let annotation {
            let ay = rising ? top + 22 : axisY - 14
            s += "<text class=\"annotation\" x=\"\(c(left + 12))\" y=\"\(c(ay))\">\(e(annotation))</text>\n"
        }
        // Count tables under the axis: each number centred on its tick.
        var by = riskTop
        for block in riskBlocks {
            s += "<text class=\"risk-heading\" x=\"\(c(8))\" y=\"\(c(by))\" font-weight=\"bold\">\(e(block.heading))</text>\n"
            by += 22
            for (i, row) in block.rows.enumerated() {
                let label = block.labels.map { i < $0.count ? $0[i] : "" } ?? (i < curves.count ? curves[i].label : "")
                // Rows that stand for the curves take their colours; rows of another kind (groups) are black.
                let fill = block.labels == nil || block.rows.count == curves.count ? color(i) : "black"
                s += "<text x=\"\(c(left - labelGap))\" y=\"\(c(by))\" text-anchor=\"end\" fill=\"\(fill)\">\(e(label))</text>"
                for (t, v) in zip(xTicks, row) where t <= xMax {
                    s += "<text class=\"risk-count\" x=\"\(c(x(t)))\" y=\"\(c(by))\" text-anchor=\"middle\">\(Formatting.compact(v, 1))</text>"
                }
                s += "\n"
                by += rowH
            }
            by += 12
        }
        return s + "</svg>\n"
    }

    private func stepPath(_ curve: FigureCurve, xMax: Double, _ x: (Double) -> Double, _ y: (Double) -> Double) -> String {
        let c = FigureScale.coordinate
        var d = "M\(c(x(0))) \(c(y(curve.start)))"
        for (t, v) in zip(curve.times, curve.values) where t <= xMax { d += " H\(c(x(t))) V\(c(y(v)))" }
        d += " H\(c(x(min(curve.times.last ?? 0, xMax))))"
        return d
    }

    /// The band as a closed polygon: the upper step function left to right, then the lower one back; it ends
    /// at the first time either limit is not estimable.
    private func bandPath(_ curve: FigureCurve, xMax: Double, _ x: (Double) -> Double, _ y: (Double) -> Double) -> String? {
        guard let lower = curve.lower, let upper = curve.upper, !curve.times.isEmpty else { return nil }
        let c = FigureScale.coordinate
        var upperPoints: [(Double, Double)] = [(0, curve.start)], lowerPoints: [(Double, Double)] = [(0, curve.start)]
        var end = min(curve.times.last!, xMax)
        for (k, t) in curve.times.enumerated() where t <= xMax {
            var lo = lower[k], hi = upper[k]
            // A limit that is not estimable while the curve still sits at its start (a cumulative incidence of 0,
            // R's NA) collapses onto the curve; anywhere else the band ends there.
            if !(lo.isFinite && hi.isFinite) {
                guard curve.values[k] == curve.start else { end = t; break }
                lo = curve.start; hi = curve.start
            }
            upperPoints.append((t, upperPoints.last!.1)); upperPoints.append((t, hi))
            lowerPoints.append((t, lowerPoints.last!.1)); lowerPoints.append((t, lo))
        }
        upperPoints.append((end, upperPoints.last!.1))
        lowerPoints.append((end, lowerPoints.last!.1))
        guard upperPoints.count > 2 else { return nil }
        var d = "M" + upperPoints.map { "\(c(x($0.0))) \(c(y($0.1)))" }.joined(separator: " L")
        d += " L" + lowerPoints.reversed().map { "\(c(x($0.0))) \(c(y($0.1)))" }.joined(separator: " L")
        return d + " Z"
    }
}
