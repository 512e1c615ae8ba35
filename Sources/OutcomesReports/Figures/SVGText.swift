/// The one escaping rule for text placed in an SVG (element content and attribute values alike).
public enum SVGText {
    /// `s` with `& < > " '` written as entities and every newline, tab or other control character (which XML
    /// either forbids or would let break a label over lines) turned into a space, so that data such as a diagnosis
    /// label or an adverse-event term cannot inject markup into a figure.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                // C0 and C1 controls, DEL, line/paragraph separators, and the XML non-characters U+FFFE/U+FFFF.
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFFFE || v == 0xFFFF {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
