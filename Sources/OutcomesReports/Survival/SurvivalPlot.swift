import OutcomesSurvival

/// What `outcomes survival km --plot` draws besides the curves.
public struct SurvivalPlotOptions: Sendable {
    /// Figure title (default: "Kaplan–Meier survival" and the group column).
    public var title: String? = nil
    /// x-axis label (default: the time column).
    public var xLabel: String? = nil
    /// y-axis label.
    public var yLabel: String = "Survival probability"
    /// Right end of the x axis (default: the last time of any curve).
    public var xMax: Double? = nil
    /// The confidence band.
    public var band: Bool = true
    /// Dashed drop lines at the medians.
    public var medianLines: Bool = false
    /// The cumulative number of events under the number at risk (KMunicate).
    public var cumulativeEvents: Bool = false
    /// The cumulative number censored under the number at risk (KMunicate).
    public var cumulativeCensored: Bool = false

    public init() {}
}

/// Builds the Kaplan–Meier figure from fitted curves: the drawing itself is the shared ``SurvivalFigure``.
enum SurvivalPlot {
    static func kaplanMeier(_ curves: [KaplanMeierCurve], options o: SurvivalPlotOptions, group: String?, time: String,
                            logRankP: Double?) -> String {
        let last = curves.compactMap { $0.rows.last?.time }.max() ?? 1
        let end = o.xMax ?? last
        let ticks = FigureScale.ticks(upTo: end)
        let figureCurves = curves.map { c in
            FigureCurve(label: c.label, times: c.rows.map(\.time), values: c.rows.map(\.survival),
                        lower: o.band ? c.rows.map(\.lower) : nil, upper: o.band ? c.rows.map(\.upper) : nil,
                        censorTimes: c.rows.filter { $0.censored > 0 }.map(\.time), median: c.median.estimate)
        }
        var figure = SurvivalFigure(title: o.title ?? ("Kaplan–Meier survival" + (group.map { " by \($0)" } ?? "")),
                                    xLabel: o.xLabel ?? time, yLabel: o.yLabel, curves: figureCurves, xTicks: ticks)
        // Labels "group=level" all of one column: the column becomes the legend title, the curves keep the levels.
        if let group, figureCurves.allSatisfy({ $0.label.hasPrefix(group + "=") }) {
            figure.legendTitle = group
            for k in figure.curves.indices { figure.curves[k].label.removeFirst(group.count + 1) }
        }
        figure.xMax = end
        figure.medianLines = o.medianLines
        figure.annotation = logRankP.map { "Log-rank p " + pText($0) }
        // The count rows keep the full "group=level" labels, as survminer's risk table does.
        let labels = curves.map(\.label)
        figure.riskBlocks = [FigureRiskBlock(heading: "Number at risk", rows: curves.map { c in c.riskTable(at: ticks).map(\.atRisk) }, labels: labels)]
        if o.cumulativeEvents {
            figure.riskBlocks.append(FigureRiskBlock(heading: "Cumulative number of events", rows: curves.map { cumulative($0, ticks, \.events) }, labels: labels))
        }
        if o.cumulativeCensored {
            figure.riskBlocks.append(FigureRiskBlock(heading: "Cumulative number censored", rows: curves.map { cumulative($0, ticks, \.censored) }, labels: labels))
        }
        return figure.svg()
    }

    /// Cumulative incidence curves (rising from 0), one per group and cause; the number at risk per group.
    static func cumulativeIncidence(_ curves: [CumulativeIncidenceCurve], options o: SurvivalPlotOptions, time: String,
                                    gray: [GrayTest]) -> String {
        let last = curves.compactMap { $0.rows.last?.time }.max() ?? 1
        let end = o.xMax ?? last
        let ticks = FigureScale.ticks(upTo: end)
        let single = Set(curves.map(\.stratum)).count == 1
        let figureCurves = curves.map { c in
            FigureCurve(label: single ? "cause \(c.cause)" : "\(c.stratum), cause \(c.cause)", times: c.rows.map(\.time),
                        values: c.rows.map(\.estimate), lower: o.band ? c.rows.map(\.lower) : nil, upper: o.band ? c.rows.map(\.upper) : nil,
                        start: 0)
        }
        var figure = SurvivalFigure(title: o.title ?? "Cumulative incidence", xLabel: o.xLabel ?? time,
                                    yLabel: o.yLabel == SurvivalPlotOptions().yLabel ? "Cumulative incidence" : o.yLabel,
                                    curves: figureCurves, xTicks: ticks)
        figure.xMax = end
        figure.rising = true
        // Censoring marks are left out: with several causes per group they would repeat on every curve.
        let estimable = gray.compactMap { g in g.test.map { (g.cause, $0.pValue) } }
        if !estimable.isEmpty {
            figure.annotation = "Gray's test: " + estimable.map { "cause \($0.0) p " + pText($0.1) }.joined(separator: "; ")
        }
        // One at-risk row per group (the first cause's curve of each group carries it).
        var labels: [String] = [], rows: [[Double]] = []
        for c in curves where !labels.contains(c.stratum) {
            labels.append(c.stratum)
            rows.append(ticks.map { t in c.rows.first { $0.time >= t }?.atRisk ?? 0 })
        }
        var block = FigureRiskBlock(heading: "Number at risk", rows: rows)
        block.labels = labels
        figure.riskBlocks = [block]
        return figure.svg()
    }

    /// Running total of a count up to and including each tick.
    static func cumulative(_ c: KaplanMeierCurve, _ ticks: [Double], _ count: KeyPath<KaplanMeierRow, Double>) -> [Double] {
        ticks.map { t in c.rows.filter { $0.time <= t }.reduce(0) { $0 + $1[keyPath: count] } }
    }

    /// A p-value as journals print it: "= 0.012", "= 0.350", "< 0.001".
    static func pText(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : "= " + Formatting.fixed(p, 3)
    }
}
