import ArgumentParser
import InfusionOutcomes

/// `outcomes survival cuminc`: cumulative incidence of competing causes and Gray's test.
struct SurvivalCumIncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cuminc",
        abstract: "Cumulative incidence of competing causes (Aalen–Johansen, as R's survfit on a multi-state outcome) and Gray's test.",
        discussion: "Example: outcomes survival cuminc --data mgus2.csv --time etime --status event --group sex --plot cif.svg"
    )

    @OptionGroup var input: SurvivalInputOptions
    @Option(help: "Column with the exit (event or censoring) time.")
    var time: String
    @Option(help: "Column with the status: 0 = censored, every other value names a cause.")
    var status: String
    @Option(help: "Column with the groups (a curve per group and cause; Gray's test between the groups).")
    var group: String?
    @Option(help: "Column with strata for Gray's test.")
    var strata: String?
    @Option(help: "Times at which to report the estimates, comma-separated or repeated.")
    var times: [String] = []
    @Flag(help: "Also print the full curves in the text output.")
    var curve = false
    @Option(help: "Write a cumulative incidence figure (SVG) to this file.")
    var plot: String?
    @Option(name: .customLong("plot-title"), help: "Figure title.")
    var plotTitle: String?
    @Option(name: .customLong("x-label"), help: "Figure x-axis label (default: the time column).")
    var xLabel: String?
    @Option(name: .customLong("x-max"), help: "Figure x-axis end (default: the last time).")
    var xMax: Double?
    @Flag(name: .customLong("no-band"), help: "Figure: leave out the confidence bands.")
    var noBand = false

    func run() throws {
        var r = try input.request(.cuminc, time: time, event: status)
        r.group = group
        r.strata = strata
        r.showCurve = curve
        r.riskTimes = try SurvivalArguments.splitList(times).map { s in
            guard let v = Double(s) else { throw ValidationError("--times: '\(s)' is not a number") }
            return v
        }
        if plot == nil && [plotTitle != nil, xLabel != nil, xMax != nil, noBand].contains(true) {
            throw ValidationError("the figure options need --plot FILE.svg")
        }
        if plot != nil {
            var o = SurvivalPlotOptions()
            o.title = plotTitle
            o.xLabel = xLabel
            o.xMax = xMax
            o.band = !noBand
            r.plot = o
        }
        try input.execute(r, plot: plot)
    }
}
