#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An unevaluated sum hi + lo of two doubles (about 106 bits), for the few computations whose conditioning
/// needs more than double precision. Error-free transformations after Dekker (1971) and Knuth (TAOCP vol. 2).
struct DoubleDouble {
    var hi: Double
    var lo: Double

    init(_ value: Double) {
        hi = value
        lo = 0
    }

    init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    /// 1 − y, exactly.
    static func oneMinus(_ y: Double) -> DoubleDouble {
        twoSum(1, -y)
    }

    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(hi: s, lo: (a - (s - bb)) + (b - bb))
    }

    static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let s = twoSum(x.hi, y.hi)
        return fastTwoSum(s.hi, s.lo + x.lo + y.lo)
    }

    static prefix func - (x: DoubleDouble) -> DoubleDouble {
        DoubleDouble(hi: -x.hi, lo: -x.lo)
    }

    static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble { x + (-y) }

    static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let p = x.hi * y.hi
        let error = fma(x.hi, y.hi, -p)
        return fastTwoSum(p, error + x.hi * y.lo + x.lo * y.hi)
    }

    static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let q1 = x.hi / y.hi
        let r1 = x - y * DoubleDouble(q1)
        let q2 = r1.hi / y.hi
        let r2 = r1 - y * DoubleDouble(q2)
        let q3 = r2.hi / y.hi
        return fastTwoSum(q1, q2) + DoubleDouble(q3)
    }

    var value: Double { hi + lo }
}
