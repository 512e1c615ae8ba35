import OutcomesConcurrency

/// Builds RFC 4180 CSV text: fields quoted only when they hold a comma, quote, CR or LF; lines end in LF.
///
/// Fields are checked and copied as UTF-8 bytes into one byte buffer, not appended as Strings: a derived table
/// at registry scale has tens of millions of fields, and a byte test also sees the CR of a CRLF pair, which is
/// one Character.
public struct CSVText: Sendable {
    private var bytes: [UInt8] = []

    /// The table so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts a table with its header.
    public init(header: [String]) { append(header) }

    private init() {}

    /// A whole table whose rows are formatted in consecutive chunks on several threads and joined in order
    /// (the text is the same with any number of threads): `row(i)` gives the fields of row `i` of `count`.
    public static func table(header: [String], rows count: Int, threads: Int = OrderedChunks.defaultThreads,
                             row: @Sendable (Int) -> [String]) -> String {
        let chunks = OrderedChunks.map(count: count, chunkSize: 8_192, threads: threads) { range in
            var part = CSVText()
            for index in range { part.append(row(index)) }
            return part.bytes
        }
        var table = CSVText(header: header)
        table.bytes.reserveCapacity(table.bytes.count + chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks { table.bytes += chunk }
        return table.text
    }

    /// Appends one row.
    public mutating func append(_ fields: [String]) {
        for index in fields.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var field = fields[index]
            field.withUTF8 { Self.appendField($0, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// One field, quoted when needed.
    public static func escape(_ s: String) -> String {
        var field = s
        return field.withUTF8 { utf8 in
            guard needsQuotes(utf8) else { return s }
            var out: [UInt8] = []
            appendField(utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// The field as is, or in quotes with each quote doubled.
    private static func appendField(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard needsQuotes(utf8) else { out.append(contentsOf: utf8); return }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
