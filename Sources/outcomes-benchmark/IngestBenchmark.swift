import Foundation
import InfusionOutcomes

/// `outcomes-benchmark ingest [--rows N] [--keep]`: generates an assessments-like dataset deterministically,
/// then times reading it into typed columns and the full validated load; compares with pandas when present.
/// `outcomes-benchmark ingest [--rows N] [--repeat R] [--keep]`: generates an assessments-like dataset
/// deterministically, then, R times and interleaved (the machine is shared, so peers run in the same minutes):
/// the reader alone as a whole process on 1 and 2 threads, `data.table::fread` on 1 and 2 threads (timed inside
/// R, with the time column read as text and parsed), pandas `read_csv` (timed inside Python, time parsed), and
/// `outcomes validate` as a whole process on 1 and 2 threads. Prints each run, the medians and the ratios.
enum IngestBenchmark {
    static func run(_ arguments: [String]) {
        var rows = 1_000_000
        var keep = false
        var repeats = 3
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--rows" where index + 1 < arguments.count:
                rows = Int(arguments[index + 1].replacingOccurrences(of: "_", with: "")) ?? rows
                index += 1
            case "--repeat" where index + 1 < arguments.count:
                repeats = max(1, Int(arguments[index + 1]) ?? repeats)
                index += 1
            case "--keep": keep = true
            default:
                print("usage: outcomes-benchmark ingest [--rows N] [--repeat R] [--keep]")
                return
            }
            index += 1
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-ingest-\(rows)")
        let assessmentsPath = folder.appendingPathComponent("assessments.csv").path
        let clock = ContinuousClock()
        // A kept folder from an earlier run is reused (generation is deterministic).
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(".complete").path) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let generation = clock.measure { IngestDatasetGenerator.write(rows: rows, to: folder) }
            FileManager.default.createFile(atPath: folder.appendingPathComponent(".complete").path, contents: Data())
            print("generated in \(format(seconds(generation), 1)) s")
        }
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: assessmentsPath)[.size] as? Int) ?? 0
        let megabytes = Double(bytes) / 1_000_000
        print("ingest benchmark: \(rows) assessment rows, \(format(megabytes, 1)) MB at \(folder.path); \(repeats) interleaved runs; "
              + "load average before: \(WholeProcess.loadAverage())")

        let outcomes = WholeProcess.outcomesExecutable
        let rscript = WholeProcess.findExecutable("Rscript")
        let python = WholeProcess.findExecutable("python3")
        let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts")
        var times: [String: [Double]] = [:]
        var peaks: [String: Double] = [:]
        func record(_ name: String, _ value: Double, peak: Double? = nil) {
            times[name, default: []].append(value)
            if let peak { peaks[name] = max(peaks[name] ?? 0, peak) }
            print(String(format: "  %-44@ %7.2f s%@", name as NSString, value, peak.map { String(format: "  peak %6.0f MB", $0) } ?? ""))
        }
        for run in 1...repeats {
            print("run \(run) (load average \(WholeProcess.loadAverage()))")
            for threads in [1, 2] {
                let reader = WholeProcess.run(WholeProcess.selfExecutable, ["read", assessmentsPath, "--threads", String(threads)])
                if reader.status == 0 { record("reader, whole process, \(threads) thread(s)", reader.seconds, peak: reader.peakMegabytes) }
                else { print("  reader failed: \(reader.output)") }
            }
            if let rscript {
                let r = WholeProcess.run(rscript, [scripts.appendingPathComponent("bench_ingest_fread.R").path, assessmentsPath])
                for line in r.output.split(separator: "\n") {
                    let parts = line.split(separator: " ")
                    guard parts.count >= 2, let value = Double(parts[1]) else { continue }
                    switch parts[0] {
                    case "fread1_text": record("fread 1 thread (time as text), in R", value)
                    case "fread1_parsed": record("fread 1 thread, time parsed, in R", value)
                    case "fread2_text": record("fread 2 threads (time as text), in R", value)
                    case "fread2_parsed": record("fread 2 threads, time parsed, in R", value)
                    case "version": break
                    default: break
                    }
                }
                if run == 1, let version = r.output.split(separator: "\n").first(where: { $0.hasPrefix("version") }) { print("  \(version)") }
            } else if run == 1 { print("  Rscript not found: fread skipped") }
            if let python {
                let pandas = WholeProcess.run(python, [scripts.appendingPathComponent("bench_ingest_pandas_read.py").path, assessmentsPath])
                if pandas.status == 0, let line = pandas.output.split(separator: "\n").first(where: { $0.hasPrefix("pandas_read ") }),
                   let value = Double(line.split(separator: " ")[1]) {
                    record("pandas read_csv, time parsed, in Python", value, peak: pandas.peakMegabytes)
                    if run == 1, let version = pandas.output.split(separator: "\n").first(where: { $0.hasPrefix("version") }) { print("  pandas \(version)") }
                } else if run == 1 { print("  pandas not available") }
            }
            if let outcomes {
                for threads in [1, 2] {
                    let validate = WholeProcess.run(outcomes, ["validate", folder.path], environment: ["OUTCOMES_READER_THREADS": String(threads)])
                    if validate.status == 0 { record("outcomes validate, whole process, \(threads) thread(s)", validate.seconds, peak: validate.peakMegabytes) }
                    else { print("  outcomes validate exited \(validate.status)") }
                }
            } else if run == 1 { print("  outcomes executable not found beside the benchmark: validate skipped") }
        }
        print("medians of \(repeats) runs (load average after: \(WholeProcess.loadAverage())):")
        for name in times.keys.sorted() {
            let value = WholeProcess.median(times[name]!)
            print(String(format: "  %-44@ %7.2f s  %6.1f MB/s%@", name as NSString, value, megabytes / value,
                         peaks[name].map { String(format: "  peak %6.0f MB", $0) } ?? ""))
        }
        func ratio(_ peer: String, _ ours: String, _ label: String) {
            guard let p = times[peer], let o = times[ours] else { return }
            print(String(format: "  %@: %.2fx", label, WholeProcess.median(p) / WholeProcess.median(o)))
        }
        print("ratios (peer time / ours; above 1 means faster than the peer):")
        ratio("fread 1 thread, time parsed, in R", "outcomes validate, whole process, 2 thread(s)", "validate (2 threads, whole process) vs fread 1 thread, time parsed")
        ratio("fread 1 thread (time as text), in R", "outcomes validate, whole process, 2 thread(s)", "validate (2 threads, whole process) vs fread 1 thread, time as text")
        ratio("fread 2 threads, time parsed, in R", "outcomes validate, whole process, 2 thread(s)", "validate (2 threads, whole process) vs fread 2 threads, time parsed")
        ratio("fread 1 thread, time parsed, in R", "reader, whole process, 1 thread(s)", "reader 1 thread vs fread 1 thread, time parsed")
        ratio("fread 2 threads, time parsed, in R", "reader, whole process, 2 thread(s)", "reader 2 threads vs fread 2 threads, time parsed")
        ratio("pandas read_csv, time parsed, in Python", "reader, whole process, 2 thread(s)", "reader 2 threads vs pandas read_csv")
        ratio("pandas read_csv, time parsed, in Python", "outcomes validate, whole process, 2 thread(s)", "validate (whole process) vs pandas read_csv")
    }

    /// `outcomes-benchmark read FILE [--threads N]`: the reader alone on an assessments file (a child process of
    /// `ingest`, so its time and peak memory are its own). Prints seconds inside the process and the typed size.
    static func readOnly(_ arguments: [String]) {
        guard let path = arguments.first else { print("usage: outcomes-benchmark read FILE [--threads N]"); return }
        var threads: Int? = nil
        if let at = arguments.firstIndex(of: "--threads"), at + 1 < arguments.count { threads = Int(arguments[at + 1]) }
        let clock = ContinuousClock()
        var table: CSVTable?
        let duration = clock.measure { table = try? CSVReader.read(fileAt: path, schema: DatasetSchemas.assessments, threads: threads) }
        guard let table, table.issues.isEmpty else { print("error: the reader failed or rejected rows"); exit(1) }
        let columnBytes = typedColumnBytes(table)
        print("read \(table.rowCount) rows in \(format(seconds(duration), 3)) s; typed columns \(format(Double(columnBytes) / 1e6, 1)) MB; "
              + "peak RSS \(format(peakResidentMegabytes(), 1)) MB (\(format(peakResidentMegabytes() * 1e6 / Double(columnBytes), 2))x the typed columns)")
    }

    static func typedColumnBytes(_ table: CSVTable) -> Int {
        table.columns.reduce(0) { total, column in
            switch column {
            case .double(let values), .dateTime(let values): total + values.count * 8
            case .integer(let values), .category(let values): total + values.count * 4
            case .text(let values): total + values.count * MemoryLayout<String?>.stride
                + values.reduce(0) { $0 + (($1?.utf8.count ?? 0) > 15 ? $1!.utf8.count : 0) }
            }
        }
    }

    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024 // Linux reports kilobytes
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func rate(_ rows: Int, _ duration: Duration) -> String {
        format(Double(rows) / seconds(duration), 0)
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
