/// A CONSORT-style patient flow: one box per step from top to bottom joined by arrows, and beside each gap a box
/// listing the reasons for leaving after that step with their counts. Counts arrive formatted (already suppressed).
public struct FlowDiagram: Sendable {
    public struct Exit: Sendable {
        public var reason: String
        public var count: String
        public init(reason: String, count: String) { self.reason = reason; self.count = count }
    }
    public struct Step: Sendable {
        public var label: String
        public var count: String
        public var exits: [Exit]
        public init(label: String, count: String, exits: [Exit]) { self.label = label; self.count = count; self.exits = exits }
    }
    public var title: String
    public var steps: [Step]

    public init(title: String, steps: [Step]) { self.title = title; self.steps = steps }

    /// The SVG: groups `flow-step` (box, label, `flow-count`) and `flow-exit` (box, `exit-reason`, `exit-count`),
    /// arrows `flow-arrow`.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let m = FigureStyle.margin, font = FigureStyle.font, small = FigureStyle.small
        let stepX = m, stepW = 236.0
        let exitX = stepX + stepW + 44, exitW = canvas.width - m - exitX
        let centerX = stepX + stepW / 2
        var y = FigureParts.title(title, on: &canvas) + 6
        if steps.isEmpty {
            _ = FigureParts.note("No steps to show.", x: m, y: y + 10, width: canvas.width - 2 * m, on: &canvas, cls: "not-estimable")
            return canvas.document(height: y + 30, title: title)
        }
        var bottom = y
        for (i, step) in steps.enumerated() {
            // The step's box: its label (wrapped) and "n = count" in bold.
            let labelLines = FigureStyle.wrap(step.label, width: stepW - 20, size: font)
            let boxH = 12 + Double(labelLines.count) * font * 1.25 + font * 1.3 + 6
            canvas.open("flow-step", label: step.label)
            canvas.rect(stepX, y, stepW, boxH, fill: "#eef4fa", stroke: FigureStyle.color(0), rx: 3)
            canvas.text(labelLines, x: centerX, y: y + 12 + font, anchor: .middle, cls: "flow-label")
            canvas.text("n = " + step.count, x: centerX, y: y + 12 + font + Double(labelLines.count) * font * 1.25, anchor: .middle, bold: true, cls: "flow-count")
            canvas.close()
            let boxBottom = y + boxH
            bottom = max(bottom, boxBottom)

            // The exits: reason wrapped on the left, count right-aligned on the reason's first line.
            let countW = (step.exits.map { FigureStyle.textWidth($0.count, size: small) }.max() ?? 0)
            let reasonW = exitW - 20 - countW - 10
            let exitLines = step.exits.map { FigureStyle.wrap($0.reason, width: reasonW - 10, size: small) }
            let lineH = small * 1.3
            let exitH = step.exits.isEmpty ? 0 : 10 + Double(exitLines.reduce(0) { $0 + $1.count }) * lineH + 4
            let isLast = i == steps.count - 1
            let gap = isLast ? 0 : max(38, exitH + 24)
            if !step.exits.isEmpty {
                // Between two steps the exit box sits in the gap, fed from the connector; after the last step it
                // sits beside the box, fed from its side.
                let exitTop = isLast ? y : boxBottom + (gap - exitH) / 2
                let arrowY = isLast ? y + boxH / 2 : exitTop + min(exitH / 2, 24)
                canvas.open("flow-exit", label: "Left after: " + step.label)
                canvas.rect(exitX, exitTop, exitW, exitH, fill: "#f7f7f7", stroke: "#888888", rx: 3)
                var ly = exitTop + 10 + small
                for (exit, lines) in zip(step.exits, exitLines) {
                    canvas.text(lines, x: exitX + 10, y: ly, size: small, lineHeight: lineH, hangingIndent: 10, cls: "exit-reason")
                    canvas.text(exit.count, x: exitX + exitW - 10, y: ly, size: small, anchor: .end, bold: true, cls: "exit-count")
                    ly += Double(lines.count) * lineH
                }
                canvas.close()
                let fromX = isLast ? stepX + stepW : centerX
                canvas.path([(fromX, arrowY), (exitX - 6, arrowY)], stroke: "#888888", width: 1.2, cls: "flow-arrow")
                canvas.path([(exitX - 7, arrowY - 4), (exitX, arrowY), (exitX - 7, arrowY + 4)], stroke: nil, fill: "#888888", close: true)
                bottom = max(bottom, exitTop + exitH)
            }
            if !isLast {
                let nextTop = boxBottom + gap
                canvas.path([(centerX, boxBottom), (centerX, nextTop - 6)], stroke: "#555555", width: 1.2, cls: "flow-arrow")
                canvas.path([(centerX - 4, nextTop - 7), (centerX, nextTop), (centerX + 4, nextTop - 7)], stroke: nil, fill: "#555555", close: true)
                y = nextTop
            }
        }
        return canvas.document(height: bottom + m, title: title)
    }
}
