/// Axis arithmetic shared by the figures: "nice" tick steps (1, 2, 2.5 or 5 times a power of ten) and the
/// deterministic number formats used for coordinates and labels.
public enum FigureScale {
    /// Ticks at multiples of a nice step from 0 up to `maximum` (at most a rounding error beyond it), about
    /// `target` intervals apart, so every tick (and the risk table under it) lies inside the plot.
    public static func ticks(upTo maximum: Double, target: Int = 8) -> [Double] {
        let top = maximum > 0 && maximum.isFinite ? maximum : 1
        let step = niceStep(top / Double(max(target, 1)))
        let count = Int((top / step + 1e-9).rounded(.down))
        return (0...max(count, 1)).map { Double($0) * step }
    }

    /// The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is at least `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 && raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= raw * (1 - 1e-12) { return m * magnitude }
        return 10 * magnitude
    }

    /// A coordinate with one decimal.
    static func coordinate(_ v: Double) -> String { Formatting.fixed(v, 1) }

    /// A tick label: whole numbers as integers, others with up to three decimals.
    static func label(_ v: Double) -> String { Formatting.compact(v, 3) }

    /// Text escaped for SVG content and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// The Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), black last.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
}
