import OutcomesClinical

/// The CSV files `outcomes derive` writes, one per derived table, with documented columns
/// (documented in README.md, "Derived tables"). Rows keep the patients' order; times are the data's clock.
public enum DerivedTablesCSV {
    private typealias F = Formatting

    /// All tables as (file name, CSV text), plus `definitions.txt` with the plan used. Rows are formatted in
    /// chunks on several threads (``CSVText/table(header:rows:threads:row:)``); the text does not depend on it.
    public static func files(_ t: DerivedTables) -> [(name: String, contents: String)] {
        [("series_endpoints.csv", endpoints(t)), ("relapse.csv", relapse(t)), ("relapse_intervals.csv", relapseIntervals(t)),
         ("suicidal_item.csv", suicidal(t)), ("tolerability.csv", tolerability(t)), ("adverse_event_counts.csv", adverseEvents(t)),
         ("maintenance_intervals.csv", maintenanceIntervals(t)), ("phase_disagreements.csv", phaseDisagreements(t)),
         ("exclusions.csv", exclusions(t)), ("definitions.txt", definitions(t.plan))]
    }

    /// The plan as `section.key = value` lines, headed by the rules in words.
    public static func definitions(_ plan: AnalysisPlan) -> String {
        var s = "# Definitions used (analysis plan). Every value is a plan setting; see `outcomes plan --print-defaults`.\n"
        s += "# Series: infusions chained while gaps <= series.induction_max_gap_days; the chain with the first infusion is the induction;\n"
        s += "#   later chains of >= series.induction_min_infusions are re-inductions; other later infusions are maintenance sessions.\n"
        s += "# Baseline: last usable score at or before the first infusion of the series, within windows.baseline_days_before.\n"
        s += "# End of series: first usable score from windows.end_of_series_min_hours_after after the last infusion's start up to windows.end_of_series_days_after.\n"
        s += "# Relapse: relapse.consecutive scores >= threshold, <= relapse.max_days_apart apart, spanning >= relapse.min_days_apart,\n"
        s += "#   or a re-induction start; event time = first qualifying score (onset); censored at the last usable score.\n"
        return s + plan.settingLines().joined(separator: "\n") + "\n"
    }

    static func endpoints(_ t: DerivedTables) -> String {
        CSVText.table(header: ["patient_id", "diagnosis", "strategy", "series", "phase", "series_ordinal", "first_infusion",
                               "last_infusion", "n_infusions", "n_completed", "param", "baseline_time", "base", "end_time",
                               "aval", "chg", "pchg", "crit_response", "crit_partial_response", "crit_remission",
                               "days_to_first_response", "exclusion", "base_source", "aval_source"], rows: t.endpoints.count) { i in
            let e = t.endpoints[i]
            return [e.patientID, e.diagnosis.rawValue, e.strategy?.rawValue ?? "", e.series.label, e.series.phase.rawValue, String(e.series.ordinal),
                    F.dateTime(e.series.start), F.dateTime(e.series.end), String(e.series.infusions.count),
                    String(e.series.infusions.filter(\.completed).count), e.scale.id,
                    F.dateTime(e.baseline?.time), F.compact(e.baseline?.total), F.dateTime(e.endOfSeries?.time),
                    F.compact(e.endOfSeries?.total), F.compact(e.change), F.fixed(e.percentChange, 2),
                    F.flag(e.response), F.flag(e.partialResponse), F.flag(e.remission), F.fixed(e.daysToFirstResponse, 3),
                    e.exclusion ?? "", e.baseline.map { "\($0.record.source)" } ?? "", e.endOfSeries.map { "\($0.record.source)" } ?? ""]
        }
    }

    static func relapse(_ t: DerivedTables) -> String {
        CSVText.table(header: ["patient_id", "diagnosis", "strategy", "param", "startdt", "aval_days", "cnsr", "event",
                               "rule", "interval_left_days", "interval_right_days", "source"], rows: t.relapse.count) { i in
            let r = t.relapse[i]
            return [r.patientID, r.diagnosis.rawValue, r.strategy?.rawValue ?? "", r.scale.id, F.dateTime(r.origin), F.fixed(r.days, 4),
                    String(1 - r.event), String(r.event), r.outcome.rawValue, F.fixed(r.intervalLeftDays, 4),
                    F.fixed(r.intervalRightDays, 4), "\(r.source)"]
        }
    }

    static func relapseIntervals(_ t: DerivedTables) -> String {
        CSVText.table(header: ["patient_id", "param", "start", "stop", "event", "on_maintenance"], rows: t.relapseIntervals.count) { j in
            let i = t.relapseIntervals[j]
            return [i.patientID, i.scale.id, F.fixed(i.start, 4), F.fixed(i.stop, 4), String(i.event), String(i.onMaintenance)]
        }
    }

    static func suicidal(_ t: DerivedTables) -> String {
        let windows = t.suicidal.first?.outcomes.map(\.windowMinutes) ?? []
        return CSVText.table(header: ["patient_id", "diagnosis", "param", "infusion_time", "infusion_source", "pre_item"]
                                 + windows.map { "resolved_\(F.compact($0))min" }, rows: t.suicidal.count) { i in
            let r = t.suicidal[i]
            return [r.patientID, r.diagnosis.rawValue, r.scale.id, F.dateTime(r.infusionTime), "\(r.infusionSource)", String(r.preInfusionItem)]
                + r.outcomes.map { $0.resolved.map { $0 ? "Y" : "N" } ?? "not assessed" }
        }
    }

    static func tolerability(_ t: DerivedTables) -> String {
        CSVText.table(header: ["patient_id", "diagnosis", "induction_infusions", "completed_infusions", "discontinued_for_ae", "tolerated",
                               "interrupted_other_reason"], rows: t.tolerability.count) { i in
            let r = t.tolerability[i]
            return [r.patientID, r.diagnosis.rawValue, String(r.inductionInfusions), String(r.completedInfusions),
                    F.flag(r.discontinuedForAdverseEvent), F.flag(r.tolerated), F.flag(r.interruptedForOtherReason)]
        }
    }

    static func adverseEvents(_ t: DerivedTables) -> String {
        CSVText.table(header: ["term", "severity", "events", "patients", "serious", "led_to_discontinuation"], rows: t.adverseEvents.count) { i in
            let a = t.adverseEvents[i]
            return [a.term, a.severity, String(a.events), String(a.patients), String(a.serious), String(a.ledToDiscontinuation)]
        }
    }

    static func maintenanceIntervals(_ t: DerivedTables) -> String {
        CSVText.table(header: ["patient_id", "strategy", "days", "from_source", "to_source"], rows: t.maintenanceIntervals.count) { i in
            let m = t.maintenanceIntervals[i]
            return [m.patientID, m.strategy?.rawValue ?? "", F.fixed(m.days, 3), "\(m.from)", "\(m.to)"]
        }
    }

    static func phaseDisagreements(_ t: DerivedTables) -> String {
        CSVText.table(header: ["source", "recorded_phase", "derived_phase"], rows: t.phaseDisagreements.count) { i in
            let d = t.phaseDisagreements[i]
            return ["\(d.source)", d.recorded.rawValue, d.derived.rawValue]
        }
    }

    static func exclusions(_ t: DerivedTables) -> String {
        CSVText.table(header: ["patient_id", "analysis", "reason", "source"], rows: t.exclusions.count) { i in
            let e = t.exclusions[i]
            return [e.patientID, "\(e.analysis)", e.reason, e.source.map { "\($0)" } ?? ""]
        }
    }
}
