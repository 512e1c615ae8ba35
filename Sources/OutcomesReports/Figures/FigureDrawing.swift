import Foundation

/// Sizes and colours shared by the figures, chosen to stay readable when a 600 px figure is shown at 600 px.
enum FigureStyle {
    static let width = 600.0
    static let margin = 16.0
    static let font = 13.0
    static let small = 11.5
    static let titleSize = 16.0
    static let grid = "#e5e5e5"
    static let muted = "#555555"
    static let fontFamily = "Helvetica, Arial, sans-serif"

    /// The i-th colour of the colour-blind-safe palette.
    static func color(_ i: Int) -> String { FigureScale.palette[i % FigureScale.palette.count] }

    /// Estimated width of `s` in px at `size` (see ``em(_:)``). Layout uses it to wrap and to make room, so it errs on the wide side.
    static func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        Double(s.count) * size * em(bold)
    }

    /// Average character width in ems (Helvetica: lower case about 0.5, digits 0.56, capitals 0.67).
    static func em(_ bold: Bool) -> Double { bold ? 0.6 : 0.55 }

    /// `s` broken at spaces into lines no wider than `width` px; a word longer than a line is cut.
    static func wrap(_ s: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        let perLine = max(Int(width / (size * em(bold))), 4)
        var lines: [String] = [], current = ""
        let words = s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
        for var word in words {
            while word.count > perLine {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(perLine)))
                word = String(word.dropFirst(perLine))
            }
            if current.isEmpty { current = word }
            else if current.count + 1 + word.count <= perLine { current += " " + word }
            else { lines.append(current); current = word }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

/// A coordinate mapping from data values to pixels, linear or logarithmic (for ratios).
struct AxisScale {
    var lo: Double, hi: Double
    var start: Double, end: Double
    var log: Bool = false

    func callAsFunction(_ v: Double) -> Double {
        let f: Double
        if log {
            let l = Foundation.log(lo), h = Foundation.log(hi)
            f = (Foundation.log(max(v, 1e-300)) - l) / (h - l)
        } else {
            f = (v - lo) / (hi - lo)
        }
        return start + (end - start) * f
    }

    /// The pixel of `v` kept inside the axis.
    func clamped(_ v: Double) -> Double {
        let p = self(v)
        let (a, b) = (min(start, end), max(start, end))
        return p.isNaN ? start : min(max(p, a), b)
    }

    func contains(_ v: Double) -> Bool { v.isFinite && v >= min(lo, hi) - 1e-12 && v <= max(lo, hi) + 1e-12 && (!log || v > 0) }
}

/// Accumulates SVG elements with deterministic number formatting; every text passes through ``SVGText/escape(_:)``.
struct SVGCanvas {
    enum Anchor: String { case start, middle, end }

    private(set) var body = ""
    let width: Double

    init(width: Double = FigureStyle.width) { self.width = width }

    /// A coordinate: one decimal; never NaN (a non-finite coordinate is a bug in the caller, drawn at 0).
    static func n(_ v: Double) -> String { FigureScale.coordinate(v.isFinite ? v : 0) }

    private static func attr(_ name: String, _ value: String?) -> String {
        value.map { " \(name)=\"\(SVGText.escape($0))\"" } ?? ""
    }

    mutating func open(_ cls: String, label: String? = nil) {
        body += "<g class=\"\(cls)\"" + SVGCanvas.attr("aria-label", label) + ">\n"
    }
    mutating func close() { body += "</g>\n" }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "black", width: Double = 1,
                       dash: String? = nil, opacity: Double? = nil, cls: String? = nil) {
        let n = SVGCanvas.n
        body += "<line" + SVGCanvas.attr("class", cls) + " x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\""
        if width != 1 { body += " stroke-width=\"\(FigureScale.coordinate(width))\"" }
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let opacity { body += " stroke-opacity=\"\(Formatting.fixed(opacity, 2))\"" }
        body += "/>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil,
                       fillOpacity: Double? = nil, rx: Double? = nil, cls: String? = nil) {
        let n = SVGCanvas.n
        body += "<rect" + SVGCanvas.attr("class", cls) + " x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(w, 0)))\" height=\"\(n(max(h, 0)))\" fill=\"\(fill)\""
        if let fillOpacity { body += " fill-opacity=\"\(Formatting.fixed(fillOpacity, 2))\"" }
        if let stroke { body += " stroke=\"\(stroke)\"" }
        if let rx { body += " rx=\"\(n(rx))\"" }
        body += "/>\n"
    }

    /// A path through `points` (M then L); `close` fills it as a polygon.
    mutating func path(_ points: [(Double, Double)], stroke: String? = "black", fill: String = "none", width: Double = 1,
                       dash: String? = nil, opacity: Double? = nil, close: Bool = false, cls: String? = nil) {
        guard let first = points.first else { return }
        let n = SVGCanvas.n
        var d = "M\(n(first.0)) \(n(first.1))"
        for p in points.dropFirst() { d += " L\(n(p.0)) \(n(p.1))" }
        if close { d += " Z" }
        body += "<path" + SVGCanvas.attr("class", cls) + " d=\"\(d)\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        if width != 1 { body += " stroke-width=\"\(FigureScale.coordinate(width))\"" }
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let opacity { body += " stroke-opacity=\"\(Formatting.fixed(opacity, 2))\"" }
        body += "/>\n"
    }

    mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, fill: String, stroke: String? = nil, cls: String? = nil) {
        let n = SVGCanvas.n
        body += "<circle" + SVGCanvas.attr("class", cls) + " cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        body += "/>\n"
    }

    /// One text element; `lines` of more than one become tspans `lineHeight` apart, the first at `y`.
    /// `rotate` turns the text about (x, y) by that many degrees; `halo` paints a white outline under it;
    /// `hangingIndent` moves the lines after the first to the right (a wrapped list item).
    mutating func text(_ lines: [String], x: Double, y: Double, size: Double = FigureStyle.font, anchor: Anchor = .start,
                       bold: Bool = false, italic: Bool = false, fill: String? = nil, rotate: Double? = nil,
                       halo: Bool = false, lineHeight: Double? = nil, hangingIndent: Double = 0, cls: String? = nil) {
        let n = SVGCanvas.n
        body += "<text" + SVGCanvas.attr("class", cls) + " x=\"\(n(x))\" y=\"\(n(y))\""
        if size != FigureStyle.font { body += " font-size=\"\(FigureScale.coordinate(size))\"" }
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { body += " font-weight=\"bold\"" }
        if italic { body += " font-style=\"italic\"" }
        if let fill { body += " fill=\"\(fill)\"" }
        if let rotate { body += " transform=\"rotate(\(FigureScale.coordinate(rotate)) \(n(x)) \(n(y)))\"" }
        if halo { body += " stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"" }
        body += ">"
        if lines.count == 1 {
            body += SVGText.escape(lines[0])
        } else {
            let step = lineHeight ?? size * 1.25
            for (i, line) in lines.enumerated() {
                body += "<tspan x=\"\(n(i == 0 ? x : x + hangingIndent))\" dy=\"\(i == 0 ? "0" : n(step))\">\(SVGText.escape(line))</tspan>"
            }
        }
        body += "</text>\n"
    }

    mutating func text(_ s: String, x: Double, y: Double, size: Double = FigureStyle.font, anchor: Anchor = .start,
                       bold: Bool = false, italic: Bool = false, fill: String? = nil, rotate: Double? = nil,
                       halo: Bool = false, cls: String? = nil) {
        text([s], x: x, y: y, size: size, anchor: anchor, bold: bold, italic: italic, fill: fill, rotate: rotate, halo: halo, cls: cls)
    }

    /// The finished document, `height` px tall, with the title as the SVG's accessible name.
    func document(height: Double, title: String) -> String {
        let w = Int(width.rounded(.up)), h = Int(height.rounded(.up))
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        s += " font-family=\"\(FigureStyle.fontFamily)\" font-size=\"\(Int(FigureStyle.font))\">\n"
        s += "<title>\(SVGText.escape(title))</title>\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        return s + body + "</svg>\n"
    }
}

/// Drawing steps every figure shares: title, axes with ticks and grid, legends, notes.
enum FigureParts {
    /// The title, wrapped to the figure's width; returns the y below it.
    static func title(_ title: String, on canvas: inout SVGCanvas) -> Double {
        let lines = FigureStyle.wrap(title, width: canvas.width - 2 * FigureStyle.margin, size: FigureStyle.titleSize, bold: true)
        canvas.text(lines, x: FigureStyle.margin, y: 24, size: FigureStyle.titleSize, bold: true, cls: "title")
        return 24 + Double(lines.count - 1) * FigureStyle.titleSize * 1.25 + 12
    }

    /// Width needed by the labels of `ticks` on a y axis.
    static func tickLabelWidth(_ ticks: [Double]) -> Double {
        ticks.map { FigureStyle.textWidth(FigureScale.tickLabel($0), size: FigureStyle.small) }.max() ?? 0
    }

    /// A left margin that fits a rotated axis label and the tick labels.
    static func leftMargin(ticks: [Double], hasLabel: Bool) -> Double {
        FigureStyle.margin + (hasLabel ? 20 : 0) + tickLabelWidth(ticks) + 10
    }

    /// x axis line at `axisY`, ticks with labels, optional vertical grid lines up to `gridTop`.
    static func xAxis(_ scale: AxisScale, ticks: [Double], axisY: Double, gridTop: Double? = nil, on canvas: inout SVGCanvas) {
        for t in ticks where scale.contains(t) {
            let px = scale(t)
            if let gridTop { canvas.line(px, gridTop, px, axisY, stroke: FigureStyle.grid) }
            canvas.line(px, axisY, px, axisY + 5)
            canvas.text(FigureScale.tickLabel(t), x: px, y: axisY + 18, size: FigureStyle.small, anchor: .middle, cls: "x-tick")
        }
        canvas.line(min(scale.start, scale.end), axisY, max(scale.start, scale.end), axisY, cls: "x-axis")
    }

    /// y axis line at `axisX`, ticks (labels optional) and horizontal grid lines to `gridRight`.
    static func yAxis(_ scale: AxisScale, ticks: [Double], axisX: Double, gridRight: Double? = nil, labels: Bool = true,
                      labelText: (Double) -> String = FigureScale.tickLabel, on canvas: inout SVGCanvas) {
        for t in ticks where scale.contains(t) {
            let py = scale(t)
            if let gridRight { canvas.line(axisX, py, gridRight, py, stroke: FigureStyle.grid) }
            canvas.line(axisX - 4, py, axisX, py)
            if labels { canvas.text(labelText(t), x: axisX - 7, y: py + 4, size: FigureStyle.small, anchor: .end, cls: "y-tick") }
        }
        canvas.line(axisX, min(scale.start, scale.end), axisX, max(scale.start, scale.end), cls: "y-axis")
    }

    /// A y-axis title rotated along the axis, centred on `centerY`.
    static func yTitle(_ label: String, centerY: Double, on canvas: inout SVGCanvas) {
        guard !label.isEmpty else { return }
        canvas.text(label, x: FigureStyle.margin + 10, y: centerY, anchor: .middle, rotate: -90, cls: "y-label")
    }

    enum Key { case line, swatch, point, dashed }

    /// Legend entries flowing left to right from `x` and wrapping before `maxX`; returns the y below them.
    static func legend(_ entries: [(label: String, color: String, key: Key)], x: Double, y: Double, maxX: Double,
                       on canvas: inout SVGCanvas) -> Double {
        guard !entries.isEmpty else { return y }
        var lx = x, ly = y + 12
        for entry in entries {
            let labelWidth = min(FigureStyle.textWidth(entry.label, size: FigureStyle.font), maxX - x - 30)
            let lines = FigureStyle.wrap(entry.label, width: labelWidth + 1, size: FigureStyle.font)
            let entryWidth = 26 + FigureStyle.textWidth(lines.max { $0.count < $1.count } ?? "", size: FigureStyle.font) + 18
            if lx > x && lx + entryWidth > maxX { lx = x; ly += 20 }
            canvas.open("legend", label: entry.label)
            switch entry.key {
            case .line: canvas.line(lx, ly - 4, lx + 20, ly - 4, stroke: entry.color, width: 3)
            case .dashed: canvas.line(lx, ly - 4, lx + 20, ly - 4, stroke: entry.color, width: 1.5, dash: "5 3")
            case .swatch: canvas.rect(lx + 3, ly - 10, 14, 12, fill: entry.color)
            case .point:
                canvas.line(lx + 10, ly - 11, lx + 10, ly + 3, stroke: entry.color, width: 1.5)
                canvas.circle(lx + 10, ly - 4, 3.5, fill: entry.color)
            }
            canvas.text(lines, x: lx + 26, y: ly)
            canvas.close()
            ly += Double(lines.count - 1) * FigureStyle.font * 1.25
            lx += entryWidth
        }
        return ly + 10
    }

    /// A grey italic note, wrapped; returns the y below it.
    static func note(_ text: String, x: Double, y: Double, width: Double, on canvas: inout SVGCanvas, cls: String = "note") -> Double {
        let lines = FigureStyle.wrap(text, width: width, size: FigureStyle.small)
        canvas.text(lines, x: x, y: y, size: FigureStyle.small, italic: true, fill: FigureStyle.muted, cls: cls)
        return y + Double(lines.count) * FigureStyle.small * 1.25
    }
}
