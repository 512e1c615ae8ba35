/// Builds RFC 4180 CSV text: fields quoted only when they hold a comma, quote, CR or LF; lines end in LF.
public struct CSVText: Sendable {
    private(set) public var text = ""

    /// Starts a table with its header.
    public init(header: [String]) { append(header) }

    /// Appends one row.
    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    /// One field, quoted when needed.
    public static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
