import Foundation
import Testing
@testable import OutcomesReports

private var lung: String { survivalFixturePath("lung_r.csv") }

@Suite("Survival output: the answer first, one CSV table at a time, every table with --out")
struct SurvivalOutputTests {
    @Test("Kaplan–Meier text leads with n, events, median and interval per group; the curve only with --curve")
    func kaplanMeierText() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        let text = try SurvivalReports.run(r)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Kaplan–Meier survival curves")
        #expect(lines[2] == "           n  events  median  95% lower  95% upper")
        #expect(lines[3] == "  sex=1  138     112     270        212        310")
        #expect(lines[4] == "  sex=2   90      53     426        348        550")
        #expect(!text.contains("n_risk"))
        r.showCurve = true
        let full = try SurvivalReports.run(r)
        #expect(full.hasPrefix(lines[0..<5].joined(separator: "\n")))
        #expect(full.contains("\ncurve:\n  strata  time  n_risk"))
    }

    @Test("Cox text: hazard ratios with intervals, then the three tests")
    func coxText() throws {
        var r = SurvivalRequest(analysis: .cox, dataPath: lung, time: "time", event: "status")
        r.covariates = ["age", "sex"]
        let text = try SurvivalReports.run(r)
        #expect(text.hasPrefix("Cox proportional-hazards regression\n\n  n = 228, events = 165\n\n             hr  95% lower  95% upper           p       coef          se\n  age   1.01719"))
        #expect(text.contains("  Likelihood ratio test = ") && text.contains("  Wald test             = ") && text.contains("  Score (log-rank) test = "))
        #expect(text.range(of: "Score (log-rank) test")!.lowerBound < text.range(of: "Conventions:")!.lowerBound)
    }

    @Test("--format csv writes exactly one table: header and rows, no comment lines; --table chooses it")
    func oneTablePerCSV() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.format = .csv
        r.riskTimes = [0, 365]
        let curve = try SurvivalReports.run(r)
        #expect(curve.hasPrefix("strata,time,n_risk,n_event,n_censor,surv,std_err,lower,upper,cumhaz,std_chaz\nsex=1,11,138,3,0,"))
        #expect(!curve.contains("#"))
        let lineCount = curve.split(separator: "\n").count
        #expect(lineCount == 1 + 206)  // header + one row per distinct time per curve (119 + 87 in R)
        r.table = "number_at_risk"
        // R: summary(survfit(Surv(time, status) ~ sex, lung), times = c(0, 365)); survival to 1e-12.
        let risk = try SurvivalReports.run(r).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(risk[0] == ["strata", "time", "n_risk", "surv"])
        #expect(risk.dropFirst().map { $0[0] + " " + $0[1] + " " + $0[2] } == ["sex=1 0 138", "sex=1 365 35", "sex=2 0 90", "sex=2 365 30"])
        let surv = risk.dropFirst().map { Double($0[3])! }
        for (a, b) in zip(surv, [1, 0.33608783463937864, 1, 0.52646303018590557]) { #expect(abs(a - b) < 1e-12) }
        r.table = "median"
        let error = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
        #expect(error?.description == "--table median: no such table for 'km'; tables are summary, curve, quantiles, number_at_risk")
        #expect(error?.isUsage == true)
        r.table = "summary"
        r.format = .json
        #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
    }

    @Test("Default CSV table per analysis, and single-row tables from fields")
    func defaultTables() throws {
        var r = SurvivalRequest(analysis: .logrank, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.format = .csv
        #expect(try SurvivalReports.run(r).hasPrefix("chisq,df,p\n10.32674195488"))
        r.analysis = .rmst
        r.tau = 365
        #expect(try SurvivalReports.run(r).hasPrefix("group,tau,rmst,se,lower,upper\n"))
        r.table = "comparison"
        #expect(try SurvivalReports.run(r).hasPrefix("reference,comparison,difference.estimate,difference.se,"))
        r = SurvivalRequest(analysis: .cox, dataPath: lung, time: "time", event: "status")
        r.covariates = ["age", "sex"]
        r.format = .csv
        #expect(try SurvivalReports.run(r).hasPrefix("term,coef,hr,se,robust_se,z,p,hr_lower,hr_upper\nage,"))
        r.table = "tests"
        let tests = try SurvivalReports.run(r)
        #expect(tests.hasPrefix("test,statistic,df,p\nlikelihood_ratio,"))
        #expect(tests.split(separator: "\n").count == 4)
    }

    @Test("--out files: every table as its own CSV plus the JSON, each CSV equal to --table's")
    func outFolderFiles() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        let result = try SurvivalReports.analyse(r)
        let files = result.files()
        #expect(files.map(\.name) == ["summary.csv", "curve.csv", "quantiles.csv", "km.json"])
        for f in files where f.name.hasSuffix(".csv") {
            #expect(f.contents == (try result.csv(String(f.name.dropLast(4)))))
            #expect(!f.contents.contains("#"))
        }
        #expect(files.last!.contents == (try result.render(.json)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survival-out-\(UUID().uuidString)").path
        try OutputFolder.write(files, to: folder)
        #expect(try String(contentsOfFile: folder + "/quantiles.csv", encoding: .utf8).hasPrefix("strata,probability,time,lower,upper\n"))
    }
}
