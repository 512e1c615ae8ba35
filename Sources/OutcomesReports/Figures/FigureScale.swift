import Foundation

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

    /// Ticks at multiples of a nice step covering `lo...hi` (the first at or below `lo`, the last at or above
    /// `hi`), about `target` intervals; a degenerate or non-finite range is widened so the axis still has ticks.
    public static func ticks(covering lo: Double, _ hi: Double, target: Int = 6) -> [Double] {
        var lo = lo, hi = hi
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if hi < lo { swap(&lo, &hi) }
        if hi - lo < 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let step = niceStep((hi - lo) / Double(max(target, 1)))
        let first = Int((lo / step + 1e-9).rounded(.down)), last = Int((hi / step - 1e-9).rounded(.up))
        return (first...max(last, first + 1)).map { Double($0) * step }
    }

    /// Ticks for a ratio axis drawn on a log scale, covering `lo...hi` (both > 0): powers of two (0.25, 0.5, 1,
    /// 2, 4, ...) while the range spans at most eight doublings, powers of ten beyond; always at least 0.5 to 2
    /// around a range that contains 1.
    public static func ratioTicks(covering lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi > 0, lo.isFinite, hi.isFinite else { return [0.5, 1, 2] }
        let (a, b) = (min(lo, hi), max(lo, hi))
        var first = Int((log2(a) + 1e-9).rounded(.down)), last = Int((log2(b) - 1e-9).rounded(.up))
        if last - first < 2 { first -= 1; if last - first < 2 { last += 1 } }
        if last - first <= 8 { return (first...last).map { pow(2, Double($0)) } }
        let first10 = Int((log10(a) + 1e-9).rounded(.down)), last10 = Int((log10(b) - 1e-9).rounded(.up))
        return (first10...max(last10, first10 + 1)).map { pow(10, Double($0)) }
    }

    /// A tick label with as many decimals as the value needs (at most six), e.g. 0.25, 0.125, 50, -0.5.
    public static func tickLabel(_ v: Double) -> String {
        for d in 0...6 {
            let scaled = v * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return Formatting.compact(v == 0 ? 0 : v, d) }
        }
        return Formatting.compact(v, 6)
    }

    /// A coordinate with one decimal.
    static func coordinate(_ v: Double) -> String { Formatting.fixed(v, 1) }

    /// A tick label: whole numbers as integers, others with up to three decimals.
    static func label(_ v: Double) -> String { Formatting.compact(v, 3) }

    /// The Okabe–Ito palette (distinguishable with the common colour-vision deficiencies), black last.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
}
