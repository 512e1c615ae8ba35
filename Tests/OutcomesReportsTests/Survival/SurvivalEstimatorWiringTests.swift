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
