import Testing
@testable import OutcomesClinical

@Test func defaultPlanRoundTripsThroughItsOwnYAML() throws {
    let text = AnalysisPlan.defaultYAML()
    #expect(try AnalysisPlan(yaml: text) == AnalysisPlan())
    // Every setting appears once, each with a source comment.
    for s in PlanSettings.all {
        // Keys repeat across sections (sensitivity alternatives), so look only inside the setting's own section.
        let section = String(s.path.split(separator: ".")[0])
        var current = ""
        var lines: [Substring] = []
        for line in text.split(separator: "\n") {
            if !line.hasPrefix(" ") && !line.hasPrefix("#") && line.hasSuffix(":") { current = String(line.dropLast()) }
            if current == section && line.hasPrefix("  \(s.key):") { lines.append(line) }
        }
        #expect(lines.count == 1, "\(s.path)")
        #expect(lines.first?.contains("  # ") == true)
    }
}

@Test func defaultsAreThePublishedConventions() {
    let p = AnalysisPlan()
    #expect(p.responsePercentReduction == 50)
    #expect(p.phq9RemissionBelow == 5 && p.madrsRemissionAtMost == 10)
    #expect(p.phq9RelapseAtLeast == 10 && p.madrsRelapseAtLeast == 22)
    #expect(p.relapseConsecutive == 2 && p.relapseMinDaysApart == 5 && p.relapseMaxDaysApart == 15)
    #expect(p.phq9MaxProratedItems == 0 && p.madrsMaxProratedItems == 0)
    #expect(p.suicidalWindowMinutes == 90 && p.suicidalReportWindowsMinutes == [40, 90, 240, 1440])
}

@Test func partialPlanOverridesOnlyWhatItNames() throws {
    let p = try AnalysisPlan(yaml: """
    remission:
      madrs_at_most: 12
    suicidal_item:
      report_windows_minutes: [30, 60]
    """)
    var expected = AnalysisPlan()
    expected.madrsRemissionAtMost = 12
    expected.suicidalReportWindowsMinutes = [30, 60]
    #expect(p == expected)
}

@Test func emptyPlanIsTheDefault() throws {
    #expect(try AnalysisPlan(yaml: "") == AnalysisPlan())
}

@Test(arguments: [
    ("relapse:\n  phq9_atleast: 10\n", "relapse.phq9_atleast", "unknown key"),
    ("relaps:\n  phq9_at_least: 10\n", "relaps", "unknown section"),
    ("relapse:\n  phq9_at_least: 80\n", "relapse.phq9_at_least", "an integer from 1 to 27"),
    ("windows:\n  baseline_days_before: -3\n", "windows.baseline_days_before", "a number from 0 to 365"),
    ("relapse:\n  consecutive: two\n", "relapse.consecutive", "value 'two'"),
    ("claims:\n  interval_method: wald\n", "claims.interval_method", "one of exact, wilson"),
    ("response:\n  partial_percent_reduction: 60\n", "response.partial_percent_reduction", "must be below"),
    ("claims:\n  level: 0.9\n", "claims.level", "write analysis.confidence_level instead"),
    ("analysis:\n  confidence_level: 95\n", "analysis.confidence_level", "a number from 0.5 to 0.9999"),
])
func badPlansNameTheKeyAndWhatIsAllowed(yaml: String, key: String, fragment: String) {
    do {
        _ = try AnalysisPlan(yaml: yaml, file: "plan.yaml")
        Issue.record("expected an error for \(key)")
    } catch {
        #expect(error.key == key)
        #expect(error.description.contains(fragment), "\(error.description)")
        #expect(error.description.hasPrefix("plan.yaml"))
    }
}

@Test func errorsCarryTheLine() {
    do {
        _ = try AnalysisPlan(yaml: "response:\n  percent_reduction: 50\nrelapse:\n  consecutive: 0\n", file: "p.yaml")
        Issue.record("expected an error")
    } catch {
        #expect(error.line == 4)
    }
}

@Test func oneConfidenceLevelForEveryInterval() throws {
    #expect(AnalysisPlan().confidenceLevel == 0.95)
    #expect(try AnalysisPlan(yaml: "analysis:\n  confidence_level: 0.9\n").confidenceLevel == 0.9)
}

/// plan.rules(for:) hands each scale its own settings, and the response rule is the same reduction on both.
@Test func rulesForEachScaleComeFromThePlan() throws {
    var plan = AnalysisPlan()
    plan.responsePercentReduction = 40
    plan.phq9RelapseAtLeast = 12
    let phq9 = plan.rules(for: .phq9), madrs = plan.rules(for: .madrs)
    #expect(phq9.remission == .below(5) && madrs.remission == .atMost(10))
    #expect(phq9.relapseAtLeast == 12 && madrs.relapseAtLeast == 22)
    #expect(phq9.suicidalPositiveAtLeast == 1 && madrs.suicidalPositiveAtLeast == 2)
    #expect(phq9.suicidalResolvedAtMost == 0 && madrs.suicidalResolvedAtMost == 1)
    // 20 → 12 is a 40 % reduction: a response at 40 %, partial below it; a baseline of 0 is never a response.
    #expect(phq9.isResponse(baseline: 20, score: 12) && madrs.isResponse(baseline: 20, score: 12))
    #expect(!phq9.isResponse(baseline: 20, score: 12.5) && phq9.isPartialResponse(baseline: 20, score: 12.5))
    #expect(!phq9.isResponse(baseline: 0, score: 0) && phq9.percentReduction(baseline: 0, score: 0) == nil)
    #expect(phq9.remissionText == "total < 5" && madrs.remissionText == "total ≤ 10")
}
