import Foundation
import Testing
@testable import OutcomesTabular
import OutcomesRandom

/// Reading on 2 or 3 threads gives the one-thread result byte for byte: same columns (bit patterns of doubles,
/// through their printed form), lines, issues, warnings, accounting, or the same error. Deterministic.
@Suite struct ParallelReadTests {
    /// The one-thread result with every byte through libcsv (no plain-line splitting): the reference.
    static func reference(_ path: String, schema: CSVSchema?, projection: Set<String>? = nil) -> String {
        Tokenizer.splitsPlainLines = false
        defer { Tokenizer.splitsPlainLines = true }
        return outcome(path, schema: schema, projection: projection, threads: 1)
    }

    /// Everything a read produced, or the error, as text (doubles print as their shortest round trip).
    static func outcome(_ path: String, schema: CSVSchema?, projection: Set<String>? = nil, threads: Int) -> String {
        do {
            if let schema {
                let table = try CSVReader.readFile(path: path, file: "f.csv", schema: schema, chunkBytes: 1 << 20,
                                                   threads: threads, parallelMinimumBytes: 0).makeTable()
                return "\(table.columns)|\(table.extraColumns)|\(table.lines)|\(table.issues)|\(table.warnings)|\(table.accounting)|\(table.headerNames)|\(table.timeForms.sorted { $0.key < $1.key })"
            }
            let state = try CSVReader.readFile(path: path, file: "f.csv", schema: nil, projection: projection, chunkBytes: 1 << 20,
                                               threads: threads, parallelMinimumBytes: 0)
            guard let table = state.makeAnyTable() else { return "mixed \(state.mixedColumns().sorted())|\(state.lines)|\(state.issues)" }
            return "\(table.names)|\(table.columns)|\(table.lines)|\(table.issues)|\(table.accounting)"
        } catch {
            return "error \(error)"
        }
    }

    /// Whether the split read was used (not the one-thread fallback) for `path`.
    static func splits(_ path: String, threads: Int) -> Bool {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var status = stat()
        fstat(descriptor, &status)
        let result = try? ParallelRead.read(descriptor: descriptor, size: Int(status.st_size),
                                            state: ParseState(file: "f.csv", schema: nil), threads: threads)
        return result.flatMap { $0 } != nil
    }

    static var testsFolder: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent() }

    @Test func everyFixtureAndTheMalformedCorpusReadTheSameOnAnyNumberOfThreads() throws {
        let root = Self.testsFolder.deletingLastPathComponent()
        var paths: [String] = []
        for folder in ["Tests", "datasets"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".csv") else { continue }
                paths.append(root.appendingPathComponent(folder).appendingPathComponent(relative).path)
            }
        }
        #expect(paths.count > 50)
        var split = 0
        for path in paths {
            for schema in [nil, simpleSchema, fullSchema] {
                let one = Self.reference(path, schema: schema)
                for threads in [1, 2, 3] {
                    #expect(Self.outcome(path, schema: schema, threads: threads) == one, "\(path) on \(threads) threads")
                }
            }
            if Self.splits(path, threads: 2) { split += 1 }
        }
        // Most fixtures are really split (the others fall back to one thread: too short, or a quoted field at the cut).
        #expect(split > paths.count / 2)
    }

    /// Generated files with quoted fields holding line breaks, commas and quotes, CRLF and lone CR line ends,
    /// blank lines, ragged rows, bad values, and sometimes a NUL byte, a malformed or an unterminated quote.
    @Test func generatedAwkwardFilesReadTheSameOnAnyNumberOfThreads() throws {
        var random = SplitMix64(seed: 15)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-read-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var split = 0
        let files = 150
        for number in 0..<files {
            let endings = ["\n", "\r\n", random.below(4) == 0 ? "\r" : "\n"]
            // Half the files are plain (no quotes, LF only): the lines libcsv does not see.
            let plain = number % 2 == 0
            let ending = plain ? "\n" : endings[random.below(3)]
            var text = (random.below(5) == 0 ? "\u{FEFF}" : "") + "id,score,count,when,group,note" + ending
            let rows = 5 + random.below(60)
            for row in 0..<rows {
                var fields = ["p\(row)", String(Double(random.below(100_000)) / 100), String(random.below(50) - 5),
                              "2025-0\(1 + random.below(9))-1\(random.below(10))", ["a", "B", "bee", "", "c"][random.below(5)],
                              ["plain", "\"two\nlines\"", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"\"", "", "\"cr\r\nlf\"", " two words\t",
                               "\t", "  ", "é"][plain ? [0, 5, 7, 8, 9, 10][random.below(6)] : random.below(random.below(3) == 0 ? 11 : 1)]]
                if random.below(4) == 0 { fields[1] = " " + fields[1] + "\t " }
                if random.below(6) == 0 { fields[2] = "" }
                switch random.below(20) {
                case 0: fields.removeLast()
                case 1: fields[1] = "x1"
                case 2: fields[3] = "2025-02-30"
                default: break
                }
                text += fields.joined(separator: ",") + ending
                if random.below(10) == 0 { text += ending }
                if random.below(15) == 0 { text += [" ", "\t", " \t ", ",", " , "][random.below(5)] + ending }
            }
            var bytes = Array(text.utf8)
            switch random.below(12) {
            case 0: bytes.insert(0, at: random.below(bytes.count))
            case 1: bytes += Array("p9,\"open".utf8)
            case 2: bytes.insert(UInt8(ascii: "\""), at: bytes.count / 2)
            default: break
            }
            let path = folder.appendingPathComponent("f\(number).csv").path
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            for schema in [nil, fullSchema] {
                let one = Self.reference(path, schema: schema)
                for threads in [1, 2, 3, 5] {
                    #expect(Self.outcome(path, schema: schema, threads: threads) == one, "file \(number) on \(threads) threads:\n\(text)")
                }
            }
            // Projections, including ones whose trailing columns are all skipped.
            for projection in [["id"], ["score", "count"], ["note"], ["when", "id"]] {
                let one = Self.reference(path, schema: nil, projection: Set(projection))
                for threads in [1, 2, 3] {
                    #expect(Self.outcome(path, schema: nil, projection: Set(projection), threads: threads) == one,
                            "file \(number), columns \(projection), \(threads) threads:\n\(text)")
                }
            }
            if Self.splits(path, threads: 3) { split += 1 }
        }
        #expect(split > files / 3)
    }
}
