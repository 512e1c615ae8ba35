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
        #expect(svg.contains("Gray&#39;s test: cause 1 p = 0.274; cause 2 p &lt; 0.001"))  // SVGText escapes the apostrophe
        let tickX = svg.matches(of: /class="x-tick" x="([0-9.]+)"/).map { String($0.1) }
        let countX = svg.matches(of: /class="risk-count" x="([0-9.]+)"/).map { String($0.1) }
        #expect(!tickX.isEmpty && countX == tickX + tickX)
    }
}

@Suite("cox and zph: concordance, AIC, residuals, predictions, transforms (lung, make_fixtures_cli.R)")
struct SurvivalCoxCompletedTests {
    let reference = CLIReference.shared

    func request(_ analysis: SurvivalAnalysisKind = .cox) -> SurvivalRequest {
        var r = SurvivalRequest(analysis: analysis, dataPath: survivalFixturePath("lung_r.csv"), time: "time", event: "status")
        r.covariates = ["age", "sex"]
        return r
    }

    @Test("model carries concordance, concordance_se and aic as R's concordance() and AIC() (1e-8 relative)")
    func concordanceAndAIC() throws {
        let model = try survivalJSON(request())["model"] as! [String: Any]
        #expect(survivalClose(survivalNumber(model["concordance"]), reference.numbers("cox_age_sex", "concordance")[0], 1e-8))
        #expect(survivalClose(survivalNumber(model["concordance_se"]), reference.numbers("cox_age_sex", "concordance_se")[0], 1e-8))
        #expect(survivalClose(survivalNumber(model["aic"]), reference.numbers("cox_age_sex", "aic")[0], 1e-8))
        #expect(try SurvivalReports.run(request()).contains("  Concordance = 0.602853 (se = 0.0254987)\n"))
    }

    @Test("--residuals: one row per data row with its row number (Schoenfeld: per event, with time), values as residuals.coxph (1e-6)")
    func residuals() throws {
        var r = request()
        r.residuals = .martingale
        let martingale = try #require(try SurvivalReports.analyse(r).residualsCSV).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(martingale[0] == ["row", "residual"])
        let expected = reference.numbers("cox_age_sex", "martingale")
        #expect(martingale.count - 1 == expected.count)
        #expect(martingale.dropFirst().map { Int($0[0])! } == Array(1...228))
        for (row, e) in zip(martingale.dropFirst(), expected) { #expect(survivalClose(Double(row[1]), e, 1e-6)) }

        r.residuals = .dfbetas
        let dfbetas = try #require(try SurvivalReports.analyse(r).residualsCSV).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(dfbetas[0] == ["row", "age", "sex"])
        for (row, e) in zip(dfbetas.dropFirst(), reference.numbers("cox_age_sex", "dfbetas_sex")) { #expect(survivalClose(Double(row[2]), e, 1e-6)) }

        r.residuals = .schoenfeld
        let schoenfeld = try #require(try SurvivalReports.analyse(r).residualsCSV).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(schoenfeld[0] == ["row", "time", "age", "sex"])
        #expect(schoenfeld.count - 1 == 165)
        #expect(schoenfeld.dropFirst().map { Double($0[1])! } == reference.numbers("cox_age_sex", "schoenfeld_time"))
        for (row, e) in zip(schoenfeld.dropFirst(), reference.numbers("cox_age_sex", "schoenfeld_age")) { #expect(survivalClose(Double(row[2]), e, 1e-6)) }
    }

    @Test("--predict FILE: curves per row of covariate values as survfit(fit, newdata) at 100, 300, 500 days (1e-6)")
    func predictions() throws {
        var r = request()
        r.predictPath = survivalFixturePath("lung_newdata.csv")
        let json = try survivalJSON(r)
        let rows = survivalRows(json, "predictions")
        for key in ["row", "time", "surv", "std_err", "lower", "upper"] { #expect(rows.first?[key] != nil) }
        let surv = reference.numbers("cox_predict", "surv"), lower = reference.numbers("cox_predict", "lower")
        let upper = reference.numbers("cox_predict", "upper"), cumhaz = reference.numbers("cox_predict", "cumhaz")
        var k = 0
        for curve in [1.0, 2.0] {
            for t in [100.0, 300, 500] {
                let at = try #require(rows.last { survivalNumber($0["row"]) == curve && survivalNumber($0["time"])! <= t })
                #expect(survivalClose(survivalNumber(at["surv"]), surv[k], 1e-6))
                #expect(survivalClose(survivalNumber(at["cumhaz"]), cumhaz[k], 1e-6))
                #expect(survivalClose(survivalNumber(at["lower"]), lower[k], 1e-6))
                #expect(survivalClose(survivalNumber(at["upper"]), upper[k], 1e-6))
                k += 1
            }
        }
        r.format = .csv
        #expect(try SurvivalReports.run(r).hasPrefix("row,strata,time,surv,std_err,lower,upper,cumhaz,n_risk,n_event\n1,all,5,"))
        let bad = try survivalTemporaryFile("age,sex\n60,1\n70,\n")
        r.predictPath = bad
        let error = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
        #expect(error?.description == "\(bad): line 3, column 'sex': missing value (empty or NA); every covariate needs a value")
    }

    @Test("zph --transform km|rank|identity|log equals cox.zph(transform =) (1e-6 relative)", arguments: TimeTransform.allCases)
    func zphTransforms(_ transform: TimeTransform) throws {
        var r = request(.zph)
        r.zphTransform = transform
        let rows = survivalRows(try survivalJSON(r), "zph")
        let chisq = reference.numbers("zph_\(transform.rawValue)", "chisq"), p = reference.numbers("zph_\(transform.rawValue)", "p")
        #expect(rows.count == 3)
        for (k, row) in rows.enumerated() where k < chisq.count {
            #expect(survivalClose(survivalNumber(row["chisq"]), chisq[k], 1e-6))
            #expect(survivalClose(survivalNumber(row["p"]), p[k], 1e-6))
        }
    }
}

@Suite("survreg and km --left/--right: interval-censored rows from the command line (make_fixtures_cli.R)")
struct SurvivalIntervalCensoredWiringTests {
    let reference = CLIReference.shared

    func request(_ analysis: SurvivalAnalysisKind) -> SurvivalRequest {
        var r = SurvivalRequest(analysis: analysis, dataPath: survivalFixturePath("lung_interval.csv"), time: "", event: "")
        r.left = "left"
        r.right = "right"
        return r
    }

    @Test("survreg --left/--right: JSON terms and model keys, values as survreg(Surv(left, right, type = 'interval2')) (1e-6)",
          arguments: [SurvivalDistribution.weibull, .lognormal])
    func intervalSurvreg(_ dist: SurvivalDistribution) throws {
        var r = request(.survreg)
        r.covariates = ["age", "sex"]
        r.distribution = dist
        let json = try survivalJSON(r)
        let terms = survivalRows(json, "terms")
        #expect(terms.map { $0["term"] as? String } == ["(Intercept)", "age", "sex"])
        for term in terms { #expect(Set(term.keys) == ["term", "coef", "se", "z", "p"]) }
        let c = "survreg_\(dist.rawValue)"
        for (k, term) in terms.enumerated() {
            #expect(survivalClose(survivalNumber(term["coef"]), reference.numbers(c, "coef")[k], 1e-6))
            #expect(survivalClose(survivalNumber(term["se"]), reference.numbers(c, "se")[k], 1e-6))
        }
        let model = json["model"] as! [String: Any]
        for key in ["scale", "loglik", "loglik_null", "iterations", "converged"] { #expect(model[key] != nil) }
        #expect(survivalClose(survivalNumber(model["scale"]), reference.numbers(c, "scale")[0], 1e-6))
        #expect(survivalClose(survivalNumber(model["loglik_null"]), reference.numbers(c, "loglik")[0], 1e-8))
        #expect(survivalClose(survivalNumber(model["loglik"]), reference.numbers(c, "loglik")[1], 1e-8))
        #expect(model["converged"] as? Bool == true)
        // 15 rows with an NA left end (events before the first visit), 63 with an NA right end, the rest intervals.
        #expect(survivalNumber(model["n_left"]) == 15 && survivalNumber(model["n_right"]) == 63 && survivalNumber(model["n_interval"]) == 150)
    }

    @Test("survreg --time/--event (log-logistic) equals survreg on right-censored rows (1e-6)")
    func rightCensoredSurvreg() throws {
        var r = SurvivalRequest(analysis: .survreg, dataPath: survivalFixturePath("lung_r.csv"), time: "time", event: "status")
        r.covariates = ["age", "sex"]
        r.distribution = .loglogistic
        let json = try survivalJSON(r)
        for (k, term) in survivalRows(json, "terms").enumerated() {
            #expect(survivalClose(survivalNumber(term["coef"]), reference.numbers("survreg_right_loglogistic", "coef")[k], 1e-6))
        }
        let model = json["model"] as! [String: Any]
        #expect(survivalClose(survivalNumber(model["loglik"]), reference.numbers("survreg_right_loglogistic", "loglik")[1], 1e-8))
        #expect(json["hazard_ratios"] == nil)
    }

    @Test("km --left/--right: Turnbull medians per group as survfit(type = 'interval2'); NA left = left-censored, NA or Inf right = right-censored")
    func turnbullCurves() throws {
        var r = request(.km)
        r.group = "sex"
        let json = try survivalJSON(r)
        let summary = survivalRows(json, "summary")
        #expect(summary.map { survivalNumber($0["median"]) } == reference.numbers("turnbull_sex", "median"))
        #expect(summary.map { survivalNumber($0["n"]) } == reference.numbers("turnbull_sex", "n"))
        let status = (json["conventions"] as! [String: Any])["status"] as! String
        #expect(status.hasPrefix("interval-censored (left, right]: 0 exact, 63 right, 15 left, 150 interval;"))
        // Inf spelled out in the right column is the same as NA.
        let text = try String(contentsOfFile: survivalFixturePath("lung_interval.csv"), encoding: .utf8)
        var withInf = request(.km)
        withInf.group = "sex"
        withInf.dataPath = try survivalTemporaryFile(text.replacingOccurrences(of: ",NA\n", with: ",Inf\n"))
        #expect(survivalRows(try survivalJSON(withInf), "curve").map { survivalNumber($0["surv"]) } == survivalRows(json, "curve").map { survivalNumber($0["surv"]) })
        // R's own iteration (--turnbull survfit) gives R's printed medians too.
        var replay = request(.km)
        replay.group = "sex"
        replay.turnbullAlgorithm = .survfit
        #expect(survivalRows(try survivalJSON(replay), "summary").map { survivalNumber($0["median"]) } == reference.numbers("turnbull_sex", "median"))
        var bad = request(.km)
        bad.start = "age"
        let error = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(bad) }
        #expect(error?.description == "options not used by 'km': --start (not with --left/--right)")
    }
}

@Test("Bad interval-censored rows name the file's line and both columns")
func badIntervalRows() throws {
    let path = try survivalTemporaryFile("l,r\n1,2\nNA,NA\n")
    var r = SurvivalRequest(analysis: .km, dataPath: path, time: "", event: "")
    r.left = "l"
    r.right = "r"
    let e1 = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
    #expect(e1?.description == "\(path): line 3, columns 'l' and 'r': both ends are missing")
    r.dataPath = try survivalTemporaryFile("l,r\n1,2\n5,3\n")
    let e2 = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
    #expect(e2?.description == "\(r.dataPath): line 3, columns 'l' and 'r': left end 5.0 is after the right end 3.0")
}

@Test("Cause-specific Cox through --event-value equals coxph(Surv(etime, event == 1) ~ sex) on mgus2 (1e-7)")
func causeSpecificCox() throws {
    var r = SurvivalRequest(analysis: .cox, dataPath: survivalFixturePath("mgus2_cr.csv"), time: "etime", event: "event")
    r.eventValue = "1"
    r.covariates = ["sex"]
    let term = try #require(survivalRows(try survivalJSON(r), "terms").first)
    #expect(survivalClose(survivalNumber(term["coef"]), CLIReference.shared.numbers("cause_specific_1", "coef")[0], 1e-7))
    #expect(survivalClose(survivalNumber(term["se"]), CLIReference.shared.numbers("cause_specific_1", "se")[0], 1e-7))
}
