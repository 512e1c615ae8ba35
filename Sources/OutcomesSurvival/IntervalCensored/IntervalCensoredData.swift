/// How one row of (left, right] data is censored, following R's `Surv(left, right, type = "interval2")`.
public enum IntervalCensoring: String, Sendable, Equatable, CaseIterable {
    /// The event time is known: left = right.
    case exact
    /// The event happened after `left`; right is missing or +∞.
    case right
    /// The event happened at or before `right`; left is missing.
    case left
    /// The event happened in (left, right], left < right.
    case interval
}

/// Interval-censored survival data: for each row the event time T lies in (left, right].
///
/// Conventions are R's `Surv(left, right, type = "interval2")`: a missing (nil) or `+∞` right end means
/// right-censored at `left`; a missing left end means left-censored at `right`; left = right is an exact
/// time. A left end of 0 is the interval (0, right], which is the same information as left-censoring at
/// `right` for a non-negative time; the parametric fits treat it so (R's `survreg` refuses log(0)), the
/// nonparametric estimate keeps it as R's `survfit` does.
public struct IntervalCensoredData: Sendable {
    /// Left end of each row (nil when left-censored).
    public let left: [Double?]
    /// Right end of each row (nil when right-censored).
    public let right: [Double?]
    /// The kind of censoring of each row.
    public let censoring: [IntervalCensoring]

    /// Number of rows.
    public var count: Int { left.count }

    /// Validates and classifies the rows. Ends must be finite (right may be +∞) and non-negative, left ≤
    /// right, and at least one end present. Errors name the row (one-based in the message).
    public init(left: [Double?], right: [Double?]) throws(SurvivalError) {
        guard left.count == right.count else {
            throw .lengthMismatch("\(left.count) left ends but \(right.count) right ends")
        }
        var l: [Double?] = [], r: [Double?] = [], kind: [IntervalCensoring] = []
        l.reserveCapacity(left.count); r.reserveCapacity(left.count); kind.reserveCapacity(left.count)
        for i in left.indices {
            let a = left[i]
            let b = right[i].flatMap { $0 == .infinity ? nil : $0 }
            if let a {
                if !a.isFinite { throw .nonFinite(name: "left end", row: i, value: a) }
                if a < 0 { throw .negativeTime(row: i, value: a) }
            }
            if let b {
                if !b.isFinite { throw .nonFinite(name: "right end", row: i, value: b) }
                if b < 0 { throw .negativeTime(row: i, value: b) }
            }
            switch (a, b) {
            case (nil, nil):
                throw .invalidArgument("row \(i + 1) has neither a left nor a right end")
            case let (a?, nil): kind.append(.right); l.append(a); r.append(nil)
            case let (nil, b?): kind.append(.left); l.append(nil); r.append(b)
            case let (a?, b?):
                if a > b { throw .invalidArgument("row \(i + 1): left end \(a) is after the right end \(b)") }
                kind.append(a == b ? .exact : .interval); l.append(a); r.append(b)
            }
        }
        self.left = l
        self.right = r
        self.censoring = kind
    }

    /// Data from event/censoring times with an event indicator (ordinary right-censored data).
    public init(time: [Double], event: [Bool]) throws(SurvivalError) {
        guard time.count == event.count else { throw .lengthMismatch("\(time.count) times but \(event.count) event indicators") }
        try self.init(left: time.map { $0 }, right: zip(time, event).map { $1 ? $0 : nil })
    }

    /// Number of rows of each kind.
    public var counts: [IntervalCensoring: Int] {
        var c: [IntervalCensoring: Int] = [:]
        for k in censoring { c[k, default: 0] += 1 }
        return c
    }

    /// The rows `members` only, in that order.
    func subset(_ members: [Int]) -> IntervalCensoredData {
        IntervalCensoredData(trusted: members.map { left[$0] }, members.map { right[$0] }, members.map { censoring[$0] })
    }

    private init(trusted left: [Double?], _ right: [Double?], _ censoring: [IntervalCensoring]) {
        self.left = left
        self.right = right
        self.censoring = censoring
    }
}
