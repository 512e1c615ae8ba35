import ArgumentParser
import InfusionOutcomes

/// `outcomes survival km`: Kaplan–Meier curves, medians, number at risk, and the figure.
struct SurvivalKMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier curves: n, events and median with its interval per group (R's print.survfit); Turnbull curves with --left/--right.",
        discussion: "Example: outcomes survival km --data lung.csv --time time --event status --group sex --plot km.svg"
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalEitherOutcomeOptions
    @OptionGroup var groups: SurvivalGroupOptions
    @Option(help: "Survival estimator: kaplan-meier, or fleming-harrington (exp of minus the Nelson–Aalen cumulative hazard).")
    var estimator: SurvivalEstimator = .kaplanMeier
    @Option(name: .customLong("conf-type"), help: "Interval transform: log, log-log, plain, logit or arcsin.")
    var confType: ConfidenceTransform = .log
    @Option(help: "Turnbull computation with --left/--right: em-icm (the NPMLE, default) or survfit (R's iteration and stopping rule).")
    var turnbull: TurnbullAlgorithm?
    @Option(help: "Times for the number-at-risk table, comma-separated or repeated.")
    var times: [String] = []
    @Flag(help: "Also print the full curve in the text output.")
    var curve = false
    @Option(help: "Write a publication figure (SVG) to this file.")
    var plot: String?
    @Option(name: .customLong("plot-title"), help: "Figure title.")
    var plotTitle: String?
    @Option(name: .customLong("x-label"), help: "Figure x-axis label (default: the time column).")
    var xLabel: String?
    @Option(name: .customLong("x-max"), help: "Figure x-axis end (default: the last time).")
    var xMax: Double?
    @Flag(name: .customLong("median-lines"), help: "Figure: dashed drop lines at the medians.")
    var medianLines = false
    @Flag(name: .customLong("cumulative-events"), help: "Figure: cumulative number of events under the number at risk.")
    var cumulativeEvents = false
    @Flag(name: .customLong("cumulative-censored"), help: "Figure: cumulative number censored under the number at risk.")
    var cumulativeCensored = false
    @Flag(name: .customLong("no-band"), help: "Figure: leave out the confidence band.")
    var noBand = false

    func run() throws {
        var r = try outcome.request(.km, input)
        r.group = groups.group
        r.strata = groups.strata
        r.confType = confType
        r.estimator = estimator
        r.showCurve = curve
        if let turnbull {
            guard outcome.left != nil else { throw ValidationError("--turnbull goes with --left/--right") }
            r.turnbullAlgorithm = turnbull
        }
        r.riskTimes = try SurvivalArguments.splitList(times).map { s in
            guard let v = Double(s) else { throw ValidationError("--times: '\(s)' is not a number") }
            return v
        }
        let figureOptions = [plotTitle != nil, xLabel != nil, xMax != nil, medianLines, cumulativeEvents, cumulativeCensored, noBand]
        if plot == nil && figureOptions.contains(true) { throw ValidationError("the figure options need --plot FILE.svg") }
        if plot != nil {
            var o = SurvivalPlotOptions()
            o.title = plotTitle
            o.xLabel = xLabel
            o.xMax = xMax
            o.medianLines = medianLines
            o.cumulativeEvents = cumulativeEvents
            o.cumulativeCensored = cumulativeCensored
            o.band = !noBand
            r.plot = o
        }
        try input.execute(r, plot: plot)
    }
}
