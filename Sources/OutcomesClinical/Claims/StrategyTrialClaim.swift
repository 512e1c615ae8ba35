import OutcomesText

extension ClaimEvaluation {
    /// The verdict of a strategy claim from the target-trial emulation: the IPTW intention-to-treat hazard ratio on
    /// the primary relapse outcome (interval-censored when the plan or the visit spacing makes it primary).
    static func strategyTrial(_ claim: Claim, instrument: Scale, better: TreatmentStrategy, than: TreatmentStrategy,
                              tables: DerivedTables) -> ClaimVerdict {
        let plan = tables.plan
        let c = StrategyComparison.run(tables, scale: instrument)
        let flip = better == .asNeeded
        let definition = "target-trial emulation (outcomes compare-strategies): time to relapse (\(instrument.id)) from the end-of-induction assessment among induction responders below the relapse threshold, intention to treat by recorded strategy, \(plan.strategyEstimand.uppercased()) inverse-probability-of-treatment weights on \(plan.strategyCovariates.joined(separator: ", "))"
        guard let e = c.primaryHazardRatio else {
            return verdict(claim, .insufficientData, method: "IPTW hazard ratio", claimed: 1, definition: definition, note: "no primary hazard ratio")
        }
        let nBetter = c.participants.filter { $0.recorded == better }.count, nThan = c.participants.count - nBetter
        guard nBetter >= plan.claimsMinimumN, nThan >= plan.claimsMinimumN, (e.events ?? 0) >= plan.claimsMinimumN else {
            return verdict(claim, .insufficientData, n: e.n, events: e.events, method: e.method, claimed: 1, definition: definition,
                           note: "\(nBetter) \(better.rawValue), \(nThan) \(than.rawValue), \(e.events ?? 0) relapses; the plan's minimum is \(plan.claimsMinimumN) each")
        }
        guard let hr = e.estimate, let lo = e.lower, let hi = e.upper else {
            return verdict(claim, .insufficientData, n: e.n, events: e.events, method: e.method, claimed: 1, definition: definition,
                           note: e.warnings.joined(separator: "; "))
        }
        let (h, l, u) = flip ? (1 / hr, 1 / hi, 1 / lo) : (hr, lo, hi)
        let result: Verdict = u < 1 ? .supported : l > 1 ? .contradicted : .consistent
        var note = "\(c.intervalCensoredPrimary ? "interval-censored" : "event-time") relapse outcome is primary; strategy was not randomized: the weights balance the measured covariates only"
        if let ev = e.eValue { note += "; E-value \(NumberText.fixed(ev, 2)) (limit \(e.eValueLimit.map { NumberText.fixed($0, 2) } ?? "-"))" }
        if !e.warnings.isEmpty { note += "; warning: " + e.warnings.joined(separator: "; ") }
        return verdict(claim, result, observed: h, n: e.n, events: e.events, lower: l, upper: u, level: plan.confidenceLevel,
                       method: e.method, claimed: 1, pValue: e.p, definition: definition, note: note)
    }

    /// The other analyses of the emulation as sensitivity rows: every other hazard ratio (unadjusted, IPTW on the
    /// other relapse form, per protocol, landmark), and the IPTW RMST and 12-week relapse-free differences
    /// (supported when the interval lies above 0).
    static func strategyTrialSensitivity(_ claim: Claim, instrument: Scale, better: TreatmentStrategy, than: TreatmentStrategy,
                                         tables: DerivedTables) -> [SensitivityRow] {
        let c = StrategyComparison.run(tables, scale: instrument)
        let primary = c.primaryHazardRatio
        let flip = better == .asNeeded
        var rows: [SensitivityRow] = []
        for e in c.estimates where !(e.analysis == primary?.analysis && e.measure == primary?.measure) {
            let name = "\(e.analysis.rawValue) \(e.measure.rawValue)"
            guard let x = e.estimate, let lo = e.lower, let hi = e.upper else {
                rows.append(SensitivityRow(definition: name, observed: e.estimate, lower: nil, upper: nil, n: e.n, verdict: .insufficientData))
                continue
            }
            switch e.measure {
            case .hazardRatio:
                let (h, l, u) = flip ? (1 / x, 1 / hi, 1 / lo) : (x, lo, hi)
                rows.append(SensitivityRow(definition: name, observed: h, lower: l, upper: u, n: e.n,
                                           verdict: u < 1 ? .supported : l > 1 ? .contradicted : .consistent))
            case .rmstDifference26w, .relapseFree12w:
                guard e.analysis == .iptw else { continue }
                let (d, l, u) = flip ? (-x, -hi, -lo) : (x, lo, hi)
                rows.append(SensitivityRow(definition: name, observed: d, lower: l, upper: u, n: e.n,
                                           verdict: l > 0 ? .supported : u < 0 ? .contradicted : .consistent))
            case .rateRatioInfusions:
                continue
            }
        }
        return rows
    }
}
