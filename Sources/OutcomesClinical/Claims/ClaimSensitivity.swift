/// One row of a verdict's sensitivity table: the claim checked under one defensible alternative definition.
public struct SensitivityRow: Sendable, Equatable {
    /// The alternative, in words (e.g. "relapse window 60 days").
    public let definition: String
    public let observed: Double?
    public let lower: Double?
    public let upper: Double?
    public let n: Int?
    public let verdict: Verdict
}

extension ClaimVerdict {
    /// Whether some alternative definition changes the verdict between supported, consistent and contradicted.
    public var fragile: Bool {
        let decided: Set<Verdict> = [.supported, .consistent, .contradicted]
        guard decided.contains(verdict) else { return false }
        return sensitivity.contains { decided.contains($0.verdict) && $0.verdict != verdict }
    }
}

/// Re-checks each verdict under the alternative definitions the plan declares (`sensitivity.*`):
/// series endpoints (response, partial response, remission; equivalence of response rates) at each
/// `end_of_series_min_hours_after` and by intention to treat; tolerability under the other definition;
/// relapse claims (median days, maintenance comparison) at each `relapse_max_days_apart`, on a single score,
/// with re-induction counted the other way, and interval-censored (Weibull median or hazard ratio on the
/// relapse table's interval form). Claims of other kinds have no alternatives and are never fragile.
public enum ClaimSensitivity {
    /// The verdicts with their sensitivity rows filled in.
    public static func attach(_ verdicts: [ClaimVerdict], tables: DerivedTables) -> [ClaimVerdict] {
        let plan = tables.plan
        // Each alternative plan is derived once, however many claims use it.
        var derived: [(plan: AnalysisPlan, tables: DerivedTables)] = [(plan, tables)]
        func tablesFor(_ p: AnalysisPlan) -> DerivedTables {
            if let hit = derived.first(where: { $0.plan == p }) { return hit.tables }
            let t = ClinicalDerivation.derive(tables.patients, plan: p)
            derived.append((p, t))
            return t
        }
        return verdicts.map { v in
            var v = v
            v.sensitivity = rows(for: v.claim, plan: plan, tablesFor: tablesFor)
            return v
        }
    }

    static func row(_ definition: String, _ v: ClaimVerdict) -> SensitivityRow {
        SensitivityRow(definition: definition, observed: v.observed, lower: v.lower, upper: v.upper, n: v.n, verdict: v.verdict)
    }

    static func rows(for claim: Claim, plan: AnalysisPlan, tablesFor: (AnalysisPlan) -> DerivedTables) -> [SensitivityRow] {
        var result: [SensitivityRow] = []
        let hours = plan.sensitivityEndOfSeriesHours.filter { $0 != plan.endOfSeriesMinimumHours }
        switch claim.check {
        case let .proportion(metric, population, claimed, direction, window) where [.response, .partialResponse, .remission].contains(metric):
            for h in hours {
                var p = plan
                p.endOfSeriesMinimumHours = h
                result.append(row("end of series at least \(PlanNumber.format(h)) hours after the last infusion's start",
                                  ClaimEvaluation.evaluate(claim, tables: tablesFor(p))))
            }
            if plan.sensitivityIntentionToTreat {
                let count = tablesFor(plan).count(metric, scale: population.instrument, diagnoses: population.selection, windowMinutes: window,
                                                      priorFailuresAtLeast: population.priorTreatmentsFailedAtLeast)
                result.append(row("intention to treat (patients without an endpoint count as not responding)",
                                  ClaimEvaluation.proportion(claim, count: count.intentionToTreat, claimed: claimed, direction: direction, plan: plan)))
            }
        case let .equivalence(metric, instrument, groupA, groupB, margin) where [.response, .partialResponse, .remission].contains(metric):
            for h in hours {
                var p = plan
                p.endOfSeriesMinimumHours = h
                result.append(row("end of series at least \(PlanNumber.format(h)) hours after the last infusion's start",
                                  ClaimEvaluation.evaluate(claim, tables: tablesFor(p))))
            }
            if plan.sensitivityIntentionToTreat {
                let t = tablesFor(plan)
                let a = t.count(metric, scale: instrument, diagnoses: Set(groupA)).intentionToTreat
                let b = t.count(metric, scale: instrument, diagnoses: Set(groupB)).intentionToTreat
                result.append(row("intention to treat (patients without an endpoint count as not responding)",
                                  ClaimEvaluation.equivalence(claim, a: a, b: b, margin: margin ?? plan.equivalenceMargin, plan: plan)))
            }
        case .proportion(.tolerability, _, _, _, _):
            if plan.sensitivityTolerabilityEitherDefinition {
                var p = plan
                p.tolerabilityCountsOtherInterruptions.toggle()
                result.append(row(p.tolerabilityCountsOtherInterruptions
                                  ? "tolerability also requires every infusion completed (other interruptions count)"
                                  : "tolerability = no adverse-event discontinuation only", ClaimEvaluation.evaluate(claim, tables: tablesFor(p))))
            }
        case let .strategyTrial(instrument, better, than):
            result = ClaimEvaluation.strategyTrialSensitivity(claim, instrument: instrument, better: better, than: than, tables: tablesFor(plan))
        case .range(.medianDaysToRelapse, _, _, _), .comparison:
            for w in plan.sensitivityRelapseMaxDaysApart where w != plan.relapseMaxDaysApart {
                var p = plan
                p.relapseMaxDaysApart = w
                result.append(row("relapse window \(PlanNumber.format(w)) days", ClaimEvaluation.evaluate(claim, tables: tablesFor(p))))
            }
            if plan.sensitivityRelapseSingleScore && plan.relapseConsecutive != 1 {
                var p = plan
                p.relapseConsecutive = 1
                p.relapseMinDaysApart = 0  // one score spans no days
                result.append(row("relapse on a single score at or above the threshold", ClaimEvaluation.evaluate(claim, tables: tablesFor(p))))
            }
            if plan.sensitivityRelapseReinductionEitherWay {
                var p = plan
                p.reinductionIsRelapse.toggle()
                result.append(row(p.reinductionIsRelapse ? "re-induction counted as relapse" : "re-induction not counted as relapse",
                                  ClaimEvaluation.evaluate(claim, tables: tablesFor(p))))
            }
            if plan.sensitivityRelapseIntervalCensored {
                result.append(intervalCensored(claim, tables: tablesFor(plan)))
            }
        default:
            break
        }
        return result
    }

    /// The relapse claim on the interval form: the Weibull median against the claimed range, or the Weibull
    /// proportional-hazards ratio of the compared strategies.
    static func intervalCensored(_ claim: Claim, tables: DerivedTables) -> SensitivityRow {
        let plan = tables.plan
        let definition = "interval-censored (Weibull on the interval form: last score below the threshold, first at or above)"
        switch claim.check {
        case let .range(_, population, low, high):
            let records = tables.relapse.filter { population.diagnoses.isEmpty || population.diagnoses.contains($0.diagnosis) }
            let n = records.filter { $0.scale == population.instrument }.count
            guard n >= plan.claimsMinimumN,
                  let m = (try? RelapseIntervalCensored.estimates(records, scale: population.instrument, level: plan.confidenceLevel))?.first?.weibullMedian else {
                return SensitivityRow(definition: definition, observed: nil, lower: nil, upper: nil, n: n, verdict: .insufficientData)
            }
            let verdict: Verdict = m.lower >= low && m.upper <= high ? .supported : (m.upper < low || m.lower > high) ? .contradicted : .consistent
            return SensitivityRow(definition: definition, observed: m.time, lower: m.lower, upper: m.upper, n: n, verdict: verdict)
        case let .comparison(instrument, better, than):
            let rows = tables.relapse.filter { $0.strategy == better || $0.strategy == than }
            guard better == .maintenance && than == .asNeeded || better == .asNeeded && than == .maintenance,
                  let fit = try? RelapseIntervalCensored.strategyHazardRatio(rows, scale: instrument, level: plan.confidenceLevel),
                  fit.patients >= plan.claimsMinimumN else {
                return SensitivityRow(definition: definition, observed: nil, lower: nil, upper: nil, n: nil, verdict: .insufficientData)
            }
            // The fit gives maintenance vs as-needed; invert when the claim compares the other way.
            let flip = better == .asNeeded
            let hr = flip ? 1 / fit.hazardRatio.hazardRatio : fit.hazardRatio.hazardRatio
            let lower = flip ? 1 / fit.hazardRatio.upper : fit.hazardRatio.lower
            let upper = flip ? 1 / fit.hazardRatio.lower : fit.hazardRatio.upper
            let verdict: Verdict = upper < 1 ? .supported : lower > 1 ? .contradicted : .consistent
            return SensitivityRow(definition: definition, observed: hr, lower: lower, upper: upper, n: fit.patients, verdict: verdict)
        default:
            return SensitivityRow(definition: definition, observed: nil, lower: nil, upper: nil, n: nil, verdict: .notCheckable)
        }
    }
}
