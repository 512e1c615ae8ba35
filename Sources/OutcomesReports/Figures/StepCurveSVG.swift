/// One step curve of a figure: a survival-type function that is constant between its jump times.
public struct StepCurve: Sendable {
    /// Legend label.
    public let label: String
    /// Jump times, ascending; the curve starts at `start` before the first time.
    public let times: [Double]
    /// Value after each jump.
    public let values: [Double]
    /// Optional pointwise band (same length as `values`).
    public let lower: [Double]?
    public let upper: [Double]?
    /// Value before the first jump (1 for survival curves).
    public let start: Double

    public init(label: String, times: [Double], values: [Double], lower: [Double]? = nil, upper: [Double]? = nil, start: Double = 1) {
        precondition(times.count == values.count, "StepCurve needs one value per time")
        self.label = label; self.times = times; self.values = values; self.lower = lower; self.upper = upper; self.start = start
    }
}

/// Renders step curves (Kaplan–Meier style) as a self-contained SVG with axes, ticks, a legend and
/// optional confidence bands. Output is deterministic: fixed sizes, fixed number formatting, fixed palette.
public enum StepCurveSVG {
    private static let palette = ["#1b6ca8", "#d1495b", "#2a9d8f", "#e9a03b", "#6c4f9c", "#5c5c5c"]

    /// The SVG text. `xMax` defaults to the last time of any curve; the y axis runs from 0 to 1.
    public static func render(_ curves: [StepCurve], title: String, xLabel: String, yLabel: String, xMax: Double? = nil) -> String {
        let width = 720.0, height = 440.0
        let left = 70.0, right = 180.0, top = 40.0, bottom = 60.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxX = max(xMax ?? (curves.compactMap { $0.times.last }.max() ?? 1), 1e-9)
        func x(_ t: Double) -> Double { left + plotW * min(t, maxX) / maxX }
        func y(_ v: Double) -> Double { top + plotH * (1 - min(max(v, 0), 1)) }
        let f = { (v: Double) in Formatting.fixed(v, 1) }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(f(left))\" y=\"24\" font-size=\"15\">\(escape(title))</text>\n"
        // Axes and ticks.
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"black\"/>\n"
        for k in 0...5 {
            let v = Double(k) / 5
            s += "<line x1=\"\(f(left - 5))\" y1=\"\(f(y(v)))\" x2=\"\(f(left))\" y2=\"\(f(y(v)))\" stroke=\"black\"/>"
            s += "<text x=\"\(f(left - 8))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(Formatting.fixed(v, 1))</text>\n"
        }
        let step = niceStep(maxX / 6)
        var t = 0.0
        while t <= maxX + 1e-9 {
            s += "<line x1=\"\(f(x(t)))\" y1=\"\(f(top + plotH))\" x2=\"\(f(x(t)))\" y2=\"\(f(top + plotH + 5))\" stroke=\"black\"/>"
            s += "<text x=\"\(f(x(t)))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(Formatting.compact(t, 2))</text>\n"
            t += step
        }
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        s += "<text transform=\"translate(18 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        // Curves.
        for (i, c) in curves.enumerated() {
            let color = palette[i % palette.count]
            if let lo = c.lower, let hi = c.upper {
                s += "<path d=\"\(bandPath(c.times, lo, hi, c.start, x, y))\" fill=\"\(color)\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
            }
            s += "<path d=\"\(stepPath(c.times, c.values, c.start, maxX, x, y))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            let ly = top + 16 + Double(i) * 20
            s += "<line x1=\"\(f(left + plotW + 16))\" y1=\"\(f(ly - 4))\" x2=\"\(f(left + plotW + 36))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
            s += "<text x=\"\(f(left + plotW + 42))\" y=\"\(f(ly))\">\(escape(c.label))</text>\n"
        }
        return s + "</svg>\n"
    }

    private static func stepPath(_ t: [Double], _ v: [Double], _ start: Double, _ maxX: Double,
                                 _ x: (Double) -> Double, _ y: (Double) -> Double) -> String {
        let f = { (v: Double) in Formatting.fixed(v, 1) }
        var d = "M\(f(x(0))) \(f(y(start)))"
        for (ti, vi) in zip(t, v) where ti <= maxX {
            d += " H\(f(x(ti))) V\(f(y(vi)))"
        }
        d += " H\(f(x(min(t.last ?? 0, maxX))))"
        return d
    }

    private static func bandPath(_ t: [Double], _ lo: [Double], _ hi: [Double], _ start: Double,
                                 _ x: (Double) -> Double, _ y: (Double) -> Double) -> String {
        let f = { (v: Double) in Formatting.fixed(v, 1) }
        var upper = "M\(f(x(0))) \(f(y(start)))"
        for (ti, h) in zip(t, hi) where h.isFinite { upper += " H\(f(x(ti))) V\(f(y(h)))" }
        var lower = ""
        var pts: [(Double, Double)] = []
        var prev = start
        for (ti, l) in zip(t, lo) where l.isFinite { pts.append((ti, prev)); pts.append((ti, l)); prev = l }
        for (ti, l) in pts.reversed() { lower += " L\(f(x(ti))) \(f(y(l)))" }
        return upper + lower + " L\(f(x(0))) \(f(y(start))) Z"
    }

    private static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw { return m * magnitude }
        return 10 * magnitude
    }

    private static func escape(_ s: String) -> String { SVGText.escape(s) }
}
