import Foundation
import Testing
import OutcomesLinearAlgebra
import OutcomesSurvival
@testable import OutcomesReports

/// Writes `text` to a fresh temporary CSV and returns its path.
private func temporaryCSV(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("survival-\(UUID().uuidString).csv")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

private let sample = """
time,status,arm,age,site
5,1,B,61,north
8,0,A,55,south
8,1,A,70,north
12,1,B,48,east
15,0,A,66,south
16,1,B,,north
20,1,A,59,east
22,0,B,63,south
25,1,A,52,north
30,0,B,71,east

"""

@Test("Cox report: coefficients are the library's, text covariates are expanded against the first sorted level, output is byte-stable")
func coxReport() throws {
    let path = try temporaryCSV(sample)
    var request = SurvivalRequest(analysis: .cox, dataPath: path, time: "time", event: "status")
    request.covariates = ["age", "site"]
    request.format = .json
    let first = try SurvivalReports.run(request)
    #expect(first == (try SurvivalReports.run(request)))
    #expect(first.contains("against reference level 'east'"))
    #expect(first.contains("\"term\": \"sitenorth\""))
    #expect(first.contains("1 of 10 rows had a missing value"))
    #expect(first.contains("\"ties\": \"efron\""))

    // The same fit through the library, on the complete rows, with indicators north and south.
    let rows: [(Double, Bool, Double, String)] = [(5, true, 61, "north"), (8, false, 55, "south"), (8, true, 70, "north"), (12, true, 48, "east"),
        (15, false, 66, "south"), (20, true, 59, "east"), (22, false, 63, "south"), (25, true, 52, "north"), (30, false, 71, "east")]
    let design = try Matrix(rows: 9, columns: 3, columnMajor: rows.map(\.2) + rows.map { $0.3 == "north" ? 1 : 0 } + rows.map { $0.3 == "south" ? 1 : 0 })
    let model = try CoxRegression.fit(covariates: design, names: ["age", "sitenorth", "sitesouth"],
                                      data: SurvivalData(exit: rows.map(\.0), event: rows.map(\.1)))
    for term in model.terms {
        #expect(first.contains("\"term\": \"\(term.name)\", \"coef\": \(ReportDocument.exact(term.coefficient)),"))
    }
}

@Test("Kaplan–Meier CSV uses the stable column names; JSON states the conventions")
func kaplanMeierCSV() throws {
    let path = try temporaryCSV(sample)
    var request = SurvivalRequest(analysis: .km, dataPath: path, time: "time", event: "status")
    request.group = "arm"
    request.confType = .logLog
    request.format = .csv
    let out = try SurvivalReports.run(request)
    #expect(out.hasPrefix("strata,time,n_risk,n_event,n_censor,surv,std_err,lower,upper,cumhaz,std_chaz\n"))
    #expect(out.contains("\narm=A,8,5,1,1,"))
    request.format = .json
    #expect(try SurvivalReports.run(request).contains("\"conf_type\": \"log-log\""))
}

@Test("Log-rank and RMST reports carry their statistics")
func logRankAndRMST() throws {
    let path = try temporaryCSV(sample)
    var request = SurvivalRequest(analysis: .logrank, dataPath: path, time: "time", event: "status")
    request.group = "arm"
    request.format = .md
    let lr = try SurvivalReports.run(request)
    #expect(lr.contains("- **chisq**:") && lr.contains("| arm=A |"))
    request.analysis = .rmst
    request.tau = 20
    request.format = .text
    let rmst = try SurvivalReports.run(request)
    #expect(rmst.contains("difference.estimate") && rmst.contains("ratio.lower"))
    request.tau = nil
    #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(request) }
}

@Test("Bad input names file, line, column and value")
func badInput() throws {
    let negative = try temporaryCSV("time,status\n1,1\n-2,0\n")
    let request = SurvivalRequest(analysis: .km, dataPath: negative, time: "time", event: "status")
    let e1 = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(request) }
    #expect(e1?.description == "\(negative): line 3, column 'time': negative time -2.0")

    let badEvent = try temporaryCSV("time,status\n1,1\n2,yes\n")
    let e2 = #expect(throws: SurvivalReportError.self) {
        try SurvivalReports.run(SurvivalRequest(analysis: .km, dataPath: badEvent, time: "time", event: "status"))
    }
    #expect(e2?.description == "\(badEvent): line 3, column 'status': 'yes' is not an event indicator (use 0/1, 1/2 with 2 = event, TRUE/FALSE, or --event-value)")

    let badNumber = try temporaryCSV("time,status\n1,1\nabc,0\n")
    let e3 = #expect(throws: SurvivalReportError.self) {
        try SurvivalReports.run(SurvivalRequest(analysis: .km, dataPath: badNumber, time: "time", event: "status"))
    }
    #expect(e3?.description == "\(badNumber): line 3, column 'time': 'abc' is not a finite number")

    let e4 = #expect(throws: SurvivalReportError.self) {
        try SurvivalReports.run(SurvivalRequest(analysis: .km, dataPath: badNumber, time: "days", event: "status"))
    }
    #expect(e4?.description == "\(badNumber): no column 'days'; columns are time, status")
}

@Test("Options the analysis would not use are rejected, not ignored")
func unusedOptions() throws {
    let path = try temporaryCSV(sample)
    var request = SurvivalRequest(analysis: .cox, dataPath: path, time: "time", event: "status")
    request.covariates = ["age"]
    request.group = "arm"
    request.tau = 10
    let error = #expect(throws: SurvivalReportError.self) { try SurvivalReports.run(request) }
    #expect(error?.description == "options not used by 'cox': --group (add the column to --covariates), --tau")
}

@Test("Rows with a missing value (empty or NA) are dropped and reported with their lines; NA keeps a column numeric")
func missingRowsAreReportedWithLines() throws {
    let path = try temporaryCSV("time,status,age\n5,1,61\nNA,0,55\n8,1,NA\n12,,48\n15,0,66\n")
    var request = SurvivalRequest(analysis: .cox, dataPath: path, time: "time", event: "status")
    request.covariates = ["age"]
    request.format = .text
    let output = try SurvivalReports.run(request)
    #expect(output.contains("3 of 5 rows had a missing value (empty or NA) in a used column and were excluded, as R's na.omit (lines 3, 4, 5)"))
    // 'age' holds NA, yet its remaining values are numbers: one numeric coefficient, not indicators.
    let input = try SurvivalInput(request)
    #expect(input.names == ["age"])
    #expect(input.rowsRead == 5)
}

@Test("A row with the wrong number of fields stops the run with file and line, not a silent drop")
func wrongFieldCountIsAnError() throws {
    let path = try temporaryCSV("time,status\n1,1\n2,0,7\n3,1\n")
    let error = #expect(throws: SurvivalReportError.self) {
        try SurvivalReports.run(SurvivalRequest(analysis: .km, dataPath: path, time: "time", event: "status"))
    }
    #expect(error?.description.hasPrefix("\(path):3: ") == true)
    #expect(error?.description.contains("row has 3 fields, header has 2") == true)
}
