import ArgumentParser
import Foundation
import InfusionOutcomes

extension ReportFormat: ExpressibleByArgument {}
extension ConfidenceTransform: ExpressibleByArgument {}
extension TieMethod: ExpressibleByArgument {}
extension SurvivalEstimator: ExpressibleByArgument {}
extension CoxResidualType: ExpressibleByArgument {}
extension TimeTransform: ExpressibleByArgument {}
extension SurvivalDistribution: ExpressibleByArgument {}
extension TurnbullAlgorithm: ExpressibleByArgument {}

/// The time-to-event columns of the analyses of one event: time, status and its coding, entry, weights.
struct SurvivalOutcomeOptions: ParsableArguments {
    @Option(help: "Column with the exit (event or censoring) time.")
    var time: String
    @Option(help: "Column with the status: 0/1, 1/2 (2 = event, as R's Surv) or TRUE/FALSE.")
    var event: String
    @Option(name: .customLong("event-value"), help: "The status value that marks an event; every other value is censored.")
    var eventValue: String?
    @Option(help: "Column with the entry time (delayed entry, counting process).")
    var start: String?
    @Option(help: "Column with case weights.")
    var weights: String?

    /// The request with these columns set.
    func request(_ analysis: SurvivalAnalysisKind, _ source: SurvivalInputOptions) throws -> SurvivalRequest {
        var r = try source.request(analysis, time: time, event: event)
        r.eventValue = eventValue
        r.start = start
        r.weights = weights
        return r
    }
}

/// The time-to-event columns of km and survreg: `--time/--event` for right-censored rows, or `--left/--right`
/// for interval-censored rows.
struct SurvivalEitherOutcomeOptions: ParsableArguments {
    @Option(help: "Column with the exit (event or censoring) time (or use --left/--right).")
    var time: String?
    @Option(help: "Column with the status: 0/1, 1/2 (2 = event, as R's Surv) or TRUE/FALSE.")
    var event: String?
    @Option(name: .customLong("event-value"), help: "The status value that marks an event; every other value is censored.")
    var eventValue: String?
    @Option(help: "Column with the entry time (delayed entry, counting process).")
    var start: String?
    @Option(help: "Column with case weights.")
    var weights: String?
    @Option(help: "Interval-censored data: column with the left end (empty = left-censored).")
    var left: String?
    @Option(help: "Interval-censored data: column with the right end (empty, NA or Inf = right-censored).")
    var right: String?

    func validate() throws {
        switch (time != nil || event != nil, left != nil || right != nil) {
        case (true, true): throw ValidationError("use --time/--event or --left/--right, not both")
        case (false, false): throw ValidationError("give --time COL --event COL, or --left COL --right COL for interval-censored data")
        case (true, false) where time == nil || event == nil: throw ValidationError("--time and --event go together")
        case (false, true) where left == nil || right == nil: throw ValidationError("--left and --right go together")
        default: break
        }
        if left != nil && eventValue != nil { throw ValidationError("--event-value belongs to --event, not --left/--right") }
    }

    func request(_ analysis: SurvivalAnalysisKind, _ source: SurvivalInputOptions) throws -> SurvivalRequest {
        var r = try source.request(analysis, time: time ?? "", event: event ?? "")
        r.eventValue = eventValue
        r.start = start
        r.weights = weights
        r.left = left
        r.right = right
        return r
    }
}

/// The options every survival analysis shares: the data, the subset, reference levels, the output.
struct SurvivalInputOptions: ParsableArguments {
    @Option(help: "CSV file with a header row (comma, semicolon or tab separated; detected); - reads standard input.")
    var data: String
    @Option(name: .customLong("where"), help: "Subset: COL=VALUE, or COL with !=, <, <=, >, >= (repeatable; all must hold).")
    var filters: [String] = []
    @Option(help: "Reference level of a categorical group or covariate, COL=LEVEL (repeatable).")
    var reference: [String] = []
    @Option(name: .customLong("conf-level"), help: "Confidence level.")
    var confLevel: Double = 0.95
    @Flag(name: .customLong("no-timefix"), help: "Use times exactly as read (R merges times that differ by floating-point noise, timefix = TRUE).")
    var noTimefix = false
    @Option(help: "Output format: text, csv (one table), json or md.")
    var format: ReportFormat = .text
    @Option(help: "The table --format csv writes (default: the analysis's main table).")
    var table: String?
    @Option(help: "Folder to write every table as its own CSV plus the JSON (cox --residuals: the residuals' CSV file).")
    var out: String?

    func validate() throws {
        let repeated = SurvivalArguments.repeatedScalars(in: Array(CommandLine.arguments.dropFirst()))
        if !repeated.isEmpty {
            throw ValidationError("\(repeated.joined(separator: ", ")) given more than once; only --covariates, --where, --reference and --times accumulate")
        }
    }

    /// The request with the shared options set.
    func request(_ analysis: SurvivalAnalysisKind, time: String, event: String) throws -> SurvivalRequest {
        var r = SurvivalRequest(analysis: analysis, dataPath: data, time: time, event: event)
        r.level = confLevel
        r.timefix = !noTimefix
        r.format = format
        r.table = table
        do {
            r.filters = try filters.map { text throws(SurvivalReportError) in try SurvivalFilter(parsing: text) }
            r.references = try reference.map { text throws(SurvivalReportError) in try SurvivalArguments.reference(text) }
        } catch { throw ValidationError(error.description) }
        return r
    }

    /// Runs the analysis: prints the output, writes `--out` and the figure. Usage errors exit 64, bad data or an
    /// analysis that could not run exit 2, each with one line on standard error.
    func execute(_ request: SurvivalRequest, plot: String? = nil, residualsFile: String? = nil) throws {
        do {
            let result = try SurvivalReports.analyse(request)
            let output = try result.render(request.format, table: request.table)
            if let plot, let svg = result.figure {
                do { try Data(svg.utf8).write(to: URL(fileURLWithPath: plot), options: .atomic) } catch {
                    throw SurvivalReportError(description: "\(plot): cannot write the figure (\(error.localizedDescription))")
                }
            }
            if let residualsFile, let csv = result.residualsCSV {
                do { try Data(csv.utf8).write(to: URL(fileURLWithPath: residualsFile), options: .atomic) } catch {
                    throw SurvivalReportError(description: "\(residualsFile): cannot write the residuals (\(error.localizedDescription))")
                }
            }
            if let out {
                do { try OutputFolder.write(result.files(), to: out) } catch {
                    throw SurvivalReportError(description: "--out \(out): \(error)")
                }
            }
            print(output, terminator: "")
        } catch let error as SurvivalReportError {
            printError("survival: \(error.description)")
            throw ExitCode(error.exitStatus)
        }
    }
}

/// The grouping options of the curve analyses.
struct SurvivalGroupOptions: ParsableArguments {
    @Option(help: "Column with the groups to compare.")
    var group: String?
    @Option(help: "Column with strata.")
    var strata: String?
}

/// The model options of cox and zph.
struct SurvivalModelOptions: ParsableArguments {
    @Option(help: "Covariate columns, comma-separated or repeated; text columns become indicators (see --reference).")
    var covariates: [String] = []
    @Option(help: "Column with strata (separate baseline hazards).")
    var strata: String?
    @Option(help: "Column with cluster ids for the robust variance.")
    var cluster: String?
    @Option(help: "Tie handling: efron or breslow.")
    var ties: TieMethod = .efron

    func apply(to r: inout SurvivalRequest) {
        r.covariates = SurvivalArguments.splitList(covariates)
        r.strata = strata
        r.cluster = cluster
        r.ties = ties
    }
}
