/// Brent's method (R. P. Brent, Algorithms for Minimization without Derivatives, 1973, ch. 4): inverse quadratic
/// interpolation and secant steps, falling back to bisection, on a bracket where `f` changes sign.
enum RootFinding {
    /// A root of `f` in [a, b], or nil when f(a) and f(b) have the same strict sign.
    /// Converges to within `absoluteTolerance` plus about 4 ulps of the root.
    static func brent(in interval: (Double, Double), absoluteTolerance: Double = 0,
                      _ f: (Double) -> Double) -> Double? {
        var a = interval.0, b = interval.1
        var fa = f(a), fb = f(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<500 {
            if (fb > 0) == (fc > 0) {
                c = a; fc = fa; d = b - a; e = d
            }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tolerance = 2 * Double.ulpOfOne * abs(b) + 0.5 * absoluteTolerance
            let halfWidth = 0.5 * (c - b)
            if abs(halfWidth) <= tolerance || fb == 0 { return b }
            if abs(e) >= tolerance && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * halfWidth * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * halfWidth * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q }
                p = abs(p)
                if 2 * p < min(3 * halfWidth * q - abs(tolerance * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = halfWidth
                    e = d
                }
            } else {
                d = halfWidth
                e = d
            }
            a = b
            fa = fb
            b += abs(d) > tolerance ? d : (halfWidth > 0 ? tolerance : -tolerance)
            fb = f(b)
        }
        return b
    }
}
