/// Text from the data (adverse-event terms, site names, claim texts) made safe for a Markdown table cell: a `|`
/// cannot split the cell, a newline cannot end the row, and `<`, `>` and `&` cannot open HTML (a `<script>` in
/// a term prints as text). The one place the report escapes data for Markdown.
public enum MarkdownText {
    public static func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r", "\r\n", "\u{2028}", "\u{2029}": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\": out += "\\\\"
            case "`": out += "\\`"
            default: out.append(ch)
            }
        }
        return out
    }
}
