import Foundation
import OutcomesLinearAlgebra

/// The Cox model's data sorted once by (stratum, exit time, event first), with the index structure that
/// turns every risk-set sum into a suffix sum, so one likelihood evaluation costs O(n·p) plus two BLAS
/// Gram products of O(n·p²).
struct CoxRiskSets {
    let n: Int
    let p: Int
    /// Centred covariates in sorted row order, column-major n × p.
    let x: Matrix
    let weights: [Double]
    let event: [Bool]
    let exit: [Double]
    let stratum: [Int]
    /// `order[k]` is the input row at sorted position k.
    let order: [Int]
    let ties: TieMethod
    /// Reused scratch space for the Gram products.
    let workspace = CoxWorkspace()

    // One entry per distinct (stratum, event time), ascending.
    let eventTime: [Double]
    let eventStratum: [Int]
    /// Sorted position of the first row of the tie group; its deaths occupy `riskStart ..< riskStart + deaths`.
    let riskStart: [Int]
    let deaths: [Int]
    let deathWeight: [Double]

    /// Counting-process data: sorted positions ordered by (stratum, entry), and for each event the first index in
    /// that order of a row with entry ≥ the event time in the same stratum (−1 when none).
    let entryOrder: [Int]?
    let entryStart: [Int]?

    /// Per row: the last event index (same stratum) with time ≤ exit, and with time ≤ entry (−1 when none);
    /// the row's own event index when it is a death, else −1.
    let lastEventAtExit: [Int]
    let lastEventAtEntry: [Int]
    let ownEvent: [Int]
    /// Σ over deaths of w·x, constant across iterations.
    let deathWeightedX: [Double]
    /// Σ over deaths of w (for the log-likelihood's linear term we need Σ w·η, computed per evaluation).
    let eventCount: Int

    init(covariates: Matrix, data: SurvivalData, strata: [Int], ties: TieMethod) {
        n = data.count
        p = covariates.columns
        self.ties = ties
        // Order by (stratum, exit, deaths first) with stable radix passes from the least significant key:
        // event flag, then exit time, then stratum.
        let deathsFirst = (0..<n).filter { data.event[$0] } + (0..<n).filter { !data.event[$0] }
        var order = RadixOrder.sorted(data.exit.map(RadixOrder.key), start: deathsFirst)
        if strata.contains(where: { $0 != strata.first }) {
            order = RadixOrder.sorted(strata.map { UInt64($0) }, start: order)
        }
        self.order = order
        exit = order.map { data.exit[$0] }
        event = order.map { data.event[$0] }
        weights = order.map { data.weights[$0] }
        stratum = order.map { strata[$0] }
        // Centre each column on its mean (for numerical range only; estimates do not depend on it).
        var xs = Matrix(rows: n, columns: p)
        for j in 0..<p {
            let src = j * n
            var mean = 0.0
            for i in 0..<n { mean += covariates.storage[src + i] }
            mean /= Double(max(n, 1))
            for k in 0..<n { xs.storage[src + k] = covariates.storage[src + order[k]] - mean }
        }
        x = xs

        var eventTime: [Double] = [], eventStratum: [Int] = [], riskStart: [Int] = [], deaths: [Int] = [], deathWeight: [Double] = []
        var ownEvent = Array(repeating: -1, count: n)
        var lastEventAtExit = Array(repeating: -1, count: n)
        var k = 0
        var lastInStratum = -1
        var currentStratum = -1
        while k < n {
            if stratum[k] != currentStratum { currentStratum = stratum[k]; lastInStratum = -1 }
            var end = k
            while end < n && stratum[end] == stratum[k] && exit[end] == exit[k] { end += 1 }
            var d = 0, dw = 0.0
            for m in k..<end where event[m] { d += 1; dw += weights[m] }
            if d > 0 {
                let e = eventTime.count
                eventTime.append(exit[k]); eventStratum.append(stratum[k]); riskStart.append(k)
                deaths.append(d); deathWeight.append(dw)
                for m in k..<(k + d) { ownEvent[m] = e }
                lastInStratum = e
            }
            for m in k..<end { lastEventAtExit[m] = lastInStratum }
            k = end
        }
        self.eventTime = eventTime; self.eventStratum = eventStratum; self.riskStart = riskStart
        self.deaths = deaths; self.deathWeight = deathWeight; self.ownEvent = ownEvent
        self.lastEventAtExit = lastEventAtExit
        eventCount = deaths.reduce(0, +)

        // Events of each stratum occupy a contiguous index range.
        var firstEventOfStratum: [Int: Int] = [:], endEventOfStratum: [Int: Int] = [:]
        for (e, s) in eventStratum.enumerated() {
            if firstEventOfStratum[s] == nil { firstEventOfStratum[s] = e }
            endEventOfStratum[s] = e + 1
        }
        if let entry = data.entry {
            let sortedEntry = order.map { entry[$0] }
            let sortedStratum = order.map { strata[$0] }
            let eo = (0..<n).sorted { a, b in
                if sortedStratum[a] != sortedStratum[b] { return sortedStratum[a] < sortedStratum[b] }
                return sortedEntry[a] < sortedEntry[b]
            }
            entryOrder = eo
            // For each event: first position in entry order (same stratum) whose entry ≥ event time.
            var starts = Array(repeating: -1, count: eventTime.count)
            var lastAtEntry = Array(repeating: -1, count: n)
            // Walk the entry order per stratum with a pointer over that stratum's events.
            var pos = 0
            while pos < n {
                let s = sortedStratum[eo[pos]]
                var end = pos
                while end < n && sortedStratum[eo[end]] == s { end += 1 }
                if let e0 = firstEventOfStratum[s], let e1 = endEventOfStratum[s] {
                    var q = pos
                    for e in e0..<e1 {
                        while q < end && sortedEntry[eo[q]] < eventTime[e] { q += 1 }
                        starts[e] = q < end ? q : -1
                    }
                    // Last event with time ≤ entry, for each row of this stratum (entries ascending).
                    var e = e0 - 1
                    for m in pos..<end {
                        let t = sortedEntry[eo[m]]
                        while e + 1 < e1 && eventTime[e + 1] <= t { e += 1 }
                        lastAtEntry[eo[m]] = e >= e0 ? e : -1
                    }
                }
                pos = end
            }
            entryStart = starts
            lastEventAtEntry = lastAtEntry
        } else {
            entryOrder = nil
            entryStart = nil
            lastEventAtEntry = Array(repeating: -1, count: n)
        }

        var dx = Array(repeating: 0.0, count: p)
        for j in 0..<p {
            var s = 0.0
            for i in 0..<n where event[i] { s += weights[i] * xs.storage[j * n + i] }
            dx[j] = s
        }
        deathWeightedX = dx
    }

    /// Risk-set sums at one coefficient vector.
    struct Evaluation {
        var eta: [Double]
        var risk: [Double]            // w·exp(η), sorted order
        var logLikelihood: Double
        var score: [Double]
        var s0: [Double]              // per event
        var s1: [Double]              // per event, row-major E × p
        var d0: [Double]
        var d1: [Double]
    }

    /// Log-likelihood, score and the risk-set sums at `beta`.
    func evaluate(_ beta: [Double]) -> Evaluation {
        let eCount = eventTime.count
        var eta = p > 0 ? ((try? x.multiplied(by: beta)) ?? Array(repeating: 0, count: n)) : Array(repeating: 0, count: n)
        if p == 0 { eta = Array(repeating: 0, count: n) }
        var risk = [Double](repeating: 0, count: n)
        for i in 0..<n { risk[i] = weights[i] * Foundation.exp(eta[i]) }
        var s0 = [Double](repeating: 0, count: eCount), d0 = s0
        var s1 = [Double](repeating: 0, count: eCount * p), d1 = s1
        // Suffix sums over exit order with a reset at each stratum boundary.
        risk.withUnsafeBufferPointer { r in
            suffixSums(risk: r, column: nil, into: &s0, stride: 1, offset: 0)
            x.storage.withUnsafeBufferPointer { xp in
                for j in 0..<p {
                    suffixSums(risk: r, column: UnsafeBufferPointer(rebasing: xp[(j * n)..<((j + 1) * n)]), into: &s1, stride: p, offset: j)
                }
            }
        }
        for e in 0..<eCount {
            let start = riskStart[e]
            for m in start..<(start + deaths[e]) {
                d0[e] += risk[m]
                for j in 0..<p { d1[e * p + j] += risk[m] * x.storage[j * n + m] }
            }
        }
        var loglik = 0.0
        for i in 0..<n where event[i] { loglik += weights[i] * eta[i] }
        var score = deathWeightedX
        forEachTerm(s0: s0, s1: s1, d0: d0, d1: d1) { _, weight, den, a in
            loglik -= weight * Foundation.log(den)
            for j in 0..<p { score[j] -= weight * a[j] }
        }
        return Evaluation(eta: eta, risk: risk, logLikelihood: loglik, score: score, s0: s0, s1: s1, d0: d0, d1: d1)
    }

    /// Fills per-event risk-set sums of `values` (suffix sums over rows with exit ≥ t, minus rows with
    /// entry ≥ t for counting-process data).
    private func suffixSums(risk: UnsafeBufferPointer<Double>, column: UnsafeBufferPointer<Double>?,
                            into out: inout [Double], stride: Int, offset: Int) {
        @inline(__always) func values(_ i: Int) -> Double { column.map { risk[i] * $0[i] } ?? risk[i] }
        var running = 0.0
        var e = eventTime.count - 1
        var i = n - 1
        while i >= 0 {
            if i == n - 1 || stratum[i] != stratum[i + 1] { running = 0 }
            running += values(i)
            while e >= 0 && riskStart[e] == i { out[e * stride + offset] = running; e -= 1 }
            i -= 1
        }
        guard let entryOrder, let entryStart else { return }
        var entrySuffix = [Double](repeating: 0, count: n)
        running = 0
        i = n - 1
        while i >= 0 {
            if i == n - 1 || stratum[entryOrder[i]] != stratum[entryOrder[i + 1]] { running = 0 }
            running += values(entryOrder[i])
            entrySuffix[i] = running
            i -= 1
        }
        for e in 0..<eventTime.count where entryStart[e] >= 0 {
            out[e * stride + offset] -= entrySuffix[entryStart[e]]
        }
    }

    /// Calls `body(event, weight, denominator, mean)` once per likelihood term: once per event time for
    /// Breslow (weight = Σ w of deaths); d times for Efron with the k/d-discounted tied deaths
    /// (weight = mean death weight).
    func forEachTerm(s0: [Double], s1: [Double], d0: [Double], d1: [Double],
                     _ body: (_ event: Int, _ weight: Double, _ denominator: Double, _ mean: [Double]) -> Void) {
        var a = [Double](repeating: 0, count: p)
        for e in 0..<eventTime.count {
            let d = deaths[e]
            if ties == .breslow || d == 1 {
                let den = s0[e]
                for j in 0..<p { a[j] = s1[e * p + j] / den }
                body(e, deathWeight[e], den, a)
            } else {
                let meanWeight = deathWeight[e] / Double(d)
                for k in 0..<d {
                    let frac = Double(k) / Double(d)
                    let den = s0[e] - frac * d0[e]
                    for j in 0..<p { a[j] = (s1[e * p + j] - frac * d1[e * p + j]) / den }
                    body(e, meanWeight, den, a)
                }
            }
        }
    }

    /// Σ over event times of h(t)·I(t), the information (negative Hessian) contributions weighted by
    /// `eventWeights` (all 1 when nil), built as Xᵀ diag(g) X − Aᵀ diag(h) A with BLAS Gram products.
    func information(_ ev: Evaluation, eventWeights h: [Double]? = nil) -> Matrix {
        let eCount = eventTime.count
        let terms = ties == .breslow ? eCount : eventCount   // one term per event time, or per death (Efron)
        let signed = h != nil
        var c = [Double](repeating: 0, count: eCount)     // Σ_k weight/den, risk-set coefficient
        var f = [Double](repeating: 0, count: eCount)     // Σ_k weight·(k/d)/den, removed for the deaths
        var termWeights = [Double](repeating: 0, count: terms)
        // A (terms × p, column-major): the risk-set means, written straight into the scratch buffer
        // (scaled by √weight for dsyrk) or, for signed weights, into a matrix for dgemm.
        let scratch = workspace
        if !signed && scratch.terms.count < terms * p { scratch.terms = [Double](repeating: 0, count: terms * p) }
        var signedMeans = signed ? Matrix(rows: terms, columns: p) : Matrix(rows: 0, columns: 0)
        var lastEvent = -1, k = 0, t = 0
        scratch.terms.withUnsafeMutableBufferPointer { out in
            forEachTerm(s0: ev.s0, s1: ev.s1, d0: ev.d0, d1: ev.d1) { e, weight, den, a in
                if e != lastEvent { lastEvent = e; k = 0 } else { k += 1 }
                let he = h?[e] ?? 1
                c[e] += he * weight / den
                if ties == .efron && deaths[e] > 1 { f[e] += he * weight * (Double(k) / Double(deaths[e])) / den }
                termWeights[t] = he * weight
                if signed {
                    for j in 0..<p { signedMeans.storage[j * terms + t] = a[j] }
                } else {
                    let r = (he * weight).squareRoot()
                    for j in 0..<p { out[j * terms + t] = a[j] * r }
                }
                t += 1
            }
        }
        // Cumulative coefficients per stratum, then one weight per row.
        var cumulative = c
        for e in 1..<max(eCount, 1) where eventStratum[e] == eventStratum[e - 1] { cumulative[e] += cumulative[e - 1] }
        var g = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var total = 0.0
            if lastEventAtExit[i] >= 0 { total += cumulative[lastEventAtExit[i]] }
            if lastEventAtEntry[i] >= 0 { total -= cumulative[lastEventAtEntry[i]] }
            if ownEvent[i] >= 0 { total -= f[ownEvent[i]] }
            g[i] = ev.risk[i] * total
        }
        if signed {
            let first = (try? x.signedWeightedGram(g)) ?? Matrix(rows: p, columns: p)
            let second = (try? signedMeans.signedWeightedGram(termWeights)) ?? Matrix(rows: p, columns: p)
            return first - second
        }
        // Non-negative weights: dsyrk on √-scaled rows written into a reusable scratch buffer
        // (fresh 10⁶-row copies each iteration cost more in page faults than the products).
        // Tiny negative g from rounding are clipped.
        if scratch.rows.count < n * p { scratch.rows = [Double](repeating: 0, count: n * p) }
        for i in 0..<n { g[i] = max(g[i], 0).squareRoot() }
        x.storage.withUnsafeBufferPointer { xs in
            scratch.rows.withUnsafeMutableBufferPointer { out in
                for j in 0..<p {
                    let base = j * n
                    for i in 0..<n { out[base + i] = xs[base + i] * g[i] }
                }
            }
        }
        let first = (try? Matrix.gram(ofColumnMajor: scratch.rows, rows: n, columns: p)) ?? Matrix(rows: p, columns: p)
        let second = (try? Matrix.gram(ofColumnMajor: scratch.terms, rows: terms, columns: p)) ?? Matrix(rows: p, columns: p)
        return first - second
    }
}

/// Scratch buffers reused across Newton iterations. Internal, owned by one fit, never shared across threads.
final class CoxWorkspace {
    var rows: [Double] = []
    var terms: [Double] = []
}
