/// The type a schema column's values are parsed into.
public enum CSVColumnKind: Sendable, Equatable {
    /// A finite floating-point number; stored as `Double`, blank as NaN.
    case double
    /// A whole number that fits in 32 bits (`3`, `-2`, also `3.0`); blank stored as ``IntegerColumn/missing``.
    case integer
    /// Free text, validated as UTF-8; blank (`a,,b`) stored as `nil`, a quoted empty field (`""`) as `""`.
    case text
    /// One of a closed set of levels, matched case-insensitively against accepted spellings;
    /// stored as the level's index, blank as ``IntegerColumn/missing``.
    case category(CSVCategory)
    /// An ISO 8601 date or date-time (see ``ISO8601``); stored as seconds since 1970-01-01T00:00:00Z, blank as NaN.
    case dateTime
}

/// A closed set of levels and the spellings accepted for each.
public struct CSVCategory: Sendable, Equatable {
    /// The canonical name of each level; a stored value is an index into this array.
    public let levels: [String]
    /// Accepted spellings as lowercase UTF-8 bytes, each with the index of its level.
    let spellings: [(bytes: [UInt8], level: Int32)]
    /// Every accepted spelling as declared, in declaration order, for error messages and documentation.
    public let acceptedSpellings: [String]

    /// Creates a category.
    /// - Parameter levels: each level's canonical name followed by any further accepted spellings;
    ///   matching ignores ASCII case, and the canonical name is always accepted.
    public init(_ levels: [(name: String, spellings: [String])]) {
        self.levels = levels.map(\.name)
        var spellings: [(bytes: [UInt8], level: Int32)] = []
        var accepted: [String] = []
        for (index, level) in levels.enumerated() {
            for spelling in [level.name] + level.spellings {
                let bytes = Array(spelling.lowercased().utf8)
                if !spellings.contains(where: { $0.bytes == bytes }) {
                    spellings.append((bytes, Int32(index)))
                    accepted.append(spelling)
                }
            }
        }
        self.spellings = spellings
        self.acceptedSpellings = accepted
    }

    /// Two categories are equal when they have the same levels and spellings.
    public static func == (lhs: CSVCategory, rhs: CSVCategory) -> Bool {
        lhs.levels == rhs.levels && lhs.spellings.elementsEqual(rhs.spellings) { $0.bytes == $1.bytes && $0.level == $1.level }
    }

    /// Returns the level index of `text`, or nil when it is not an accepted spelling.
    public func level(of text: String) -> Int? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { match($0.baseAddress!, bytes.count) }.map(Int.init)
    }

    /// Matches raw field bytes ignoring ASCII case, without creating a `String`.
    func match(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
        for spelling in spellings where spelling.bytes.count == count {
            var equal = true
            spelling.bytes.withUnsafeBufferPointer { expected in
                for index in 0..<count {
                    var byte = bytes[index]
                    if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                    if byte != expected[index] { equal = false; break }
                }
            }
            if equal { return spelling.level }
        }
        return nil
    }
}

/// Whether a column must appear in the header and whether its values may be blank.
public enum CSVRequirement: Sendable, Equatable {
    /// The column must be present and every value non-blank.
    case required
    /// The column must be present; values may be blank.
    case optionalValue
    /// The column may be absent (then every value is missing); values may be blank.
    case optionalColumn
}

/// One column a schema expects.
public struct CSVColumn: Sendable, Equatable {
    /// The canonical name (matched case-insensitively).
    public let name: String
    /// Further header names accepted for this column (matched case-insensitively).
    public let aliases: [String]
    /// The type values are parsed into.
    public let kind: CSVColumnKind
    /// Presence and blank rules.
    public let requirement: CSVRequirement

    /// Creates a column specification.
    public init(_ name: String, _ kind: CSVColumnKind, _ requirement: CSVRequirement = .required, aliases: [String] = []) {
        self.name = name
        self.kind = kind
        self.requirement = requirement
        self.aliases = aliases
    }
}

/// The columns a CSV file is expected to hold, in any order.
public struct CSVSchema: Sendable, Equatable {
    /// The expected columns; results keep this order whatever the file's column order.
    public let columns: [CSVColumn]
    /// Fields longer than this many bytes reject their row (`fieldTooLong`) instead of being parsed.
    public var maxFieldBytes: Int

    /// Creates a schema.
    public init(_ columns: [CSVColumn], maxFieldBytes: Int = 1 << 20) {
        self.columns = columns
        self.maxFieldBytes = maxFieldBytes
    }
}
