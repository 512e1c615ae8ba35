/// Errors from survival estimation. Row indices are zero-based positions in the input arrays.
public enum SurvivalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must have one value per row have different lengths.
    case lengthMismatch(String)
    /// A time, entry time, weight or covariate is NaN or infinite.
    case nonFinite(name: String, row: Int, value: Double)
    /// A follow-up time is negative.
    case negativeTime(row: Int, value: Double)
    /// An entry (start) time is not strictly before the exit (stop) time.
    case entryNotBeforeExit(row: Int, entry: Double, exit: Double)
    /// A case weight is negative or zero.
    case nonPositiveWeight(row: Int, value: Double)
    /// The data have no rows.
    case empty
    /// The analysis needs a grouping with at least two groups.
    case needsTwoGroups(found: Int)
    /// The request cannot be computed for these data, with the reason.
    case invalidArgument(String)
    /// A numerical step failed (for example a singular information matrix).
    case numerical(String)

    /// A one-line message naming the offending row (one-based) and value.
    public var description: String {
        switch self {
        case .lengthMismatch(let s): return "length mismatch: \(s)"
        case .nonFinite(let name, let row, let value): return "\(name) at row \(row + 1) is not finite (\(value))"
        case .negativeTime(let row, let value): return "time at row \(row + 1) is negative (\(value))"
        case .entryNotBeforeExit(let row, let entry, let exit):
            return "entry time \(entry) at row \(row + 1) is not before the exit time \(exit)"
        case .nonPositiveWeight(let row, let value): return "weight at row \(row + 1) is not positive (\(value))"
        case .empty: return "no observations"
        case .needsTwoGroups(let found): return "at least two groups are needed, found \(found)"
        case .invalidArgument(let s): return s
        case .numerical(let s): return "numerical failure: \(s)"
        }
    }
}
