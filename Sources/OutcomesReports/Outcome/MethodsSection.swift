import Foundation
import OutcomesClinical

/// Section 11: every definition and setting in force with its source, the method behind each number and a
/// plain-words gloss for each method name.
enum MethodsSection {
    /// Method names and what they mean, for a reader who is not a statistician.
    static let glossary: [(name: String, gloss: String)] = [
        ("Clopper–Pearson", "an exact interval for a percentage, built from the binomial distribution; it is never too narrow, so it is a cautious range for the true rate"),
        ("Wilson score", "an interval for a percentage that stays sensible for small groups and rates near 0 % or 100 %"),
        ("Kaplan–Meier", "the share of patients still free of relapse at each day, counting those followed for a shorter time only while they were followed"),
        ("Aalen–Johansen (cumulative incidence)", "the share of patients who have had an event (here, a first response) by each day, when something else (stopping for an adverse event) can happen first"),
        ("Turnbull", "a relapse-free curve for when a relapse is only known to have happened between two visits, not on which day"),
        ("Weibull", "a smooth curve shape fitted to relapse times, which gives a median and a hazard ratio when visits are far apart"),
        ("Cox", "a model comparing how fast relapses happen in two groups; its hazard ratio below 1 means relapses come more slowly in the first group"),
        ("Log-rank test", "asks whether relapse-free curves differ by more than chance would make them"),
        ("RMST", "restricted mean survival time: the average number of relapse-free days within the first 26 weeks"),
        ("REML", "restricted maximum likelihood: the standard way to fit a mixed model so that its variances are not underestimated"),
        ("MMRM", "a mixed model for repeated measures: mean scores at each infusion, using every score a patient has without filling in missing ones"),
        ("TOST", "two one-sided tests: shows two rates are equivalent when their difference is inside a stated margin on both sides"),
        ("I²", "the share of the spread between published studies that is real difference rather than chance"),
        ("Small-cell suppression", "counts from 1 to 10 are printed as <11, and other cells are hidden where a hidden count could be worked out from totals"),
    ]

    static func part(_ c: ReportContext) -> ReportPart {
        let t = c.cohort
        var s = "## Methods\n\n"
        s += "Cohort: patients whose first induction series started in the period (\(c.periodLabel)), each followed to the end of the data. "
        s += "Every number is computed from the dataset's accepted rows under the plan below; rates use the plan's \(Formatting.level(t.plan.confidenceLevel)) "
        s += "\(t.plan.claimsIntervalMethod == "exact" ? "Clopper–Pearson" : "Wilson score") interval.\n\n"
        s += c.options.suppression.threshold.map {
            "Small-cell suppression: counts from 1 to \($0 - 1) print as `\(c.options.suppression.hiddenText)`, as does any count, rate or percentage from which one could be worked out (a rate whose successes or non-successes are small; a cell recoverable from a row or column total, checked by solving for each hidden cell's bounds).\n\n"
        } ?? "Small-cell suppression is **off** (`--no-suppress`): for internal use only.\n\n"
        s += "### Methods named in this report\n\n| method | in plain words |\n|---|---|\n"
        var glossaryCSV = CSVText(header: ["method", "plain_words"])
        for g in glossary { s += "| \(g.name) | \(g.gloss) |\n"; glossaryCSV.append([g.name, g.gloss]) }
        s += "\n### Definitions and settings in force\n\n"
        s += "Each setting of the analysis plan (`outcomes plan --print-defaults` prints them with their sources): series from infusion gaps; baseline the last score before the first infusion; "
        s += "end of series the first score in the window after the last infusion; response, partial response and remission by the scale's published rules "
        s += "(PHQ-9: Kroenke 2001 and CMS159; MADRS: Montgomery & Åsberg 1979, Hawley 2002); relapse as in SUSTAIN-1 (Daly 2019).\n\n"
        // The rules in words (the definitions block's comment lines; an indented line continues the one before).
        var rules: [String] = []
        for line in DerivedTablesCSV.definitions(t.plan).split(separator: "\n") where line.hasPrefix("# ") && !line.hasPrefix("# Definitions used") {
            let text = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#   "), !rules.isEmpty { rules[rules.count - 1] += " " + text } else { rules.append(text) }
        }
        s += rules.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
        s += "| setting | value in force | source of the convention |\n|---|---|---|\n"
        var settings = CSVText(header: ["setting", "value", "source"])
        for setting in t.plan.settingsWithSources() {
            s += "| `\(setting.path)` | \(MarkdownText.cell(setting.value)) | \(MarkdownText.cell(setting.source)) |\n"
            settings.append([setting.path, setting.value, setting.source])
        }
        s += "\n"
        s += OutcomeSections.exclusions(t, cells: c.cells)
        s += "Tables: `tables/methods_glossary.csv`, `tables/plan_settings.csv`.\n\n"
        return ReportPart(markdown: s, tables: [("methods_glossary.csv", glossaryCSV.text), ("plan_settings.csv", settings.text)])
    }
}
