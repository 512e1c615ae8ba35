import Foundation
import Testing
@testable import OutcomesReports

private let executable = outcomesExecutable
private func outcomes(_ arguments: [String], input: String = "") throws -> (status: Int32, out: String, err: String) {
    try runOutcomes(arguments, input: input)
}

@Suite("outcomes survival at the shell: stdin, exit statuses, repeated options, files", .enabled(if: executable != nil))
struct SurvivalCommandLineTests {
    let lung = survivalFixturePath("lung_r.csv")

    @Test("--data - reads standard input (here semicolon-separated) and says so")
    func standardInput() throws {
        let text = try String(contentsOfFile: lung, encoding: .utf8).replacingOccurrences(of: ",", with: ";")
        let run = try outcomes(["survival", "logrank", "--data", "-", "--time", "time", "--event", "status", "--group", "sex", "--format", "json"], input: text)
        #expect(run.status == 0)
        #expect(run.out.contains("\"data\": \"standard input: 228 rows used of 228\""))
        #expect(run.out.contains("\"delimiter\": \"semicolon\""))
        #expect(run.out.contains("\"chisq\": 10.32674195488"))
    }

    @Test("Exit statuses: 64 for usage (repeated scalar, unknown table, missing --tau), 2 for bad data; one line on stderr")
    func exitStatuses() throws {
        let base = ["survival", "km", "--data", lung, "--event", "status"]
        let repeated = try outcomes(base + ["--time", "time", "--time", "age"])
        #expect(repeated.status == 64)
        #expect(repeated.err.contains("--time given more than once"))
        let table = try outcomes(base + ["--time", "time", "--format", "csv", "--table", "median"])
        #expect(table.status == 64)
        #expect(table.err == "survival: --table median: no such table for 'km'; tables are summary, curve, quantiles\n")
        let tau = try outcomes(["survival", "rmst", "--data", lung, "--time", "time", "--event", "status"])
        #expect(tau.status == 64 && tau.err.contains("--tau"))
        let column = try outcomes(base + ["--time", "Time"])
        #expect(column.status == 2)
        #expect(column.err.hasPrefix("survival: \(lung): no column 'Time' (did you mean 'time'?)"))
        #expect(column.out.isEmpty)
    }

    @Test("Repeated --covariates accumulate: the same fit as a,b")
    func repeatedListOption() throws {
        let common = ["survival", "cox", "--data", lung, "--time", "time", "--event", "status", "--format", "csv"]
        let joined = try outcomes(common + ["--covariates", "age,sex"])
        let repeated = try outcomes(common + ["--covariates", "age", "--covariates", "sex"])
        #expect(joined.status == 0 && joined.out == repeated.out)
        #expect(joined.out.split(separator: "\n").count == 3)
    }

    @Test("--out DIR, --plot FILE and --residuals with --out FILE write their files")
    func files() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("survival-cli-\(UUID().uuidString)")
        let figure = folder.path + ".svg"
        let run = try outcomes(["survival", "km", "--data", lung, "--time", "time", "--event", "status", "--group", "sex",
                                "--out", folder.path, "--plot", figure])
        #expect(run.status == 0)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == [".outcomes-output", "summary.csv", "curve.csv", "quantiles.csv", "km.json"])
        #expect(try String(contentsOfFile: figure, encoding: .utf8).contains("Number at risk"))
        let residuals = folder.path + "-martingale.csv"
        let cox = try outcomes(["survival", "cox", "--data", lung, "--time", "time", "--event", "status", "--covariates", "age",
                                "--residuals", "martingale", "--out", residuals])
        #expect(cox.status == 0)
        #expect(try String(contentsOfFile: residuals, encoding: .utf8).hasPrefix("row,residual\n1,"))
    }

    @Test("outcomes --version prints the version")
    func version() throws {
        let run = try outcomes(["--version"])
        #expect(run.status == 0 && run.out == ToolVersion.current + "\n")
    }
}
