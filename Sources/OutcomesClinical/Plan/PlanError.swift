/// A plan file that cannot be used. Every case names the key (as `section.key`) and what is allowed.
public struct PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The plan file, or `<string>` when parsed from text.
    public let file: String
    /// One-based line in the file, when known.
    public let line: Int?
    /// The offending key as `section.key`, or the section alone.
    public let key: String
    /// What is wrong and what is allowed.
    public let message: String

    public var description: String {
        let at = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(at): \(message)" : "\(at): '\(key)': \(message)"
    }
}
