import OutcomesClinical
import OutcomesSurvival

/// The interval-censored part of the report's relapse section: which analysis leads and why, and the
/// Turnbull and Weibull estimates on the relapse table's interval form.
enum RelapseIntervalSection {
    private typealias F = Formatting

    /// The note at the top of the relapse section: visit spacing against the confirmation window, per scale.
    static func notice(_ t: DerivedTables) -> String {
        let spacings = Scale.all.map { RelapseIntervalCensored.spacing(t.relapse, scale: $0, plan: t.plan) }.filter { $0.medianGapDays != nil }
        guard let first = spacings.first else { return "" }
        let gaps = spacings.map { "\($0.scale.id) \(F.fixed($0.medianGapDays!, 1)) days" }.joined(separator: ", ")
        var s = "Follow-up scores after the induction series are a median of \(gaps) apart; the confirmation window (`relapse.max_days_apart`) is \(F.compact(first.confirmationWindowDays)) days. "
        let leading = spacings.filter(\.intervalCensoredLeads).map(\.scale.id)
        switch first.setting {
        case "auto" where !leading.isEmpty:
            s += "**Visits are further apart than the window** (\(leading.joined(separator: ", "))): a relapse is confirmed mostly where treatment adds assessments (maintenance sessions carry a score) and is dated late, so the interval-censored estimate on (last score below the threshold, first at or above] leads, and the Kaplan–Meier estimate of the confirmed rule follows it for comparison (plan `relapse.primary_analysis: auto`).\n\n"
        case "auto":
            s += "Visits are at least as frequent as the window, so the Kaplan–Meier estimate of the confirmed rule leads; the interval-censored estimate follows (plan `relapse.primary_analysis: auto`).\n\n"
        default:
            s += "The plan sets `relapse.primary_analysis: \(first.setting)`.\n\n"
        }
        return s
    }

    /// Turnbull and Weibull estimates for one scale, overall and by strategy, with the Weibull hazard ratio.
    static func block(_ t: DerivedTables, scale: Scale, cells: ReportCells) -> String {
        let level = t.plan.confidenceLevel
        var rows: [(String, RelapseIntervalEstimate)] = []
        for (title, groupOf) in [("all", { (_: RelapseRecord) -> String? in "all" }), ("strategy", { $0.strategy?.rawValue })] as [(String, (RelapseRecord) -> String?)] {
            for e in (try? RelapseIntervalCensored.estimates(t.relapse, scale: scale, level: level, groupOf: groupOf)) ?? [] {
                rows.append((title == "all" ? "all" : "\(title): \(e.group)", e))
            }
        }
        guard !rows.isEmpty else { return "" }
        let percent = F.fixed(100 * level, 0)
        var s = "Interval-censored estimate: each relapse lies between the last score below the threshold and the first of \(t.plan.relapseConsecutive) consecutive scores at or above it, however far apart"
        s += t.plan.reinductionIsRelapse ? " (or a re-induction start)" : ""
        s += ". Turnbull's nonparametric estimate (as R's survfit on `Surv(left, right, type = \"interval2\")`; no interval) and a Weibull fit (survreg; median with a \(percent) % delta-method interval).\n\n"
        s += "| group | responders | relapses | Turnbull median days | Weibull median days (\(percent) % CI) | relapse-free at 4 / 8 / 12 / 16 weeks (Turnbull) |\n|---|---|---|---|---|---|\n"
        for (label, e) in rows {
            let turnbull = e.turnbull.median.map { F.fixed($0, 1) } ?? "not estimable"
            let weibull = e.weibullMedian.map { "\(F.fixed($0.time, 1)) (\(F.fixed($0.lower, 1))–\(F.fixed($0.upper, 1)))" } ?? "not estimable"
            let landmarks = RelapseSurvival.landmarkDays.map { F.fixed(e.turnbull.survival(at: $0), 2) }.joined(separator: " / ")
            let hidden = cells.policy.hidesRate(successes: e.relapses, patients: e.patients)
            s += "| \(label) | \(cells.count(e.patients)) | \(hidden ? cells.hidden : String(e.relapses)) | \(turnbull) | \(weibull) | \(landmarks) |\n"
        }
        if let fit = try? RelapseIntervalCensored.strategyHazardRatio(t.relapse, scale: scale, level: level) {
            let hr = fit.hazardRatio
            let ratio = [hr.hazardRatio, hr.lower, hr.upper]
            if ratio.allSatisfy({ $0.isFinite && $0 > 0 }) && hr.upper / hr.lower < 1e6 {
                s += "\nWeibull proportional-hazards ratio, strategy maintenance vs as_needed: \(F.fixed(hr.hazardRatio, 2)) (\(F.fixed(hr.lower, 2))–\(F.fixed(hr.upper, 2))), "
                s += "\(OutcomeSections.pEquals(hr.pValue)); \(cells.count(fit.patients)) responders, \(cells.policy.hidesRate(successes: fit.relapses, patients: fit.patients) ? cells.hidden : String(fit.relapses)) relapses.\n"
            } else {
                s += "\nWeibull proportional-hazards ratio, strategy maintenance vs as_needed: not estimable (the estimate diverges or its interval is unbounded; "
                s += "\(cells.count(fit.patients)) responders, \(cells.policy.hidesRate(successes: fit.relapses, patients: fit.patients) ? cells.hidden : String(fit.relapses)) relapses).\n"
            }
        }
        return s + "\n"
    }
}
