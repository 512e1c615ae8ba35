import OutcomesClinical
import OutcomesSurvival

/// Where the report asks for its figures. Each returns (file name under `figures/`, SVG); counts arrive already
/// formatted (suppressed where needed), and every text node is escaped by the figures (SVGText.escape).
enum FigureHooks {
    static func scaleTag(_ scale: Scale) -> String { scale == .phq9 ? "phq9" : "madrs" }

    /// The CONSORT-style flow diagram of one scale.
    static func flow(scale: Scale, rows: [(label: String, count: String, exits: [(reason: String, count: String)])]) -> [(name: String, svg: String)] {
        guard !rows.isEmpty else { return [] }
        let diagram = FlowDiagram(title: "Patient flow through the first induction series (\(scale.id))",
                                  steps: rows.map { r in
                                      FlowDiagram.Step(label: r.label, count: r.count,
                                                       exits: r.exits.map { FlowDiagram.Exit(reason: $0.reason, count: $0.count) })
                                  })
        return [("patient_flow_\(scaleTag(scale)).svg", diagram.svg())]
    }

    /// Percent change from baseline per patient, sorted, with the response and partial-response lines.
    /// No figure when the bars would count fewer patients than the suppression threshold (bars can be counted).
    static func waterfall(scale: Scale, percentChanges: [Double], rules: ScaleRules, policy: SmallCellPolicy) -> (name: String, svg: String)? {
        guard !percentChanges.isEmpty, !policy.hides(percentChanges.count) else { return nil }
        let figure = WaterfallFigure(title: "Change from baseline to the end of the first induction series (\(scale.id)), one bar per patient",
                                     yLabel: "percent change from baseline", values: percentChanges,
                                     referenceLines: [.init(value: -rules.responsePercentReduction, label: "response (−\(Formatting.compact(rules.responsePercentReduction)) %)"),
                                                      .init(value: -rules.partialResponsePercentReduction, label: "partial response (−\(Formatting.compact(rules.partialResponsePercentReduction)) %)")])
        return ("waterfall_\(scaleTag(scale)).svg", figure.svg())
    }

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
        return ("first_response_\(scaleTag(scale)).svg", figure.svg())
    }

    /// MMRM means with intervals by diagnosis, over thin grey lines of a sample of patients (no identifiers).
    /// The sample's lines are left out when they would number fewer than the suppression threshold.
    static func trajectory(scale: Scale, fit: TrajectoryFit, sample: [[(infusion: Int, score: Double)]], policy: SmallCellPolicy) -> (name: String, svg: String)? {
        guard !fit.byDiagnosis.isEmpty else { return nil }
        let sample = policy.hides(sample.count) ? [] : sample
        let figure = TrajectoryFigure(title: "\(scale.id) before each induction infusion: model means by diagnosis, with a sample of patients",
                                      xLabel: "induction infusion", yLabel: "\(scale.id) total",
                                      series: fit.byDiagnosis.map { d in
                                          TrajectoryFigure.Series(label: d.diagnosis.rawValue, points: d.points.map {
                                              TrajectoryFigure.MeanPoint(x: Double($0.infusion), mean: $0.mean, lower: $0.lower, upper: $0.upper)
                                          })
                                      },
                                      individuals: sample.map { $0.map { (x: Double($0.infusion), y: $0.score) } })
        return ("trajectories_\(scaleTag(scale)).svg", figure.svg())
    }

    /// One panel per headline measure, a point with its interval per quarter (hidden or not estimable: no point).
    static func trend(panels: [(title: String, points: [(quarter: String, estimate: RateEstimate?)])]) -> (name: String, svg: String)? {
        guard !panels.isEmpty else { return nil }
        let figure = SmallMultiplesFigure(title: "Headline rates by quarter of the first induction, all sites", yLabel: "proportion",
                                          panels: panels.map { p in
                                              SmallMultiplesFigure.Panel(title: p.title, points: p.points.map { q in
                                                  SmallMultiplesFigure.Point(category: q.quarter, estimate: q.estimate?.count.rate,
                                                                             lower: q.estimate?.lower, upper: q.estimate?.upper)
                                              })
                                          }, yRange: 0...1, columns: 2)
        return ("trend.svg", figure.svg())
    }

    /// The maintenance hazard ratios as a forest (log scale, reference 1).
    static func maintenanceForest(scale: Scale, rows: [RelapseHazardRatio]) -> (name: String, svg: String)? {
        guard !rows.isEmpty else { return nil }
        func label(_ r: RelapseHazardRatio) -> String { r.adjustment == "none" ? "\(r.label), unadjusted" : "\(r.label), adjusted for \(r.adjustment)" }
        let figure = ForestFigure(title: "Hazard ratio of relapse, maintenance vs as-needed (\(scale.id))", xLabel: "hazard ratio (log scale)",
                                  rows: rows.map { r in
                                      r.notEstimable == nil
                                          ? ForestFigure.Row(label: label(r), estimate: r.term.hazardRatio,
                                                             lower: r.term.hazardRatioLower, upper: r.term.hazardRatioUpper, note: nil)
                                          : ForestFigure.Row(label: label(r), estimate: nil, lower: nil, upper: nil,
                                                             note: "not estimable: \(r.notEstimable!)")
                                  }, reference: 1, logScale: true)
        return ("maintenance_forest_\(scaleTag(scale)).svg", figure.svg())
    }
}
