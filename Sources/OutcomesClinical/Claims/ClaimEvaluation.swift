import OutcomesText
import OutcomesProportions
import OutcomesSurvival
import OutcomesLinearAlgebra

/// Checks claims against derived tables. Verdicts compare a confidence interval with the claim: the plan's
/// `claims.interval_method` (exact by default: Clopper–Pearson with the central exact binomial test, which never
/// disagree) at `analysis.confidence_level`; fewer than `claims.minimum_n` patients gives "insufficient data".
public enum ClaimEvaluation {
    /// Evaluates every claim in order. A claim whose filter selects no patient of the dataset is an error (naming
    /// `file`, the claim's line and the filter), never "insufficient data": a verdict about nobody would mislead.
    public static func evaluate(_ claims: [Claim], tables: DerivedTables, file: String = "<claims>") throws(ClaimsFileError) -> [ClaimVerdict] {
        for claim in claims { try checkSelection(claim, tables: tables, file: file) }
        return claims.map { evaluate($0, tables: tables) }
    }

    /// Fails when the claim's population selects no patient of the dataset.
    public static func checkSelection(_ claim: Claim, tables: DerivedTables, file: String) throws(ClaimsFileError) {
        func fail(_ what: String) -> ClaimsFileError {
            ClaimsFileError(file: file, line: claim.line, message: "claim '\(claim.id)': \(what) selects no patient of the dataset's \(tables.patients.count)")
        }
        func diagnoses(_ list: [Diagnosis], key: String) throws(ClaimsFileError) {
            let set = list.isEmpty ? nil : Set(list)
            if tables.patientCount(diagnoses: set) == 0 {
                throw fail(list.isEmpty ? "the whole dataset" : "'\(key)' [\(list.map(\.rawValue).joined(separator: ", "))]")
            }
        }
        switch claim.check {
        case .notCheckable: return
        case let .proportion(metric, population, _, _, _):
            try diagnoses(population.diagnoses, key: "diagnoses")
            if let minimum = population.priorTreatmentsFailedAtLeast {
                let count = tables.count(metric, scale: population.instrument, diagnoses: population.selection, priorFailuresAtLeast: minimum)
                if count.patients + count.notEvaluable == 0 { throw fail("'prior_treatments_failed_at_least' \(minimum)") }
            }
        case let .range(_, population, _, _):
            try diagnoses(population.diagnoses, key: "diagnoses")
        case let .equivalence(_, _, groupA, groupB, _):
            try diagnoses(groupA, key: "group_a")
            try diagnoses(groupB, key: "group_b")
        case let .comparison(_, better, than), let .strategyTrial(_, better, than):
            for (key, s) in [("better", better), ("than", than)] where !tables.patients.contains(where: { $0.strategy == s }) {
                throw fail("'\(key)' \(s.rawValue)")
            }
        }
    }

    /// Evaluates one claim (its selection is not checked; see ``checkSelection(_:tables:file:)``).
    public static func evaluate(_ claim: Claim, tables: DerivedTables) -> ClaimVerdict {
        let plan = tables.plan
        switch claim.check {
        case .notCheckable(let reason):
            return verdict(claim, .notCheckable, method: "none", definition: reason)
        case let .proportion(metric, population, claimed, direction, window):
            let count = tables.count(metric, scale: population.instrument, diagnoses: population.selection, windowMinutes: window,
                                     priorFailuresAtLeast: population.priorTreatmentsFailedAtLeast)
            return proportion(claim, count: count, claimed: claimed, direction: direction, plan: plan)
        case let .range(metric, population, low, high):
            return range(claim, metric: metric, population: population, low: low, high: high, tables: tables)
        case let .equivalence(metric, instrument, groupA, groupB, margin):
            let a = tables.count(metric, scale: instrument, diagnoses: Set(groupA))
            let b = tables.count(metric, scale: instrument, diagnoses: Set(groupB))
            return equivalence(claim, a: a, b: b, margin: margin ?? plan.equivalenceMargin, plan: plan)
        case let .comparison(instrument, better, than):
            return comparison(claim, instrument: instrument, better: better, than: than, tables: tables)
        case let .strategyTrial(instrument, better, than):
            return strategyTrial(claim, instrument: instrument, better: better, than: than, tables: tables)
        }
    }

    // MARK: proportions

    static func proportion(_ claim: Claim, count: RateCount, claimed p0: Double, direction: ClaimDirection, plan: AnalysisPlan) -> ClaimVerdict {
        let k = count.successes, n = count.patients
        let exact = plan.claimsIntervalMethod == "exact"
        var methodName = exact
            ? "Clopper-Pearson \(pct(plan.confidenceLevel)) interval; central exact binomial test"
            : "Wilson score \(pct(plan.confidenceLevel)) interval; central exact binomial test"
        if case .about = direction { methodName += "; power = exact chance that the interval lands entirely inside or outside the band" }
        let (low, high): (Double?, Double?) = {
            if case .about(let t) = direction { return (max(0, p0 - t), min(1, p0 + t)) }
            return (nil, nil)
        }()
        guard n >= plan.claimsMinimumN else {
            return verdict(claim, .insufficientData, observed: n > 0 ? Double(k) / Double(n) : nil, n: n, events: k,
                           method: methodName, claimed: p0, claimedLow: low, claimedHigh: high, definition: count.definition,
                           note: "\(n) patients; the plan's minimum is \(plan.claimsMinimumN)")
        }
        do {
            let ci = try OneProportion.interval(successes: k, trials: n, level: plan.confidenceLevel, method: exact ? .clopperPearson : .wilson)
            let alpha = 1 - plan.confidenceLevel
            let p = try ExactBinomialTest.pValue(successes: k, trials: n, claim: p0, twoSidedMethod: .central)
            let observed = Double(k) / Double(n)
            let method: ProportionIntervalMethod = exact ? .clopperPearson : .wilson
            let result: Verdict
            switch direction {
            case .atLeast: result = ci.lower >= p0 ? .supported : ci.upper < p0 ? .contradicted : .consistent
            case .atMost: result = ci.upper <= p0 ? .supported : ci.lower > p0 ? .contradicted : .consistent
            case .about:
                result = ci.lower >= low! && ci.upper <= high! ? .supported
                    : (ci.upper < low! || ci.lower > high!) ? .contradicted : .consistent
            }
            // Power means the chance, if the observed rate were true, that a study of this size decides the claim:
            // for a one-sided claim, that the exact test rejects the claimed value; for "about", that the interval
            // lands entirely inside or entirely outside the band.
            var power: Double?
            var needed: Int?
            var note: String?
            if case .about = direction {
                power = try BandDecisionPower.probability(trials: n, trueRate: observed, low: low!, high: high!,
                                                          level: plan.confidenceLevel, method: method)
                if result == .consistent {
                    needed = try BandDecisionPower.minimalTrials(trueRate: observed, low: low!, high: high!, target: 0.8,
                                                                level: plan.confidenceLevel, method: method, limit: 20_000)
                    if needed == nil { note = "more than 20000 patients would be needed for an 80 % chance of deciding" }
                }
            } else if p0 > 0 && p0 < 1 {
                power = try BinomialTestPower.power(trials: n, claim: p0, trueRate: observed, alpha: alpha, twoSidedMethod: .central)
                if result == .consistent {
                    if observed == p0 {
                        note = "the observed rate equals the claim: no sample size can separate them"
                    } else {
                        needed = try? BinomialTestPower.minimalTrials(claim: p0, trueRate: observed, targetPower: 0.8, alpha: alpha,
                                                                     twoSidedMethod: .central, limit: 20_000)
                        if needed == nil { note = "more than 20000 patients would be needed for 80 % power" }
                    }
                }
            }
            return verdict(claim, result, observed: observed, n: n, events: k, lower: ci.lower, upper: ci.upper,
                           level: plan.confidenceLevel, method: methodName, claimed: p0, claimedLow: low, claimedHigh: high, pValue: p, power: power,
                           nNeeded: needed, definition: count.definition, note: note)
        } catch {
            return verdict(claim, .insufficientData, n: n, events: k, method: methodName, claimed: p0, definition: count.definition,
                           note: "\(error)")
        }
    }

    // MARK: ranges

    static func range(_ claim: Claim, metric: RangeMetric, population: ClaimPopulation, low: Double, high: Double,
                      tables: DerivedTables) -> ClaimVerdict {
        let plan = tables.plan
        let patients = tables.patients
        let included = { (d: Diagnosis) in population.diagnoses.isEmpty || population.diagnoses.contains(d) }
        var estimate: Double?, lower: Double?, upper: Double?
        var n = 0
        var events: Int?
        let method: String, definition: String
        switch metric {
        case .medianDaysToRelapse:
            method = "Kaplan-Meier median with \(pct(plan.confidenceLevel)) interval (log transform, as R survfit)"
            definition = "days from the last induction infusion to relapse (\(population.instrument.id)) among responders; relapse as in the plan"
            let records = tables.relapse.filter { included($0.diagnosis) }
            n = records.filter { $0.scale == population.instrument }.count
            if let fit = try? RelapseSurvival.curves(records, scale: population.instrument, level: plan.confidenceLevel).first {
                estimate = fit.median.estimate; lower = fit.median.lower; upper = fit.median.upper
                events = fit.relapses
            }
        case .maintenanceIntervalDays, .infusionDurationMinutes:
            // One value per patient (their median), so patients with many sessions do not dominate.
            var perPatient: [Double] = []
            if metric == .maintenanceIntervalDays {
                let byPatient = Dictionary(grouping: tables.maintenanceIntervals, by: \.patientID)
                for p in patients where included(p.diagnosis) {
                    if let v = byPatient[p.patientID], let m = MedianInterval.of(v.map(\.days)) { perPatient.append(m.median) }
                }
                definition = "each patient's median days between consecutive maintenance sessions, then the median over patients"
            } else {
                for p in patients where included(p.diagnosis) {
                    let d = p.infusions.filter { $0.route == .intravenous }.compactMap(\.durationMinutes)
                    if let m = MedianInterval.of(d) { perPatient.append(m.median) }
                }
                definition = "each patient's median recorded IV infusion duration (minutes), then the median over patients"
            }
            method = "sample median with distribution-free \(pct(plan.confidenceLevel)) order-statistic interval"
            n = perPatient.count
            if let m = MedianInterval.of(perPatient, level: plan.confidenceLevel) {
                estimate = m.median; lower = m.lower; upper = m.upper
            }
        }
        guard n >= plan.claimsMinimumN, lower != nil || upper != nil else {
            return verdict(claim, .insufficientData, observed: estimate, n: n, events: events, lower: lower, upper: upper,
                           level: plan.confidenceLevel, method: method,
                           claimedLow: low, claimedHigh: high, definition: definition,
                           note: n < plan.claimsMinimumN ? "\(n) patients; the plan's minimum is \(plan.claimsMinimumN)" : "no interval could be formed")
        }
        // A limit the data never reach is unbounded on that side (a median "not estimable").
        let lo = lower ?? 0, hi = upper ?? .infinity
        let result: Verdict = lo >= low && hi <= high ? .supported : (hi < low || lo > high) ? .contradicted : .consistent
        var note: String?
        if estimate == nil { note = "median not estimable: fewer than half relapsed during follow-up" }
        else if upper == nil { note = "upper limit not estimable" }
        return verdict(claim, result, observed: estimate, n: n, events: events, lower: lower, upper: upper,
                       level: plan.confidenceLevel, method: method,
                       claimedLow: low, claimedHigh: high, definition: definition, note: note)
    }

    // MARK: two groups

    static func equivalence(_ claim: Claim, a: RateCount, b: RateCount, margin: Double, plan: AnalysisPlan) -> ClaimVerdict {
        let alpha = 1 - plan.confidenceLevel
        let method = "difference A - B; TOST at alpha \(fmt(alpha)) with the Newcombe hybrid score \(pct(1 - 2 * alpha)) interval; margin +/-\(fmt(margin))"
        let definition = "A: \(a.definition) | B: \(b.definition)"
        let n = a.patients + b.patients
        guard a.patients >= plan.claimsMinimumN, b.patients >= plan.claimsMinimumN else {
            return verdict(claim, .insufficientData, n: n, method: method, claimedLow: -margin, claimedHigh: margin, definition: definition,
                           note: "groups of \(a.patients) and \(b.patients) patients; the plan's minimum is \(plan.claimsMinimumN) per group")
        }
        do {
            let tost = try EquivalenceTest.test(successesA: a.successes, trialsA: a.patients, successesB: b.successes, trialsB: b.patients,
                                                margin: margin, alpha: alpha)
            let wide = try NewcombeInterval.interval(successesA: a.successes, trialsA: a.patients, successesB: b.successes,
                                                     trialsB: b.patients, level: plan.confidenceLevel)
            let result: Verdict = tost.isEquivalent ? .supported : (wide.lower > margin || wide.upper < -margin) ? .contradicted : .consistent
            let note = "A \(a.successes)/\(a.patients), B \(b.successes)/\(b.patients); contradicted only when the \(pct(plan.confidenceLevel)) interval "
                + "[\(fmt(wide.lower)), \(fmt(wide.upper))] lies entirely outside the margin"
            return verdict(claim, result, observed: tost.interval.difference, n: n, lower: tost.interval.lower, upper: tost.interval.upper,
                           level: 1 - 2 * alpha, method: method, claimedLow: -margin, claimedHigh: margin, pValue: tost.pValue, definition: definition, note: note)
        } catch {
            return verdict(claim, .insufficientData, n: n, method: method, definition: definition, note: "\(error)")
        }
    }

    static func comparison(_ claim: Claim, instrument: Scale, better: TreatmentStrategy, than: TreatmentStrategy, tables: DerivedTables) -> ClaimVerdict {
        let plan = tables.plan
        let rows = tables.relapse.filter { $0.scale == instrument && ($0.strategy == better || $0.strategy == than) }
        let method = "Cox proportional hazards (Efron ties), hazard ratio \(better.rawValue) vs \(than.rawValue) with \(pct(plan.confidenceLevel)) Wald interval"
        let definition = "time to relapse (\(instrument.id)) among induction responders whose recorded strategy is \(better.rawValue) or \(than.rawValue)"
        let note = "unadjusted: strategy was not randomized, so the hazard ratio mixes the strategy's effect with who chose it; "
            + "the outcome report also gives it adjusted for diagnosis and prior failed treatments, and with maintenance as a time-varying exposure"
        let nBetter = rows.filter { $0.strategy == better }.count, nThan = rows.count - nBetter
        let events = rows.filter { $0.event == 1 }.count
        guard nBetter >= plan.claimsMinimumN, nThan >= plan.claimsMinimumN, events >= plan.claimsMinimumN else {
            return verdict(claim, .insufficientData, n: rows.count, events: events, method: method, claimed: 1, definition: definition,
                           note: "\(nBetter) \(better.rawValue), \(nThan) \(than.rawValue), \(events) relapses; the plan's minimum is \(plan.claimsMinimumN) each")
        }
        do {
            let data = try SurvivalData(exit: rows.map(\.days), event: rows.map { $0.event == 1 })
            let x = try Matrix(rows: rows.count, columns: 1, columnMajor: rows.map { $0.strategy == better ? 1 : 0 })
            var options = CoxOptions()
            options.level = plan.confidenceLevel
            let model = try CoxRegression.fit(covariates: x, names: [better.rawValue], data: data, options: options)
            guard let term = model.terms.first else { throw SurvivalError.invalidArgument("no estimable term") }
            let warnings = model.warnings.isEmpty ? "" : "; warning: " + model.warnings.joined(separator: "; ")
            if let why = Estimability.coxTerm(term, events: events, warnings: model.warnings) {
                return verdict(claim, .insufficientData, n: rows.count, events: events, method: method, claimed: 1, definition: definition,
                               note: "hazard ratio not estimable: \(why)" + warnings)
            }
            let result: Verdict = term.hazardRatioUpper < 1 ? .supported : term.hazardRatioLower > 1 ? .contradicted : .consistent
            return verdict(claim, result, observed: term.hazardRatio, n: rows.count, events: events, lower: term.hazardRatioLower,
                           upper: term.hazardRatioUpper, level: plan.confidenceLevel, method: method, claimed: 1, pValue: term.pValue, definition: definition,
                           note: note + " (\(nBetter) \(better.rawValue), \(nThan) \(than.rawValue))" + warnings)
        } catch {
            return verdict(claim, .insufficientData, n: rows.count, events: events, method: method, claimed: 1, definition: definition,
                           note: "\(error)")
        }
    }

    // MARK: helpers

    static func verdict(_ claim: Claim, _ v: Verdict, observed: Double? = nil, n: Int? = nil, events: Int? = nil,
                        lower: Double? = nil, upper: Double? = nil, level: Double? = nil, method: String, claimed: Double? = nil,
                        claimedLow: Double? = nil, claimedHigh: Double? = nil, pValue: Double? = nil, power: Double? = nil,
                        nNeeded: Int? = nil, definition: String, note: String? = nil) -> ClaimVerdict {
        ClaimVerdict(claim: claim, verdict: v, observed: observed, n: n, events: events, lower: lower, upper: upper,
                     intervalLevel: lower == nil && upper == nil ? nil : level, method: method,
                     claimed: claimed, claimedLow: claimedLow, claimedHigh: claimedHigh, pValue: pValue, power: power,
                     nNeeded: nNeeded, definition: definition, note: note)
    }

    static func pct(_ level: Double) -> String { NumberText.level(level) }
    static func fmt(_ x: Double) -> String { PlanNumber.format((x * 10000).rounded() / 10000) }
}
