/// Output formats of `outcomes validate`.
public enum ValidationReportFormat: String, Sendable, CaseIterable {
    /// Plain text for the terminal.
    case text
    /// Markdown for a report folder.
    case markdown = "md"
}
