import Testing
@testable import OutcomesClinical

/// The report's clinical facts on five hand-made patients whose paths are known by construction:
/// P1 responds (20 → 8) and is followed; P2 has an infusion not completed but is scored (20 → 8);
/// P3 stops after a discontinuing adverse event; P4 completes without an end-of-series score;
/// P5 completes with a partial response (20 → 13, 35 % fall).
@Suite struct ReportFactsTests {
    static func ae(_ day: Double, _ term: String, stopped: Bool = false) -> AdverseEventRecord {
        AdverseEventRecord(time: at(day), term: term, severity: "mild", serious: false, ledToDiscontinuation: stopped,
                           source: SourceLine(file: .adverseEvents, line: 2))
    }

    static let tables: DerivedTables = {
        var interrupted = induction6
        interrupted[2] = infusion(4, completed: false)
        let p1 = patient("P1", infusions: induction6, scores: [phq9(-1, total: 20), phq9(12.5, total: 8), phq9(40, total: 6)],
                         events: [ae(0, "nausea"), ae(2, "nausea")])
        let p2 = patient("P2", infusions: interrupted, scores: [phq9(-1, total: 20), phq9(12.5, total: 8)])
        let p3 = patient("P3", infusions: Array(induction6.prefix(3)), scores: [phq9(-1, total: 20)], events: [ae(4, "dizziness", stopped: true)])
        let p4 = patient("P4", infusions: induction6, scores: [phq9(-1, total: 20)])
        let p5 = patient("P5", infusions: induction6, scores: [phq9(-1, total: 20), phq9(12.5, total: 13)])
        return ClinicalDerivation.derive([p1, p2, p3, p4, p5])
    }()

    @Test func flowStepsAreNestedWithTheirReasons() {
        let flow = Self.tables.patientFlow(scale: .phq9)
        #expect(flow.steps.map(\.count) == [5, 3, 2, 1, 1])
        #expect(flow.steps[1].exits.map(\.count) == [1, 1])   // P3 adverse event; P2 interrupted
        #expect(flow.steps[2].exits == [.init(reason: "no PHQ-9 score within 7 days after the last infusion", count: 1)])   // P4
        #expect(flow.steps[3].exits.map(\.count) == [1, 0])   // P5 partial
        #expect(flow.steps[4].exits.map(\.count) == [0])      // P1 followed to day 40
        // Everyone who leaves is counted once: each fall equals the exits below it.
        for (a, b) in zip(flow.steps, flow.steps.dropFirst()) { #expect(a.count - b.count == b.exits.reduce(0) { $0 + $1.count }) }
    }

    @Test func adverseEventsPer100Infusions() {
        let rates = Self.tables.adverseEventRates
        // 3 events over 6 + 6 + 3 + 6 + 6 = 27 infusions.
        #expect(rates.map(\.term) == [nil, "dizziness", "nausea"])
        #expect(rates[0].events == 3 && rates[0].patients == 2 && rates[0].infusions == 27)
        #expect(abs(rates[0].per100Infusions! - 300.0 / 27) < 1e-12)
        #expect(rates[2].events == 2 && rates[2].patients == 1)
    }

    @Test func waterfallIsSortedLargestIncreaseFirst() {
        // P1 and P2 −60 %, P5 −35 %.
        #expect(Self.tables.waterfallPercentChanges(scale: .phq9) == [-35, -60, -60])
    }

    @Test func caseMixLevelsAddUpToTheCohort() {
        let records = ["P1", "P2", "P3", "P4", "P5"].enumerated().map { i, id in
            Patient(id: id, diagnosis: .mdd, sex: i < 3 ? .female : nil, ageYears: [25, 40, 50, 70, nil][i], site: i < 2 ? "a" : "b",
                    source: SourceLine(file: .patients, line: i + 2))
        }
        let mix = Self.tables.caseMix(records: records)
        for ch in mix.characteristics { #expect(ch.total == 5, "\(ch.name)") }
        let age = mix.characteristics.first { $0.name == "age (years)" }!
        #expect(age.levels.map(\.patients) == [1, 1, 1, 1, 1] && age.levels.last?.label == CaseMix.notRecorded)
        let site = mix.characteristics.first { $0.name == "site" }!
        #expect(site.levels.map(\.label) == ["a", "b"] && site.levels.map(\.patients) == [2, 3])
        let severity = mix.characteristics.first { $0.name == "baseline PHQ-9 severity" }!
        #expect(severity.levels.map(\.label) == ["severe (20–27)"])
    }

    /// The period keeps the patients whose first induction started in it; the trend gives one row per quarter.
    @Test func periodRestrictionAndTrend() throws {
        let late = patient("P9", infusions: [0.0, 2, 4, 7, 9, 11].map { infusion($0 + 120) },
                           scores: [phq9(119, total: 20), phq9(132.5, total: 4)])
        let t = ClinicalDerivation.derive(Self.tables.patients + [late])
        // origin is 2025-01-06: P1–P5 start in 2025-Q1, P9 on 2025-05-06 (Q2).
        let q1 = try CalendarPeriod(parsing: "2025-Q1"), q2 = try CalendarPeriod(parsing: "2025-Q2")
        #expect(t.restricted(to: q1).patients.map(\.patientID) == ["P1", "P2", "P3", "P4", "P5"])
        #expect(t.restricted(to: q2).patients.map(\.patientID) == ["P9"])
        #expect(t.lastInductionQuarter == q2)
        let trend = t.trend(quarters: q2.trailingQuarters(2), siteOf: [:])
        #expect(trend.map(\.quarter) == ["2025-Q1", "2025-Q2"])
        #expect(trend[0].rates[.responseIntentionToTreat]?.count.successes == 2 && trend[0].rates[.responseIntentionToTreat]?.count.patients == 5)
        #expect(trend[1].rates[.remission]?.count.successes == 1 && trend[1].rates[.remission]?.count.patients == 1)
    }

    /// The trend places each patient once (linear in patients); its rows must equal restricting the tables to each
    /// quarter and each site, as the report defined them before. Three sites, patients in two quarters.
    @Test func trendRowsEqualRestrictionPerQuarterAndSite() throws {
        let late = patient("P9", infusions: [0.0, 2, 4, 7, 9, 11].map { infusion($0 + 120) },
                           scores: [phq9(119, total: 20), phq9(132.5, total: 4)])
        let t = ClinicalDerivation.derive(Self.tables.patients + [late])
        let siteOf = ["P1": "a", "P2": "b", "P3": "a", "P4": "c", "P5": "b", "P9": "a"]
        let quarters = try CalendarPeriod(parsing: "2025-Q3").trailingQuarters(3)
        let trend = t.trend(quarters: quarters, siteOf: siteOf)
        var expected: [TrendRow] = []
        for site in [nil, "a", "b", "c"] as [String?] {
            for q in quarters {
                let r = t.restricted(to: q, site: site, siteOf: siteOf)
                expected.append(TrendRow(quarter: q.label, site: site,
                                         rates: Dictionary(uniqueKeysWithValues: HeadlineMeasure.allCases.map { ($0, r.estimate(r.headlineCount($0))) })))
            }
        }
        #expect(trend == expected)
        #expect(trend.count == 12)
        // Site a in 2025-Q2 holds P9 only; site c has nobody in Q2 or Q3.
        let aQ2 = try #require(trend.first { $0.site == "a" && $0.quarter == "2025-Q2" })
        #expect(aQ2.rates[.responseIntentionToTreat]?.count.patients == 1)
        #expect(trend.filter { $0.site == "c" }.map { $0.rates[.tolerability]?.count.patients ?? -1 } == [1, 0, 0])
    }

    /// The fixed cohort counts only patients scored in every window (a window reads the latest score since the
    /// infusion's start, so S2, first scored at 90 minutes, misses only the 40-minute window).
    @Test func suicidalFixedCohortUsesOnlyPatientsAssessedInEveryWindow() {
        let minutes = 1.0 / 1440
        let assessedAll = patient("S1", infusions: induction6, scores: [phq9(-0.01, total: 15, item9: 2)] + [40.0, 90, 240, 1440].map { phq9($0 * minutes, total: 12, item9: 0) })
        let missing40 = patient("S2", infusions: induction6, scores: [phq9(-0.01, total: 15, item9: 2)] + [90.0, 240, 1440].map { phq9($0 * minutes, total: 12, item9: 1) })
        let t = ClinicalDerivation.derive([assessedAll, missing40])
        let fixed = t.suicidalFixedCohort(scale: .phq9)!
        #expect(fixed.positive == 2 && fixed.cohort == 1)
        #expect(fixed.resolved.map(\.count) == [1, 1, 1, 1])
    }
}
