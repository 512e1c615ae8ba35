import OutcomesClinical
import OutcomesSurvival

/// Where the report asks for its figures. Each returns (file name under `figures/`, SVG), or nothing while the
/// figure type is not available; counts arrive already formatted (suppressed where needed).
enum FigureHooks {
    static func flow(scale: Scale, rows: [(label: String, count: String, exits: [(reason: String, count: String)])]) -> [(name: String, svg: String)] {
        []
    }
}

extension FigureHooks {
    static func waterfall(scale: Scale, percentChanges: [Double], rules: ScaleRules, policy: SmallCellPolicy) -> (name: String, svg: String)? { nil }

    /// Time to first response as a rising cumulative-incidence curve with its band and the number at risk; the
    /// axis stops at the last tick with at least the suppression threshold at risk.
    static func firstResponse(scale: Scale, curve: CumulativeIncidenceCurve, policy: SmallCellPolicy) -> (name: String, svg: String)? {
        guard let last = curve.rows.last?.time, last > 0, !policy.hides(Int((curve.rows.first?.atRisk ?? 0).rounded())) else { return nil }
        let atRisk = { (t: Double) in curve.rows.first { $0.time >= t }?.atRisk ?? 0 }
        var ticks = FigureScale.ticks(upTo: min(last, 42))
        if let threshold = policy.threshold {
            while ticks.count > 2, let t = ticks.last, atRisk(t) < Double(threshold) { ticks.removeLast() }
        }
        let end = ticks.last ?? last
        let rows = curve.rows.filter { $0.time <= end }
        var figure = SurvivalFigure(title: "Time to first response (\(scale.id)), cumulative incidence",
                                    xLabel: "days since the first induction infusion", yLabel: "responded",
                                    curves: [FigureCurve(label: "first response", times: rows.map(\.time), values: rows.map(\.estimate),
                                                         lower: rows.map(\.lower), upper: rows.map(\.upper), start: 0,
                                                         censorTimes: rows.filter { $0.censored > 0 }.map(\.time))],
                                    xTicks: ticks)
        figure.xMax = end
        figure.rising = true
        figure.riskBlocks = [FigureRiskBlock(heading: "Number at risk", rows: [ticks.map(atRisk)])]
        return ("first_response_\(scale == .phq9 ? "phq9" : "madrs").svg", figure.svg())
    }
}

extension FigureHooks {
    static func trajectory(scale: Scale, fit: TrajectoryFit, sample: [[(infusion: Int, score: Double)]], policy: SmallCellPolicy) -> (name: String, svg: String)? { nil }
}

extension FigureHooks {
    static func trend(panels: [(title: String, points: [(quarter: String, estimate: RateEstimate?)])]) -> (name: String, svg: String)? { nil }

    static func maintenanceForest(scale: Scale, rows: [RelapseHazardRatio]) -> (name: String, svg: String)? { nil }
}
