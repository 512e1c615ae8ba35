import Foundation
import OutcomesText
import OutcomesLinearAlgebra
import OutcomesDistributions
import OutcomesSurvival
import OutcomesModels

/// The outcome models of the strategy comparison, each maintenance (1) vs as-needed (0).
enum StrategyOutcomes {
    static let day12w = 84.0
    static let day26w = 182.0

    /// Whether relapse is common enough (≥ 15 % observed) that the E-value converts the hazard ratio to a risk
    /// ratio first (VanderWeele & Ding 2017, Table 2).
    static func eValueOutcome(events: Int, n: Int) -> EValueOutcome {
        n > 0 && Double(events) / Double(n) >= 0.15 ? .common : .rare
    }

    /// Cox hazard ratio (Efron ties) of maintenance; robust (sandwich) variance when weighted, clustered by
    /// patient when rows are intervals of one patient.
    static func hazardRatio(_ analysis: StrategyAnalysis, exit: [Double], event: [Bool], maintenance: [Bool],
                            weights: [Double]?, entry: [Double]? = nil, clusters: [String]? = nil,
                            patients: Int, level: Double, warnings: [String], method: String) -> StrategyEstimate {
        let events = event.filter { $0 }.count
        do {
            let data = try SurvivalData(exit: exit, event: event, entry: entry, weights: weights)
            let x = try Matrix(rows: exit.count, columns: 1, columnMajor: maintenance.map { $0 ? 1 : 0 })
            var options = CoxOptions()
            options.level = level
            options.robust = weights != nil
            let model = try CoxRegression.fit(covariates: x, names: ["maintenance"], data: data,
                                              clusters: clusters.map { Grouping(labels: $0) }, options: options)
            guard let term = model.terms.first else { throw SurvivalError.invalidArgument("no estimable term") }
            if let why = Estimability.coxTerm(term, events: events, warnings: model.warnings) {
                return .notEstimable(analysis, .hazardRatio, n: patients, events: events, reason: why, warnings: warnings, method: method)
            }
            let e = term.eValue(outcome: eValueOutcome(events: events, n: patients))
            return StrategyEstimate(analysis: analysis, measure: .hazardRatio, estimate: term.hazardRatio, lower: term.hazardRatioLower,
                                    upper: term.hazardRatioUpper, p: term.pValue, n: patients, events: events,
                                    warnings: warnings + model.warnings, eValue: e?.estimate, eValueLimit: e?.limit, method: method)
        } catch {
            return .notEstimable(analysis, .hazardRatio, n: patients, events: events, reason: "\(error)", warnings: warnings, method: method)
        }
    }

    /// Kaplan–Meier curve of one strategy (weighted when weights are given), with the relapse-free probability
    /// at 12 and 26 weeks and the RMST to 26 weeks; nil where follow-up ends before the time.
    static func curve(_ analysis: StrategyAnalysis, _ strategy: TreatmentStrategy, days: [Double], event: [Bool],
                      weights: [Double]?, level: Double) -> (StrategyCurve, KaplanMeierCurve)? {
        guard !days.isEmpty, let data = try? SurvivalData(exit: days, event: event, weights: weights),
              let fit = try? KaplanMeier.fit(data, level: level, variance: .greenwood).first else { return nil }
        let last = days.max() ?? 0
        func at(_ t: Double) -> Double? { last >= t ? fit.riskTable(at: [t])[0].survival : nil }
        let rmst = last >= day26w ? (try? RestrictedMeanSurvival.estimate(fit, tau: day26w, level: level))?.estimate : nil
        let steps = [(day: 0.0, survival: 1.0)] + fit.rows.filter { $0.events > 0 }.map { (day: $0.time, survival: $0.survival) }
        return (StrategyCurve(analysis: analysis, strategy: strategy, n: days.count, events: event.filter { $0 }.count, steps: steps,
                              relapseFree12w: at(day12w), relapseFree26w: at(day26w), rmst26w: rmst), fit)
    }

    /// Relapse-free probability at 12 weeks and RMST to 26 weeks, maintenance minus as-needed, from the two
    /// curves, or nil.
    static func differences(days: [Double], event: [Bool], maintenance: [Bool], weights: [Double]?) -> [Double?] {
        func group(_ m: Bool) -> (StrategyCurve, KaplanMeierCurve)? {
            let idx = days.indices.filter { maintenance[$0] == m }
            return curve(.iptw, m ? .maintenance : .asNeeded, days: idx.map { days[$0] }, event: idx.map { event[$0] },
                         weights: weights.map { w in idx.map { w[$0] } }, level: 0.95)
        }
        guard let a = group(true)?.0, let b = group(false)?.0 else { return [nil, nil] }
        let rmst: Double? = a.rmst26w.flatMap { x in b.rmst26w.map { x - $0 } }
        let s12: Double? = a.relapseFree12w.flatMap { x in b.relapseFree12w.map { x - $0 } }
        return [rmst, s12]
    }

    /// ``differences(days:event:maintenance:weights:)`` of the resampled rows `sample` (participant indices, with
    /// repeats) whose weights are `weights` (in sample order), from the participants' presorted curves: a
    /// participant's copies share one weight, so each participant enters once, weighted by its copies.
    static func differences(_ curves: ReweightedKaplanMeier, sample: [Int], weights: [Double]) -> [Double?] {
        var count = [Int](repeating: 0, count: curves.rows), weight = [Double](repeating: 0, count: curves.rows)
        for (k, i) in sample.enumerated() {
            // Weights the Kaplan–Meier fit would refuse make the replicate not computable there too.
            guard weights[k].isFinite && weights[k] >= 0 else { return [nil, nil] }
            count[i] += 1
            weight[i] = weights[k]
        }
        let summaries = curves.summaries(count: count, weight: weight, at: day12w, tau: day26w)
        guard let a = summaries[1], let b = summaries[0] else { return [nil, nil] }
        let rmst: Double? = a.lastTime >= day26w && b.lastTime >= day26w ? a.restrictedMean - b.restrictedMean : nil
        let s12: Double? = a.lastTime >= day12w && b.lastTime >= day12w ? a.survival - b.survival : nil
        return [rmst, s12]
    }

    /// Unadjusted RMST and 12-week differences with the published variance formulas: the RMST's Greenwood-based
    /// variance (survRM2 / R's survmean) and Greenwood's variance of each Kaplan–Meier probability.
    static func unadjustedDifferences(days: [Double], event: [Bool], maintenance: [Bool], patients: Int, level: Double) -> [StrategyEstimate] {
        let z = Normal.quantile(1 - (1 - level) / 2)
        let events = event.filter { $0 }.count
        func fit(_ m: Bool) -> (KaplanMeierCurve, Double)? {
            let idx = days.indices.filter { maintenance[$0] == m }
            guard let data = try? SurvivalData(exit: idx.map { days[$0] }, event: idx.map { event[$0] }),
                  let c = try? KaplanMeier.fit(data, level: level, variance: .greenwood).first else { return nil }
            return (c, idx.map { days[$0] }.max() ?? 0)
        }
        let rmstMethod = "Kaplan–Meier RMST to 182 days, difference with the Greenwood-based variance (survRM2, R survmean); normal interval"
        let s12Method = "Kaplan–Meier relapse-free probability at 84 days, difference with Greenwood variances; normal interval"
        guard let (m, mLast) = fit(true), let (a, aLast) = fit(false) else {
            return [.notEstimable(.unadjusted, .rmstDifference26w, n: patients, events: events, reason: "a strategy has no patients", method: rmstMethod),
                    .notEstimable(.unadjusted, .relapseFree12w, n: patients, events: events, reason: "a strategy has no patients", method: s12Method)]
        }
        var out: [StrategyEstimate] = []
        if mLast >= day26w, aLast >= day26w,
           let rm = try? RestrictedMeanSurvival.estimate(m, tau: day26w, level: level),
           let ra = try? RestrictedMeanSurvival.estimate(a, tau: day26w, level: level) {
            let c = RestrictedMeanSurvival.compare(ra, rm, level: level)
            out.append(StrategyEstimate(analysis: .unadjusted, measure: .rmstDifference26w, estimate: c.difference, lower: c.differenceLower,
                                        upper: c.differenceUpper, p: Bootstrap.pValue(estimate: c.difference, standardError: c.differenceStandardError),
                                        n: patients, events: events, warnings: [], method: rmstMethod))
        } else {
            out.append(.notEstimable(.unadjusted, .rmstDifference26w, n: patients, events: events,
                                     reason: "follow-up of a strategy ends before 182 days", method: rmstMethod))
        }
        func at(_ c: KaplanMeierCurve, _ t: Double) -> (Double, Double) {
            guard let row = c.rows.last(where: { $0.time <= t }) else { return (1, 0) }
            return (row.survival, row.standardError)
        }
        if mLast >= day12w, aLast >= day12w {
            let (sm, sem) = at(m, day12w), (sa, sea) = at(a, day12w)
            let d = sm - sa, se = (sem * sem + sea * sea).squareRoot()
            out.append(StrategyEstimate(analysis: .unadjusted, measure: .relapseFree12w, estimate: d, lower: d - z * se, upper: d + z * se,
                                        p: Bootstrap.pValue(estimate: d, standardError: se), n: patients, events: events, warnings: [], method: s12Method))
        } else {
            out.append(.notEstimable(.unadjusted, .relapseFree12w, n: patients, events: events,
                                     reason: "follow-up of a strategy ends before 84 days", method: s12Method))
        }
        return out
    }

    /// Infusions per patient-year: Poisson regression of the infusion count on maintenance with offset log(years
    /// observed), weighted when weights are given, with the sandwich (HC0) variance.
    static func rateRatio(_ analysis: StrategyAnalysis, counts: [Int], years: [Double], maintenance: [Bool], weights: [Double]?,
                          level: Double, warnings: [String]) -> StrategyEstimate {
        let method = "Poisson regression of infusions after time zero on strategy, offset log(patient-years observed)"
            + (weights == nil ? ", model-based variance" : ", IPT-weighted, sandwich (HC0) variance") + "; Wald interval"
        let keep = years.indices.filter { years[$0] > 0 }
        let n = keep.count
        guard n > 0, Set(keep.map { maintenance[$0] }).count == 2 else {
            return .notEstimable(analysis, .rateRatioInfusions, n: n, events: nil, reason: "both strategies need patients with time observed",
                                 warnings: warnings, method: method)
        }
        do throws(ModelError) {
            var x = Matrix(rows: n, columns: 2, repeating: 1)
            for (i, k) in keep.enumerated() { x[i, 1] = maintenance[k] ? 1 : 0 }
            var options = GLMOptions(family: .poisson)
            options.level = level
            options.robust = weights != nil
            let fit = try GeneralizedLinearModel.fit(design: x, names: ["(Intercept)", "maintenance"], y: keep.map { Double(counts[$0]) },
                                                     weights: weights.map { w in keep.map { w[$0] } },
                                                     offset: keep.map { log(years[$0]) }, options: options)
            guard let c = fit.coefficients.last, let b = c.estimate, let se = c.robustStandardError ?? c.standardError else {
                return .notEstimable(analysis, .rateRatioInfusions, n: n, events: nil, reason: "the strategy term is aliased", warnings: warnings, method: method)
            }
            let z = Normal.quantile(1 - (1 - level) / 2)
            return StrategyEstimate(analysis: analysis, measure: .rateRatioInfusions, estimate: exp(b), lower: exp(b - z * se), upper: exp(b + z * se),
                                    p: 2 * Normal.sf(abs(b / se)), n: n, events: keep.map { counts[$0] }.reduce(0, +),
                                    warnings: warnings + fit.notes, method: method)
        } catch {
            return .notEstimable(analysis, .rateRatioInfusions, n: n, events: nil, reason: error.description, warnings: warnings, method: method)
        }
    }
}
