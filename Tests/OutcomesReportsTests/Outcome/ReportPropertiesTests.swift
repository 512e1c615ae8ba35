import Foundation
import Testing
@testable import OutcomesReports
import OutcomesClinical
import OutcomesSynthetic

/// Properties of the report folder that no single number shows: no patient identifier or exact date anywhere,
/// no count from 1 to 10 recoverable, data text escaped, and the `--no-suppress` banner.
@Suite struct ReportPropertiesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sample report with the default options (suppression on, no patient tables), written once.
    static let sample: Result<URL, any Error> = Result {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sample-properties-\(UUID().uuidString)")
        _ = try Reports.report(datasetAt: root.appendingPathComponent("datasets/sample").path, planPath: nil,
                               claimsPath: root.appendingPathComponent("datasets/claims/seed-claims.yaml").path, allowRejected: false,
                               outputPath: out.path, publishedPath: root.appendingPathComponent("datasets/published/response-rates.csv").path)
        return out
    }

    static func files(under folder: URL) throws -> [(name: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        var out: [(String, String)] = []
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            out.append((url.path.replacingOccurrences(of: folder.path + "/", with: ""), try String(contentsOf: url, encoding: .utf8)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// Every patient identifier of the dataset and every calendar date (YYYY-MM-DD) of an infusion, assessment or
    /// adverse event: none may appear in any file of the report folder.
    @Test func noPatientIdentifierOrExactDateInTheReportFolder() throws {
        let out = try Self.sample.get()
        let data = Self.root.appendingPathComponent("datasets/sample")
        let ids = try String(contentsOf: data.appendingPathComponent("patients.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        var dates: Set<String> = []
        for file in ["infusions.csv", "assessments.csv", "adverse_events.csv"] {
            for line in try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if fields.count > 1 { dates.insert(String(fields[1].prefix(10))) }
            }
        }
        #expect(ids.count == 600 && dates.count > 300)
        let files = try Self.files(under: out)
        #expect(files.contains { $0.name.hasPrefix("tables/") } && !files.contains { $0.name.hasPrefix("patient_tables/") })
        for (name, text) in files {
            for id in ids where text.contains(id) { Issue.record("\(name) contains patient id \(id)") }
            // Dates: any YYYY-MM-DD token of the data.
            let tokens = text.split(whereSeparator: { !($0.isNumber || $0 == "-") })
            for t in tokens where t.count >= 10 && dates.contains(String(t.prefix(10))) { Issue.record("\(name) contains the date \(t)") }
        }
    }

    /// No count from 1 to 10 can be read from the tidy tables: not as a count column, not as successes or
    /// non-successes of a shown rate. In report.md, no "k / n" shows k, n − k or n from 1 to 10.
    @Test func noSmallCountIsShownOrRecoverable() throws {
        let out = try Self.sample.get()
        let small = 1...10
        let countColumns: Set<String> = ["successes", "patients", "events", "left_patients", "serious", "led_to_discontinuation", "n", "at_risk"]
        for (name, text) in try Self.files(under: out.appendingPathComponent("tables")) {
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let header = lines.first else { continue }
            let s = header.firstIndex(of: "successes"), p = header.firstIndex(of: "patients")
            for row in lines.dropFirst() where row.count == header.count {
                for (j, column) in header.enumerated() where countColumns.contains(column) {
                    if let v = Int(row[j]), small.contains(v) { Issue.record("\(name): \(column) = \(v) in \(row)") }
                }
                if let s, let p, let k = Int(row[s]), let n = Int(row[p]), small.contains(n - k) {
                    Issue.record("\(name): \(n) − \(k) = \(n - k) recoverable in \(row)")
                }
            }
        }
        let full = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        // The published studies' counts are the studies', not the practice's patients: leave that block out.
        var md = "", published = false
        for line in full.split(separator: "\n") {
            if line.hasPrefix("#") { published = line.hasPrefix("### Compared with published series") }
            if !published { md += line + "\n" }
        }
        // "k / n" followed by an interval or the cell's end; "<11 / n" is a hidden numerator.
        let pattern = try Regex(#"(\d+) / (\d+)(?= \(| \|)"#)
        for match in md.matches(of: pattern) {
            if match.range.lowerBound > md.startIndex, "<.0123456789".contains(md[md.index(before: match.range.lowerBound)]) { continue }
            guard let k = Int(match.output[1].substring ?? ""), let n = Int(match.output[2].substring ?? "") else { continue }
            for v in [k, n, n - k] where small.contains(v) { Issue.record("report.md: \(match.output[0].substring ?? "") shows \(v)") }
        }
        #expect(md.contains("<11"), "the sample has small cells: some must be hidden")
    }

    /// Figures: counts in labels are suppressed like the tables (flow diagram counts, numbers at risk), the
    /// survival figures carry censoring marks and a "Number at risk" table, and every figure is in figures/.
    @Test func figuresCarryNoSmallCountAndTheirMarks() throws {
        let out = try Self.sample.get()
        let figures = try Self.files(under: out.appendingPathComponent("figures"))
        #expect(Set(figures.map(\.name)).isSuperset(of: ["patient_flow_phq9.svg", "waterfall_phq9.svg", "first_response_phq9.svg",
                                                         "relapse_free_phq9_by_strategy.svg", "maintenance_forest_phq9.svg",
                                                         "trajectories_phq9.svg", "trend.svg"]))
        let countNode = try Regex(#"class="(flow-count|exit-count|risk-count)"[^>]*>(n = )?(\d+)</text>"#)
        for (name, svg) in figures {
            for match in svg.matches(of: countNode) {
                if let v = Int(match.output[3].substring ?? ""), (1...10).contains(v) { Issue.record("\(name): count \(v) in a label") }
            }
        }
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        for (name, svg) in figures {
            #expect(md.contains("(figures/\(name))"), "\(name) is not shown in report.md")
            if name.hasPrefix("relapse_free") || name.hasPrefix("first_response") {
                #expect(svg.contains("class=\"censor\"") && svg.contains("Number at risk"), "\(name)")
            }
        }
    }

    /// Every table under tables/ is tidy CSV: a header, rows of the same width, no comment lines.
    @Test func tablesAreTidyCSV() throws {
        for (name, text) in try Self.files(under: try Self.sample.get().appendingPathComponent("tables")) {
            #expect(!text.hasPrefix("#") && !text.contains("\n#"), "\(name) has a comment line")
            #expect(text.hasSuffix("\n") && text.split(separator: "\n").count >= 1, "\(name)")
        }
    }

    /// A `|`, `<script>` and a newline in an adverse-event term and a site name cannot break a Markdown table or
    /// inject HTML. (Diagnosis labels are a closed vocabulary: the loader rejects any other text.)
    @Test func dataTextIsEscaped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("escape-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SyntheticCohort.generate(patients: 60, seed: 7).write(to: dir)
        let evil = "\"bad|term <script>alert(1)</script>\nsecond line\""
        for (file, column) in [("adverse_events.csv", 2), ("patients.csv", 5)] {
            let url = dir.appendingPathComponent(file)
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in 1..<min(lines.count, 40) where !lines[i].isEmpty {
                var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[column] = evil
                lines[i] = fields.joined(separator: ",")
            }
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let out = dir.appendingPathComponent("report")
        _ = try Reports.report(datasetAt: dir.path, planPath: nil, claimsPath: nil, allowRejected: false, outputPath: out.path,
                               options: OutcomeReportOptions(suppression: .none))
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(!md.contains("<script>"))
        #expect(md.contains("bad\\|term &lt;script&gt;alert(1)&lt;/script&gt; second line"))
        #expect(!md.split(separator: "\n").contains { $0.hasPrefix("second line") }, "a newline ended a table row")
        // Every row of every table has as many cell separators as its header.
        var expected: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let separators = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let expected { #expect(separators == expected, "\(line)") } else { expected = separators }
        }
        for (name, text) in try Self.files(under: out.appendingPathComponent("figures")) { #expect(!text.contains("<script>"), "\(name)") }
    }

    @Test func escapeForMarkdownCells() {
        #expect(MarkdownText.cell("a|b\nc <b>&") == "a\\|b c &lt;b&gt;&amp;")
    }
}
