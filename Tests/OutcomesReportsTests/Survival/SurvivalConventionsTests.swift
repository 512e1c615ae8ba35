import Foundation
import Testing
@testable import OutcomesReports

/// R's own `lung` (status 1/2, NA for missing), as write.csv wrote it.
private var lung: String { survivalFixturePath("lung_r.csv") }

@Suite("R's input conventions on R's lung data (make_fixtures_cli.R)")
struct SurvivalConventionsTests {
    let reference = CLIReference.shared

    /// KM summary rows compared with print.survfit's table (medians and limits are event times: exact).
    func checkSummary(_ json: [String: Any], _ c: String) {
        let rows = survivalRows(json, "summary")
        #expect(rows.map { survivalNumber($0["n"]) } == reference.numbers(c, "n"))
        #expect(rows.map { survivalNumber($0["events"]) } == reference.numbers(c, "events"))
        #expect(rows.map { survivalNumber($0["median"]) } == reference.numbers(c, "median"))
        #expect(rows.map { survivalNumber($0["lower"]) } == reference.numbers(c, "lower"))
        #expect(rows.map { survivalNumber($0["upper"]) } == reference.numbers(c, "upper"))
    }

    @Test("status coded 1/2 (2 = event) as R's Surv: n, events, median and limits by sex equal survfit's")
    func lungOneTwoCoding() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        let json = try survivalJSON(r)
        checkSummary(json, "km_sex")
        let conventions = json["conventions"] as! [String: Any]
        #expect(conventions["status"] as? String == "status: 2 = event, 1 = censored (R's Surv 1/2 coding)")
        #expect(conventions["delimiter"] as? String == "comma")
        #expect(conventions["version"] as? String == "outcomes \(ToolVersion.current)")
    }

    @Test("--where with >= and != subsets as R's subset(): rows kept, counted in the output, survfit's table")
    func whereSubset() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.filters = [try SurvivalFilter(parsing: "age>=60"), try SurvivalFilter(parsing: "ph.ecog!=3")]
        let json = try survivalJSON(r)
        checkSummary(json, "km_where")
        let kept = Int(reference.numbers("km_where", "rows")[0])
        #expect((json["conventions"] as! [String: Any])["where"] as? String == "age>=60 and ph.ecog!=3: \(kept) of 228 rows kept")
    }

    @Test("log-rank on 1/2 status equals survdiff (tolerance 1e-9 relative)")
    func logRank() throws {
        var r = SurvivalRequest(analysis: .logrank, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        let test = try survivalJSON(r)["test"] as! [String: Any]
        #expect(survivalClose(survivalNumber(test["chisq"]), reference.numbers("logrank_sex", "chisq")[0], 1e-9))
        #expect(survivalClose(survivalNumber(test["p"]), reference.numbers("logrank_sex", "p")[0], 1e-9))
    }

    @Test("--reference ph.ecog=1 makes a numeric column a factor with that reference level, as relevel() (coef, se, tests to 1e-7)")
    func referenceLevel() throws {
        var r = SurvivalRequest(analysis: .cox, dataPath: lung, time: "time", event: "status")
        r.covariates = ["age", "ph.ecog"]
        r.references = [("ph.ecog", "1")]
        let json = try survivalJSON(r)
        let terms = survivalRows(json, "terms")
        #expect(terms.map { $0["term"] as? String } == ["age", "ph.ecog0", "ph.ecog2", "ph.ecog3"])
        for (k, term) in terms.enumerated() {
            #expect(survivalClose(survivalNumber(term["coef"]), reference.numbers("cox_ecog_ref1", "coef")[k], 1e-7))
            #expect(survivalClose(survivalNumber(term["se"]), reference.numbers("cox_ecog_ref1", "se")[k], 1e-7))
        }
        let tests = (json["model"] as! [String: Any])["tests"] as! [String: [String: Any]]
        #expect(survivalClose(survivalNumber(tests["likelihood_ratio"]?["statistic"]), reference.numbers("cox_ecog_ref1", "lr")[0], 1e-7))
        #expect(survivalClose(survivalNumber(tests["wald"]?["statistic"]), reference.numbers("cox_ecog_ref1", "wald")[0], 1e-7))
        #expect(survivalClose(survivalNumber(tests["score"]?["statistic"]), reference.numbers("cox_ecog_ref1", "score")[0], 1e-7))
        let text = try SurvivalReports.run({ var t = r; t.format = .text; return t }())
        #expect(text.contains("reference levels: ph.ecog = 1"))
    }

    @Test("A reference level that does not exist is an error with the levels and a suggestion")
    func unknownReferenceLevel() throws {
        var r = SurvivalRequest(analysis: .km, dataPath: lung, time: "time", event: "status")
        r.group = "sex"
        r.references = [("sex", "3")]
        let error = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
        #expect(error?.description == "--reference sex=3: no such level; levels are 1, 2")
        r.references = [("sex", "2")]
        let rows = survivalRows(try survivalJSON(r), "summary")
        #expect(rows.map { $0["strata"] as? String } == ["sex=2", "sex=1"])
    }

    @Test("0/1, 1/2, TRUE/FALSE and --event-value codings of the same data give the same curve")
    func statusCodings() throws {
        let times = [5, 8, 8, 12, 15, 16, 20, 22, 25, 30]
        let events = [true, false, true, true, false, true, true, false, true, false]
        func file(_ code: (Bool) -> String) throws -> String {
            try survivalTemporaryFile("time,status\n" + zip(times, events).map { "\($0),\(code($1))\n" }.joined())
        }
        func curve(_ path: String, eventValue: String? = nil) throws -> [Double?] {
            var r = SurvivalRequest(analysis: .km, dataPath: path, time: "time", event: "status")
            r.eventValue = eventValue
            return survivalRows(try survivalJSON(r), "curve").map { survivalNumber($0["surv"]) }
        }
        let base = try curve(try file { $0 ? "1" : "0" })
        #expect(base.count == 9)
        #expect(try curve(try file { $0 ? "2" : "1" }) == base)
        #expect(try curve(try file { $0 ? "TRUE" : "FALSE" }) == base)
        #expect(try curve(try file { $0 ? "died" : "alive" }, eventValue: "died") == base)
        #expect(try curve(try file { $0 ? "3" : "0" }, eventValue: "3") == base)
        let bad = try file { $0 ? "2" : "0" }
        let error = #expect(throws: SurvivalReportError.self) { try curve(bad) }
        #expect(error?.description == "\(bad): line 2, column 'status': '2' is not an event indicator (use 0/1, 1/2 with 2 = event, TRUE/FALSE, or --event-value)")
        let missing = try file { $0 ? "died" : "alive" }
        let e2 = #expect(throws: SurvivalReportError.self) { try curve(missing, eventValue: "dead") }
        #expect(e2?.description == "\(missing): column 'status' never holds --event-value 'dead'; values are alive, died")
    }

    @Test("Semicolon- and tab-separated files are detected, printed and read as the comma file (quoted fields kept)")
    func delimiters() throws {
        let comma = "time,status,arm\n5,1,\"A, first\"\n8,0,B\n9,1,\"A, first\"\n12,1,B\n"
        let semicolon = "time;status;arm\n5;1;A, first\n8;0;B\n9;1;\"A, first\"\n12;1;B\n"
        let tab = "time\tstatus\tarm\n5\t1\t\"A, first\"\n8\t0\tB\n9\t1\tA, first\n12\t1\tB\n"
        var outputs: [[[String: Any]]] = []
        for (text, name) in [(comma, "comma"), (semicolon, "semicolon"), (tab, "tab")] {
            var r = SurvivalRequest(analysis: .km, dataPath: try survivalTemporaryFile(text), time: "time", event: "status")
            r.group = "arm"
            let json = try survivalJSON(r)
            #expect((json["conventions"] as! [String: Any])["delimiter"] as? String == name)
            outputs.append(survivalRows(json, "curve"))
        }
        #expect(outputs[0].map { $0["strata"] as? String } == ["arm=A, first", "arm=A, first", "arm=B", "arm=B"])
        for o in outputs.dropFirst() {
            #expect(o.map { $0["strata"] as? String } == outputs[0].map { $0["strata"] as? String })
            #expect(o.map { survivalNumber($0["surv"]) } == outputs[0].map { survivalNumber($0["surv"]) })
        }
        // Line numbers in messages stay the file's own.
        let bad = try survivalTemporaryFile("time;status\n1;1\nx;0\n")
        let error = #expect(throws: SurvivalReportError.self) {
            try SurvivalReports.run(SurvivalRequest(analysis: .km, dataPath: bad, time: "time", event: "status"))
        }
        #expect(error?.description == "\(bad): line 3, column 'time': 'x' is not a finite number")
    }

    @Test("Column names that differ in case or by a small edit get 'did you mean'")
    func didYouMean() throws {
        let path = try survivalTemporaryFile("time,status,ph_ecog\n1,1,0\n2,0,1\n")
        for (asked, hint) in [("Time", " (did you mean 'time'?)"), ("stauts", " (did you mean 'status'?)"), ("ph.ecog", " (did you mean 'ph_ecog'?)"), ("weight", "")] {
            let error = #expect(throws: SurvivalReportError.self) {
                try SurvivalReports.run(SurvivalRequest(analysis: .km, dataPath: path, time: asked, event: "status"))
            }
            #expect(error?.description == "\(path): no column '\(asked)'\(hint); columns are time, status, ph_ecog")
        }
    }

    @Test("--where parsing: every operator, text columns take = and != only, a missing cell never passes")
    func whereParsing() throws {
        #expect(try SurvivalFilter(parsing: "age>=60") == SurvivalFilter(column: "age", comparison: .greaterOrEqual, value: "60"))
        #expect(try SurvivalFilter(parsing: "sex == 2") == SurvivalFilter(column: "sex", comparison: .equal, value: "2"))
        #expect(try SurvivalFilter(parsing: "arm!=B").comparison == .notEqual)
        #expect(try SurvivalFilter(parsing: "t<5").comparison == .less)
        #expect(try SurvivalFilter(parsing: "t<=5").comparison == .lessOrEqual)
        #expect(try SurvivalFilter(parsing: "t>5").comparison == .greater)
        for bad in ["age", "=5", "age>="] {
            let e = #expect(throws: SurvivalReportError.self) { try SurvivalFilter(parsing: bad) }
            #expect(e?.isUsage == true)
        }
        let path = try survivalTemporaryFile("time,status,arm,age\n1,1,A,50\n2,0,B,\n3,1,A,70\n4,1,B,65\n")
        var r = SurvivalRequest(analysis: .km, dataPath: path, time: "time", event: "status")
        r.filters = [try SurvivalFilter(parsing: "age>55")]
        #expect((try survivalJSON(r)["conventions"] as! [String: Any])["where"] as? String == "age>55: 2 of 4 rows kept")
        r.filters = [try SurvivalFilter(parsing: "arm!=A")]
        #expect((try survivalJSON(r)["conventions"] as! [String: Any])["where"] as? String == "arm!=A: 2 of 4 rows kept")
        r.filters = [try SurvivalFilter(parsing: "arm<B")]
        let e = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
        #expect(e?.description == "--where arm<B: column 'arm' holds text; use = or != with it")
        r.filters = [try SurvivalFilter(parsing: "age>90")]
        let none = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(r) }
        #expect(none?.description == "\(path): no rows meet --where age>90")
    }

    @Test("Repeated list options accumulate; a repeated scalar option is reported")
    func repeatedOptions() {
        #expect(SurvivalArguments.repeatedScalars(in: ["km", "--data", "a.csv", "--time", "t", "--time=u", "--event", "s"]) == ["--time"])
        #expect(SurvivalArguments.repeatedScalars(in: ["cox", "--covariates", "a", "--covariates", "b", "--where", "x=1", "--where", "y=2"]).isEmpty)
        #expect(SurvivalArguments.repeatedScalars(in: ["km", "--data", "a", "--", "--data"]).isEmpty)
        #expect(SurvivalArguments.splitList(["a", "b, c", ""]) == ["a", "b", "c"])
    }
}

@Test("timefix on by default as in R (0.1 + 0.2 and 0.3 are one time); timefix = false keeps them apart")
func timefixDefault() throws {
    let path = try survivalTemporaryFile("time,status\n0.1,1\n0.30000000000000004,1\n0.3,1\n0.5,0\n")
    var r = SurvivalRequest(analysis: .km, dataPath: path, time: "time", event: "status")
    let merged = try survivalJSON(r)
    // R: survfit(Surv(c(0.1, 0.1 + 0.2, 0.3, 0.5), c(1, 1, 1, 0)) ~ 1) has 3 times, 2 events at 0.3.
    #expect(survivalRows(merged, "curve").map { survivalNumber($0["n_event"]) } == [1, 2, 0])
    #expect(((merged["conventions"] as! [String: Any])["timefix"] as! String).contains("1 rows' times moved"))
    r.timefix = false
    #expect(survivalRows(try survivalJSON(r), "curve").count == 4)
}
