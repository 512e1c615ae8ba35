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
    /// End (exclusive) of the rows the event's risk set adds to the next event's: the next event's `riskStart`
    /// in the same stratum, else the end of the stratum. Rows `riskStart ..< riskEnd` are the block whose sum
    /// the event's risk-set sum adds to the next event's.
    let riskEnd: [Int]
    let deaths: [Int]
    let deathWeight: [Double]
    /// Rows of the Gram product that gives the risk-set means' part of the information: one per event time, two
    /// for tied deaths under Efron.
    let informationRows: Int

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
        let n = n, p = p
        covariates.storage.withUnsafeBufferPointer { source in
            xs.storage.withUnsafeMutableBufferPointer { out in
                order.withUnsafeBufferPointer { order in
                    for j in 0..<p {
                        let src = j * n
                        var mean = 0.0
                        for i in 0..<n { mean += source[src + i] }
                        mean /= Double(max(n, 1))
                        for k in 0..<n { out[src + k] = source[src + order[k]] - mean }
                    }
                }
            }
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
        var riskEnd = [Int](repeating: n, count: eventTime.count)
        for e in eventTime.indices {
            if e + 1 < eventTime.count && eventStratum[e + 1] == eventStratum[e] {
                riskEnd[e] = riskStart[e + 1]
            } else {
                var end = riskStart[e]
                while end < n && stratum[end] == eventStratum[e] { end += 1 }
                riskEnd[e] = end
            }
        }
        self.riskEnd = riskEnd
        informationRows = deaths.reduce(0) { $0 + (ties == .efron && $1 > 1 ? 2 : 1) }
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
        let sortedEvent = event, sortedWeights = weights
        xs.storage.withUnsafeBufferPointer { xp in
            for j in 0..<p {
                var s = 0.0
                for i in 0..<n where sortedEvent[i] { s += sortedWeights[i] * xp[j * n + i] }
                dx[j] = s
            }
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
        // η = Xβ column by column: every row goes through the same operations, so equal covariate rows get
        // bitwise equal η (a BLAS dgemv rounds rows differently by position, which splits exact ties in the
        // concordance), and no BLAS threads are woken for an O(n·p) product.
        var eta = [Double](repeating: 0, count: n)
        eta.withUnsafeMutableBufferPointer { out in
            x.storage.withUnsafeBufferPointer { xp in
                for j in 0..<p {
                    let b = beta[j], base = j * n
                    for i in 0..<n { out[i] += xp[base + i] * b }
                }
            }
        }
        var risk = [Double](repeating: 0, count: n)
        risk.withUnsafeMutableBufferPointer { out in
            weights.withUnsafeBufferPointer { w in
                eta.withUnsafeBufferPointer { eta in for i in 0..<n { out[i] = w[i] * Foundation.exp(eta[i]) } }
            }
        }
        var s0 = [Double](repeating: 0, count: eCount), d0 = s0
        var s1 = [Double](repeating: 0, count: eCount * p), d1 = s1
        risk.withUnsafeBufferPointer { r in
            x.storage.withUnsafeBufferPointer { xp in
                riskSetSums(risk: r, column: nil, into: &s0, stride: 1, offset: 0)
                for j in 0..<p {
                    riskSetSums(risk: r, column: UnsafeBufferPointer(rebasing: xp[(j * n)..<((j + 1) * n)]), into: &s1, stride: p, offset: j)
                }
                // The deaths of each event time are contiguous from riskStart.
                for e in 0..<eCount {
                    let first = riskStart[e], last = first + deaths[e]
                    var sum = 0.0
                    for m in first..<last { sum += r[m] }
                    d0[e] = sum
                    for j in 0..<p {
                        var sx = 0.0
                        for m in first..<last { sx += r[m] * xp[j * n + m] }
                        d1[e * p + j] = sx
                    }
                }
            }
        }
        var loglik = 0.0
        event.withUnsafeBufferPointer { event in
            weights.withUnsafeBufferPointer { w in
                eta.withUnsafeBufferPointer { eta in for i in 0..<n where event[i] { loglik += w[i] * eta[i] } }
            }
        }
        var score = deathWeightedX
        // Per event time the likelihood terms share s1 and d1, so their means sum in closed form:
        // Σₖ (s1 − fₖ d1)/denₖ = s1 Σₖ 1/denₖ − d1 Σₖ fₖ/denₖ (Efron, fₖ = k/d; Breslow has one term).
        for e in 0..<eCount {
            let d = deaths[e]
            if ties == .breslow || d == 1 {
                let den = s0[e], weight = deathWeight[e]
                loglik -= weight * Foundation.log(den)
                let c = weight / den
                for j in 0..<p { score[j] -= c * s1[e * p + j] }
            } else {
                let meanWeight = deathWeight[e] / Double(d)
                var inverse = 0.0, fractionInverse = 0.0
                for k in 0..<d {
                    let frac = Double(k) / Double(d)
                    let den = s0[e] - frac * d0[e]
                    loglik -= meanWeight * Foundation.log(den)
                    inverse += 1 / den
                    fractionInverse += frac / den
                }
                for j in 0..<p { score[j] -= meanWeight * (s1[e * p + j] * inverse - d1[e * p + j] * fractionInverse) }
            }
        }
        return Evaluation(eta: eta, risk: risk, logLikelihood: loglik, score: score, s0: s0, s1: s1, d0: d0, d1: d1)
    }

    /// Fills per-event risk-set sums of `values` (sums over rows with exit ≥ t, minus rows with entry ≥ t for
    /// counting-process data): each event's block `riskStart ..< riskEnd` summed with four accumulators, then
    /// cumulated from the last event of each stratum back.
    private func riskSetSums(risk: UnsafeBufferPointer<Double>, column: UnsafeBufferPointer<Double>?,
                             into out: inout [Double], stride: Int, offset: Int) {
        var e = eventTime.count - 1
        var running = 0.0
        while e >= 0 {
            if e == eventTime.count - 1 || eventStratum[e + 1] != eventStratum[e] { running = 0 }
            let first = riskStart[e], end = riskEnd[e]
            var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
            var i = first
            if let column {
                while i + 4 <= end {
                    a0 += risk[i] * column[i]; a1 += risk[i + 1] * column[i + 1]
                    a2 += risk[i + 2] * column[i + 2]; a3 += risk[i + 3] * column[i + 3]
                    i += 4
                }
                while i < end { a0 += risk[i] * column[i]; i += 1 }
            } else {
                while i + 4 <= end {
                    a0 += risk[i]; a1 += risk[i + 1]; a2 += risk[i + 2]; a3 += risk[i + 3]
                    i += 4
                }
                while i < end { a0 += risk[i]; i += 1 }
            }
            running += (a0 + a1) + (a2 + a3)
            out[e * stride + offset] = running
            e -= 1
        }
        guard let entryOrder, let entryStart else { return }
        @inline(__always) func values(_ i: Int) -> Double { column.map { risk[i] * $0[i] } ?? risk[i] }
        var entrySuffix = [Double](repeating: 0, count: n)
        running = 0
        var k = n - 1
        while k >= 0 {
            if k == n - 1 || stratum[entryOrder[k]] != stratum[entryOrder[k + 1]] { running = 0 }
            running += values(entryOrder[k])
            entrySuffix[k] = running
            k -= 1
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
        if h != nil { return signedInformation(ev, eventWeights: h!) }
        let eCount = eventTime.count
        var c = [Double](repeating: 0, count: eCount)     // Σ_k weight/den, risk-set coefficient
        var f = [Double](repeating: 0, count: eCount)     // Σ_k weight·(k/d)/den, removed for the deaths
        // The means' part Σₖ wₖ aₖ aₖᵀ of an event time, aₖ = (s1 − fₖ d1)/denₖ, is
        // w [P s1 s1ᵀ − Q (s1 d1ᵀ + d1 s1ᵀ) + R d1 d1ᵀ] with P = Σ 1/den², Q = Σ f/den², R = Σ f²/den²: the Gram
        // of the rows u₁ = l₁₁ s1 + l₂₁ d1 and u₂ = l₂₂ d1, (l) the Cholesky factor of w [[P, −Q], [−Q, R]].
        // So the product has one row per event time (two for tied Efron deaths) instead of one per death.
        let rows = informationRows
        let scratch = workspace
        if scratch.terms.count < rows * p { scratch.terms = [Double](repeating: 0, count: rows * p) }
        scratch.terms.withUnsafeMutableBufferPointer { out in
            var t = 0
            for e in 0..<eCount {
                let d = deaths[e]
                if ties == .breslow || d == 1 {
                    let den = ev.s0[e], weight = deathWeight[e]
                    c[e] = weight / den
                    let r = weight.squareRoot() / den
                    for j in 0..<p { out[j * rows + t] = ev.s1[e * p + j] * r }
                    t += 1
                } else {
                    let meanWeight = deathWeight[e] / Double(d)
                    var inverse = 0.0, fractionInverse = 0.0, pp = 0.0, qq = 0.0, rr = 0.0
                    for k in 0..<d {
                        let frac = Double(k) / Double(d)
                        let inv = 1 / (ev.s0[e] - frac * ev.d0[e])
                        inverse += inv; fractionInverse += frac * inv
                        pp += inv * inv; qq += frac * inv * inv; rr += frac * frac * inv * inv
                    }
                    c[e] = meanWeight * inverse
                    f[e] = meanWeight * fractionInverse
                    let l11 = (meanWeight * pp).squareRoot()
                    let l21 = -meanWeight * qq / l11
                    let l22 = max(meanWeight * rr - l21 * l21, 0).squareRoot()
                    for j in 0..<p {
                        let s = ev.s1[e * p + j], dd = ev.d1[e * p + j]
                        out[j * rows + t] = l11 * s + l21 * dd
                        out[j * rows + t + 1] = l22 * dd
                    }
                    t += 2
                }
            }
        }
        let g = rowCoefficients(ev, c: c, f: f)
        // Non-negative weights: dsyrk on √-scaled rows written into a reusable scratch buffer
        // (fresh 10⁶-row copies each iteration cost more in page faults than the products).
        // Tiny negative g from rounding are clipped.
        if scratch.rows.count < n * p { scratch.rows = [Double](repeating: 0, count: n * p) }
        let root = g.map { max($0, 0).squareRoot() }
        x.storage.withUnsafeBufferPointer { xs in
            scratch.rows.withUnsafeMutableBufferPointer { out in
                for j in 0..<p {
                    let base = j * n
                    for i in 0..<n { out[base + i] = xs[base + i] * root[i] }
                }
            }
        }
        let first = (try? Matrix.gram(ofColumnMajor: scratch.rows, rows: n, columns: p)) ?? Matrix(rows: p, columns: p)
        let second = (try? Matrix.gram(ofColumnMajor: scratch.terms, rows: rows, columns: p)) ?? Matrix(rows: p, columns: p)
        return first - second
    }

    /// Per row: risk × (Σ of `c` over the event times in its risk period, less `f` at its own death).
    private func rowCoefficients(_ ev: Evaluation, c: [Double], f: [Double]) -> [Double] {
        let eCount = eventTime.count
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
        return g
    }

    /// The information with event-time weights h of any sign (the proportional-hazards test's blocks), one
    /// likelihood term per row of the means' product and signed Gram products.
    private func signedInformation(_ ev: Evaluation, eventWeights h: [Double]) -> Matrix {
        let eCount = eventTime.count
        let terms = ties == .breslow ? eCount : eventCount   // one term per event time, or per death (Efron)
        var c = [Double](repeating: 0, count: eCount)
        var f = [Double](repeating: 0, count: eCount)
        var termWeights = [Double](repeating: 0, count: terms)
        var signedMeans = Matrix(rows: terms, columns: p)
        var lastEvent = -1, k = 0, t = 0
        forEachTerm(s0: ev.s0, s1: ev.s1, d0: ev.d0, d1: ev.d1) { e, weight, den, a in
            if e != lastEvent { lastEvent = e; k = 0 } else { k += 1 }
            let he = h[e]
            c[e] += he * weight / den
            if ties == .efron && deaths[e] > 1 { f[e] += he * weight * (Double(k) / Double(deaths[e])) / den }
            termWeights[t] = he * weight
            for j in 0..<p { signedMeans.storage[j * terms + t] = a[j] }
            t += 1
        }
        let g = rowCoefficients(ev, c: c, f: f)
        let first = (try? x.signedWeightedGram(g)) ?? Matrix(rows: p, columns: p)
        let second = (try? signedMeans.signedWeightedGram(termWeights)) ?? Matrix(rows: p, columns: p)
        return first - second
    }
}

/// Scratch buffers reused across Newton iterations. Internal, owned by one fit, never shared across threads.
final class CoxWorkspace {
    var rows: [Double] = []
    var terms: [Double] = []
}
