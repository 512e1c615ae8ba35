import OutcomesClinical
import OutcomesTabular

/// Renders a ``ValidationReport`` as deterministic text or Markdown: same report, same bytes.
public enum ValidationRendering {
    /// The per-file accounting as aligned plain-text lines (also for the header of later reports).
    public static func accountingLines(_ report: ValidationReport) -> [String] {
        var lines = [pad("file", 20) + lpad("read", 10) + lpad("accepted", 10) + lpad("rejected", 10)]
        for file in report.files {
            if file.isPresent {
                lines.append(pad(file.file.fileName, 20) + lpad(String(file.accounting.rowsRead), 10)
                             + lpad(String(file.accounting.accepted), 10) + lpad(String(file.accounting.rejected), 10))
            } else {
                lines.append(pad(file.file.fileName, 20) + "  (absent; optional)")
            }
        }
        return lines
    }

    /// Summary lines: patients by diagnosis, infusions by route, assessments by instrument, date range.
    public static func summaryLines(_ summary: DatasetSummary) -> [String] {
        func counts<T: RawRepresentable>(_ pairs: [(T, Int)]) -> String where T.RawValue == String {
            pairs.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
        }
        let range = summary.timeRange.map { ISO8601.formatDate($0.lowerBound) + " to " + ISO8601.formatDate($0.upperBound) } ?? "none"
        return [
            "patients by diagnosis: " + counts(summary.patientsByDiagnosis),
            "infusions by route: " + counts(summary.infusionsByRoute),
            "assessments by instrument: " + counts(summary.assessmentsByInstrument),
            "assessments without a total (items missing; the analysis plan decides whether they are usable): \(summary.assessmentsWithoutTotal)",
            "adverse events: \(summary.adverseEventCount)",
            "date range (UTC days): " + range,
        ]
    }

    /// The verdict line.
    public static func resultLine(_ report: ValidationReport) -> String {
        report.hasRejectedRows
            ? "result: \(report.rejectedRows) row(s) rejected (exit status 1)"
            : "result: clean (exit status 0)"
    }

    /// Plain text.
    public static func text(_ report: ValidationReport, summary: DatasetSummary) -> String {
        var lines = ["dataset: \(report.datasetPath)", ""]
        lines += accountingLines(report)
        let issues = report.issues
        if !issues.isEmpty {
            lines += ["", "rejected rows (\(issues.count) issue(s)):"]
            lines += issues.map { "  " + $0.description }
        }
        let warnings = report.warnings
        if !warnings.isEmpty {
            lines += ["", "warnings (\(warnings.count)):"]
            lines += warnings.map { "  " + $0.description }
        }
        lines += ["", "summary of accepted rows:"]
        lines += summaryLines(summary).map { "  " + $0 }
        lines += ["", resultLine(report)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown: a table of accounting; issues and warnings as indented code blocks, which no field value can
    /// break out of (values are single-line; see ``RowIssue/value``).
    public static func markdown(_ report: ValidationReport, summary: DatasetSummary) -> String {
        var lines = ["# Dataset validation", "", "Dataset: `\(report.datasetPath)`", "",
                     "| file | read | accepted | rejected |", "|---|---:|---:|---:|"]
        for file in report.files {
            lines.append(file.isPresent
                ? "| \(file.file.fileName) | \(file.accounting.rowsRead) | \(file.accounting.accepted) | \(file.accounting.rejected) |"
                : "| \(file.file.fileName) | absent (optional) | | |")
        }
        let issues = report.issues
        if !issues.isEmpty {
            lines += ["", "## Rejected rows (\(issues.count) issue(s))", ""] + issues.map { "    " + $0.description }
        }
        let warnings = report.warnings
        if !warnings.isEmpty {
            lines += ["", "## Warnings", ""] + warnings.map { "    " + $0.description }
        }
        lines += ["", "## Summary of accepted rows", ""] + summaryLines(summary).map { "- " + $0 }
        lines += ["", "**" + resultLine(report) + "**"]
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    static func lpad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
