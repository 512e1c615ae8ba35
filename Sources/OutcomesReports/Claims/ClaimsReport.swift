import OutcomesText
import OutcomesClinical

/// Renders claim verdicts: Markdown for people, CSV and JSON (stable snake_case fields) for machines.
public enum ClaimsReport {
    /// The verdict rule, printed with every claims output.
    public static let verdictRule = "supported: the interval (at analysis.confidence_level) lies entirely on the claim's side; consistent: the interval contains the claimed value (not shown, not contradicted); contradicted: the interval lies entirely on the other side; insufficient data: fewer patients than claims.minimum_n; not checkable: practice data cannot test it"

    static func document(_ verdicts: [ClaimVerdict], plan: AnalysisPlan, dataset: String, accounting: [String]) -> ReportDocument {
        let columns = ["id", "kind", "verdict", "observed", "n", "events", "lower", "upper", "interval_level", "method", "claimed", "claimed_low",
                       "claimed_high", "p_value", "power", "n_needed", "definition", "note", "text", "source", "fragile", "sensitivity"]
        let rows: [[ReportValue]] = verdicts.map { v in
            [.text(v.claim.id), .text(v.claim.check.kind), .text(v.verdict.rawValue), .optional(v.observed),
             v.n.map { .integer($0) } ?? .missing, v.events.map { .integer($0) } ?? .missing, .optional(v.lower), .optional(v.upper),
             .optional(v.intervalLevel), .text(v.method), .optional(v.claimed), .optional(v.claimedLow), .optional(v.claimedHigh), .optional(v.pValue),
             .optional(v.power), v.nNeeded.map { .integer($0) } ?? .missing, .text(v.definition), v.note.map { .text($0) } ?? .missing,
             .text(v.claim.text), .text(v.claim.source), .boolean(v.fragile),
             .array(v.sensitivity.map { r in
                 .object([("definition", .text(r.definition)), ("observed", .optional(r.observed)), ("lower", .optional(r.lower)),
                          ("upper", .optional(r.upper)), ("n", r.n.map { .integer($0) } ?? .missing), ("verdict", .text(r.verdict.rawValue))])
             })]
        }
        return ReportDocument(analysis: "claims", title: "Claims checked against \(dataset)",
                              conventions: [("verdicts", verdictRule)] + plan.settingLines().map { line in
                                  let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                                  return (parts[0], parts.count > 1 ? parts[1] : "")
                              },
                              notes: accounting, sections: [.table(name: "claims", columns: columns, rows: rows)])
    }

    /// CSV: conventions as `#` lines, then one row per claim.
    public static func csv(_ verdicts: [ClaimVerdict], plan: AnalysisPlan, dataset: String, accounting: [String]) -> String {
        document(verdicts, plan: plan, dataset: dataset, accounting: accounting).render(.csv)
    }

    /// JSON: `claims` is an array of objects with fields id, kind, verdict, observed, n, lower, upper, method,
    /// claimed, p_value, power, n_needed (and the others of the CSV).
    public static func json(_ verdicts: [ClaimVerdict], plan: AnalysisPlan, dataset: String, accounting: [String]) -> String {
        document(verdicts, plan: plan, dataset: dataset, accounting: accounting).render(.json)
    }

    /// Markdown: a summary table, then each claim with its numbers, definition and caveats.
    /// `level` is the plan's `analysis.confidence_level`: the heading prints it, and a row whose interval has
    /// another level (the TOST interval of an equivalence claim) says its own level in the cell.
    public static func markdown(_ verdicts: [ClaimVerdict], level: Double, headingLevel: Int = 1) -> String {
        let h = String(repeating: "#", count: headingLevel)
        var s = "\(h) Claims\n\n"
        s += "Verdicts: \(verdictRule).\n\n"
        s += "| claim | verdict | observed | \(Formatting.level(level)) interval | n | claimed |\n|---|---|---|---|---|---|\n"
        for v in verdicts {
            var cell = interval(v)
            if let l = v.intervalLevel, abs(l - level) > 1e-12 { cell += " (\(Formatting.level(l)) interval)" }
            s += "| \(v.claim.id) | **\(v.verdict.rawValue)**\(v.fragile ? " (fragile)" : "") | \(value(v.observed, v)) | \(cell) | \(v.n.map(String.init) ?? "") | \(claimed(v)) |\n"
        }
        for v in verdicts {
            s += "\n\(h)# \(v.claim.id): \(v.verdict.rawValue)\n\n"
            s += "> \(v.claim.text)\n>\n> (\(v.claim.source))\n\n"
            if let i = v.claim.interpretation { s += "- Read as: \(i)\n" }
            s += "- Measured: \(v.definition)\n"
            if v.verdict != .notCheckable {
                let named = v.intervalLevel.map { ", \(Formatting.level($0)) interval \(interval(v))" } ?? ""
                s += "- Observed \(value(v.observed, v))\(named), n = \(v.n.map(String.init) ?? "0")"
                if let e = v.events { s += ", events/successes = \(e)" }
                s += "; method: \(v.method)\n"
                if let p = v.pValue { s += "- p-value against the claim: \(pValue(p))\n" }
                if let pw = v.power { s += "- Chance that a study of this size decides the claim, if the observed value were true (power): \(Formatting.percent(pw))\n" }
                if let nn = v.nNeeded { s += "- Patients needed for an 80 % chance of deciding, if the observed rate held: \(nn)\n" }
            }
            if let note = v.note { s += "- Note: \(note)\n" }
            s += sensitivity(v)
        }
        return s
    }

    /// The verdict under each alternative definition, and whether any changes it.
    static func sensitivity(_ v: ClaimVerdict) -> String {
        guard !v.sensitivity.isEmpty else { return "" }
        var s = v.fragile
            ? "- **Fragile**: a defensible alternative definition changes the verdict.\n"
            : "- Robust: every alternative definition below gives the same verdict.\n"
        s += "\n| alternative definition | observed | interval | n | verdict |\n|---|---|---|---|---|\n"
        for r in v.sensitivity {
            let interval = r.lower == nil && r.upper == nil ? "" : "\(r.lower == nil ? "not estimable" : value(r.lower, v)) to \(r.upper == nil ? "not estimable" : value(r.upper, v))"
            let changed = r.verdict != v.verdict && [.supported, .consistent, .contradicted].contains(r.verdict)
            s += "| \(r.definition) | \(value(r.observed, v)) | \(interval) | \(r.n.map(String.init) ?? "") | \(r.verdict.rawValue)\(changed ? " (changed)" : "") |\n"
        }
        return s + "\n"
    }

    static func isRate(_ v: ClaimVerdict) -> Bool {
        switch v.claim.check { case .proportion, .equivalence: return true; default: return false }
    }

    static func value(_ x: Double?, _ v: ClaimVerdict) -> String {
        guard let x else { return v.verdict == .notCheckable ? "" : "not estimable" }
        if case .equivalence = v.claim.check { return Formatting.fixed(100 * x, 1) + " points" }
        return isRate(v) ? Formatting.percent(x) : Formatting.fixed(x, 2)
    }

    static func interval(_ v: ClaimVerdict) -> String {
        guard v.lower != nil || v.upper != nil else { return "" }
        let f = { (x: Double?) -> String in
            guard let x else { return "not estimable" }
            if case .equivalence = v.claim.check { return Formatting.fixed(100 * x, 1) }
            return isRate(v) ? Formatting.fixed(100 * x, 1) + " %" : Formatting.fixed(x, 2)
        }
        return "\(f(v.lower)) to \(f(v.upper))"
    }

    static func claimed(_ v: ClaimVerdict) -> String {
        switch v.claim.check {
        case let .proportion(_, _, c, direction, _):
            switch direction {
            case .atLeast: return "at least \(Formatting.percent(c))"
            case .atMost: return "at most \(Formatting.percent(c))"
            case .about(let t): return "about \(Formatting.percent(c)) (± \(Formatting.fixed(100 * t, 1)) points)"
            }
        case let .range(_, _, low, high): return "\(Formatting.compact(low)) to \(Formatting.compact(high))"
        case .equivalence: return "difference within ± \(Formatting.fixed(100 * (v.claimedHigh ?? 0), 1)) points"
        case let .comparison(_, better, than), let .strategyTrial(_, better, than): return "hazard ratio \(better.rawValue) vs \(than.rawValue) below 1"
        case .notCheckable: return ""
        }
    }

    static func pValue(_ p: Double) -> String { NumberText.pValue(p) }
}
