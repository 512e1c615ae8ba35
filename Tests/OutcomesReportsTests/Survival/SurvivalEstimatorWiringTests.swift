import Foundation
import Testing
import OutcomesSurvival
@testable import OutcomesReports

private var lung: String { survivalFixturePath("lung_r.csv") }

@Suite("The new estimators behind the survival commands (values against R where R has them)")
struct SurvivalEstimatorWiringTests {
    let reference = CLIReference.shared

    @Test("km curve rows carry cumhaz and std_chaz as survfit's cumhaz and std.chaz (1e-10 relative)")
    func cumulativeHazardColumns() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        let rows = survivalRows(try survivalJSON(r), "curve")
        let cumhaz = reference.numbers("km_sex", "cumhaz"), se = reference.numbers("km_sex", "std_chaz")
        #expect(rows.count == cumhaz.count)
        for (k, row) in rows.enumerated() where k < cumhaz.count {
            #expect(survivalClose(survivalNumber(row["cumhaz"]), cumhaz[k], 1e-10))
            #expect(survivalClose(survivalNumber(row["std_chaz"]), se[k], 1e-10))
        }
    }

    @Test("--estimator fleming-harrington gives survfit(stype = 2, ctype = 1) curves and medians (1e-10)")
    func flemingHarrington() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.estimator = .flemingHarrington
        let json = try survivalJSON(r)
        let surv = survivalRows(json, "curve").map { survivalNumber($0["surv"]) }
        let expected = reference.numbers("fh_sex", "surv")
        #expect(surv.count == expected.count)
        for (a, b) in zip(surv, expected) { #expect(survivalClose(a, b, 1e-10)) }
        #expect(survivalRows(json, "summary").map { survivalNumber($0["median"]) } == reference.numbers("fh_sex", "median"))
        #expect(((json["conventions"] as! [String: Any])["estimator"] as! String).hasPrefix("Fleming–Harrington"))
        r.analysis = .cox
        r.covariates = ["age"]
        r.group = nil
        let error = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
        #expect(error?.description == "options not used by 'cox': --estimator")
    }

    @Test("logrank: G-rho (rho = 1) equals survdiff; --test peto and --trend are the library's; JSON test and trend keys")
    func weightedLogRank() throws {
        var r = SurvivalRequest(analysis: .logrank, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.rho = 1
        let rho1 = try survivalJSON(r)["test"] as! [String: Any]
        #expect(survivalClose(survivalNumber(rho1["chisq"]), reference.numbers("logrank_sex_rho1", "chisq")[0], 1e-9))

        r.rho = 0
        r.group = "ph.ecog"
        r.filters = [try SurvivalFilter(parsing: "ph.ecog<3")]
        r.logRankWeight = .petoPeto
        r.trend = true
        let json = try survivalJSON(r)
        let test = json["test"] as! [String: Any], trend = json["trend"] as! [String: Any]
        #expect(Set(test.keys) == ["chisq", "df", "p"])
        #expect(Set(trend.keys).isSuperset(of: ["chisq", "df", "p"]))
        // The same test through the library on the same rows.
        let table = try String(contentsOfFile: lung, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let kept = table.filter { Double($0[5]).map { $0 < 3 } ?? false }
        let data = try SurvivalData(exit: kept.map { Double($0[1])! }, event: kept.map { $0[2] == "2" })
        let library = try LogRank.test(data, groups: Grouping(numeric: kept.map { Double($0[5])! }), weight: .petoPeto)
        // 1e-12: the JSON parser's decimal-to-binary conversion may differ from Swift's by an ulp.
        #expect(survivalClose(survivalNumber(test["chisq"]), library.chiSquare, 1e-12))
        #expect(survivalNumber(test["df"]) == Double(library.degreesOfFreedom))
        let libraryTrend = try library.trend()
        #expect(survivalClose(survivalNumber(trend["chisq"]), libraryTrend.test.statistic, 1e-12))
        #expect(survivalNumber(trend["df"]) == 1)
        #expect(((json["conventions"] as! [String: Any])["test"] as? String) == "peto")
    }
}

@Suite("cuminc: competing risks from the command line (mgus2, make_fixtures_cli.R)")
struct SurvivalCumulativeIncidenceTests {
    let reference = CLIReference.shared

    func request() -> SurvivalRequest {
        var r = SurvivalRequest(analysis: .cuminc, dataPath: survivalFixturePath("mgus2_cr.csv"), time: "etime", event: "event")
        r.group = "sex"
        r.riskTimes = [60, 120, 240]
        return r
    }

    @Test("JSON curves and gray_test carry the pinned keys; estimates at 60, 120, 240 equal survfit's pstate and std.err (1e-10)")
    func againstR() throws {
        let json = try survivalJSON(request())
        let curves = survivalRows(json, "curves")
        for key in ["strata", "cause", "time", "estimate", "std_err", "lower", "upper"] { #expect(curves.first?[key] != nil) }
        let estimates = survivalRows(json, "estimates")
        #expect(estimates.count == 2 * 2 * 3)
        for stratum in ["sex=F", "sex=M"] {
            for cause in ["1", "2"] {
                let rows = estimates.filter { $0["strata"] as? String == stratum && $0["cause"] as? String == cause }
                let p = reference.numbers("cuminc_\(stratum)", "pstate_\(cause)"), se = reference.numbers("cuminc_\(stratum)", "se_\(cause)")
                #expect(rows.count == 3)
                for (k, row) in rows.enumerated() where k < p.count {
                    #expect(survivalClose(survivalNumber(row["estimate"]), p[k], 1e-10))
                    #expect(survivalClose(survivalNumber(row["std_err"]), se[k], 1e-10))
                }
            }
        }
        let gray = survivalRows(json, "gray_test")
        #expect(gray.map { $0["cause"] as? String } == ["1", "2"])
        for (k, row) in gray.enumerated() {
            #expect(Set(row.keys) == ["cause", "chisq", "df", "p"])
            #expect(survivalClose(survivalNumber(row["chisq"]), reference.numbers("gray_sex", "stat")[k], 1e-9))
            #expect(survivalClose(survivalNumber(row["p"]), reference.numbers("gray_sex", "p")[k], 1e-9))
            #expect(survivalNumber(row["df"]) == reference.numbers("gray_sex", "df")[k])
        }
        #expect((json["conventions"] as! [String: Any])["status"] as? String == "event: 0 = censored; causes 1, 2")
    }

    @Test("Cumulative incidence figure: rising curves from 0, no censor marks, one at-risk row per group at the ticks")
    func figure() throws {
        var r = request()
        r.plot = SurvivalPlotOptions()
        let svg = try #require(try SurvivalReports.analyse(r).figure)
        #expect(svg.contains("Cumulative incidence") && !svg.contains("class=\"censor\""))
        #expect(svg.contains("Gray's test: cause 1 p = 0.274; cause 2 p &lt; 0.001"))
        let tickX = svg.matches(of: /class="x-tick" x="([0-9.]+)"/).map { String($0.1) }
        let countX = svg.matches(of: /class="risk-count" x="([0-9.]+)"/).map { String($0.1) }
        #expect(!tickX.isEmpty && countX == tickX + tickX)
    }
}
