/// Builds RFC 4180 CSV text: fields quoted only when they hold a comma, quote, CR or LF; lines end in LF.
///
/// Fields are checked and copied as UTF-8 bytes, not as Characters: a derived table at registry scale has
/// tens of millions of fields, and a byte test also sees the CR of a CRLF pair, which is one Character.
public struct CSVText: Sendable {
    private(set) public var text = ""

    /// Starts a table with its header.
    public init(header: [String]) { append(header) }

    /// Appends one row.
    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            if Self.needsQuotes(field) { text.append(Self.quoted(field)) } else { text.append(field) }
        }
        text.append("\n")
    }

    /// One field, quoted when needed.
    public static func escape(_ s: String) -> String {
        needsQuotes(s) ? quoted(s) : s
    }

    private static func needsQuotes(_ s: String) -> Bool {
        s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// The field in quotes, each quote doubled.
    private static func quoted(_ s: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(s.utf8.count + 4)
        for byte in s.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
