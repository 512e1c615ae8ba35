import Foundation
import InfusionOutcomes

/// `outcomes-benchmark ingest [--rows N] [--keep]`: generates an assessments-like dataset deterministically,
/// then times reading it into typed columns and the full validated load; compares with pandas when present.
enum IngestBenchmark {
    static func run(_ arguments: [String]) {
        var rows = 1_000_000
        var keep = false
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--rows" where index + 1 < arguments.count:
                rows = Int(arguments[index + 1].replacingOccurrences(of: "_", with: "")) ?? rows
                index += 1
            case "--keep": keep = true
            default:
                print("usage: outcomes-benchmark ingest [--rows N] [--keep]")
                return
            }
            index += 1
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-ingest-\(rows)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }

        let clock = ContinuousClock()
        let generation = clock.measure { IngestDatasetGenerator.write(rows: rows, to: folder) }
        let assessmentsPath = folder.appendingPathComponent("assessments.csv").path
        let bytes = (try? FileManager.default.attributesOfItem(atPath: assessmentsPath)[.size] as? Int) ?? 0
        let megabytes = Double(bytes) / 1_000_000
        print("ingest benchmark: \(rows) assessment rows, \(format(megabytes, 1)) MB (generated in \(format(seconds(generation), 1)) s) at \(folder.path)")

        // 1. Reader only: assessments.csv into typed columns. Scoped so the table is freed before step 2
        // (peak RSS is a process-wide maximum: step 2's figure must not include step 1's table).
        guard let columnBytes = readerOnly(assessmentsPath: assessmentsPath, rows: rows, megabytes: megabytes, clock: clock) else { return }

        // 2. Full ingest + validation: all files, rules, typed records sorted per patient.
        var loaded: ValidatedDataset?
        let loadTime = clock.measure { loaded = try? ClinicDataset.load(at: folder.path) }
        guard let loaded, !loaded.report.hasRejectedRows, loaded.dataset.assessments.count == rows else {
            print("error: validated load failed or rejected rows"); return
        }
        let recordBytes = loaded.dataset.assessments.count * MemoryLayout<Assessment>.stride
        print("ingest + validation: \(format(seconds(loadTime), 2)) s, \(rate(rows, loadTime)) rows/s, "
              + "\(format(megabytes / seconds(loadTime), 1)) MB/s; assessment records \(format(Double(recordBytes) / 1_000_000, 1)) MB; "
              + "peak RSS \(format(peakResidentMegabytes(), 1)) MB (\(format(peakResidentMegabytes() * 1_000_000 / Double(columnBytes), 2))x the typed columns)")

        runPandas(folder: folder, swiftSeconds: seconds(loadTime))
    }

    /// Step 1: the reader alone; returns the typed columns' size, or nil when it failed.
    static func readerOnly(assessmentsPath: String, rows: Int, megabytes: Double, clock: ContinuousClock) -> Int? {
        var table: CSVTable?
        let readTime = clock.measure {
            table = try? CSVReader.read(fileAt: assessmentsPath, schema: DatasetSchemas.assessments)
        }
        guard let table, table.accounting.accepted == rows else { print("error: reader did not accept every row"); return nil }
        let columnBytes = typedColumnBytes(table)
        print("reader (typed columns): \(format(seconds(readTime), 2)) s, \(rate(rows, readTime)) rows/s, "
              + "\(format(megabytes / seconds(readTime), 1)) MB/s; typed columns \(format(Double(columnBytes) / 1_000_000, 1)) MB; "
              + "peak RSS \(format(peakResidentMegabytes(), 1)) MB")

        return columnBytes
    }

    static func runPandas(folder: URL, swiftSeconds: Double) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/bench_ingest_pandas.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { print("pandas: not run (\(error))"); return }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { print("pandas: not available (python3 with pandas not found)"); return }
        print(output, terminator: "")
        if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("pandas seconds=") }),
           let pandasSeconds = Double(line.dropFirst("pandas seconds=".count)) {
            print("ratio pandas / swift (ingest + validation): \(format(pandasSeconds / swiftSeconds, 2))x")
        }
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
