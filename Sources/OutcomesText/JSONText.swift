/// JSON text pieces, the same in every command: strings escaped per RFC 8259 (quote, backslash, control
/// characters; everything else as UTF-8), numbers by ``NumberText/shortest(_:)``, non-finite numbers as `null`.
public enum JSONText {
    /// `s` as a quoted JSON string.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// `x` as a JSON number, or `null` when it is NaN or infinite (JSON has no such numbers).
    public static func number(_ x: Double) -> String { x.isFinite ? NumberText.shortest(x) : "null" }
}
