/// CONSORT-style patient flow through the first induction series on one scale: each step is a subset of the one
/// before, and everyone who leaves between two steps is counted under one reason.
public struct PatientFlow: Sendable, Equatable {
    public struct Exit: Sendable, Equatable {
        public let reason: String
        public let count: Int
    }
    public struct Step: Sendable, Equatable {
        public let label: String
        public let count: Int
        /// Who left between the previous step and this one (empty for the first step).
        public let exits: [Exit]
    }
    public let scale: Scale
    public let steps: [Step]
}

extension DerivedTables {
    /// Started the first induction series → completed it (every infusion completed, no adverse event leading to
    /// discontinuation) → end-of-series score on `scale` → responders → followed for relapse (at least one score
    /// after the series). Reasons come from the derivation (tolerability, the endpoint's exclusion, the response
    /// rule), never from a guess.
    public func patientFlow(scale: Scale) -> PatientFlow {
        let started = tolerability
        let stoppedForAE = started.filter(\.discontinuedForAdverseEvent)
        let interrupted = started.filter(\.interruptedForOtherReason)
        let completed = started.filter { !$0.discontinuedForAdverseEvent && !$0.interruptedForOtherReason }
        let endpointOf = Dictionary(endpoints.filter { SeriesSelection.firstInduction.matches($0.series) && $0.scale == scale }
            .map { ($0.patientID, $0) }, uniquingKeysWith: { a, _ in a })
        var assessed: [SeriesEndpoint] = []
        var missingReasons: [String: Int] = [:]
        for t in completed {
            if let e = endpointOf[t.patientID], e.isEvaluable { assessed.append(e); continue }
            let reason = endpointOf[t.patientID]?.exclusion ?? "no usable \(scale.id) score"
            missingReasons[reason, default: 0] += 1
        }
        let responders = assessed.filter { $0.response == true }
        let partial = assessed.count { $0.response != true && $0.partialResponse == true }
        let none = assessed.count - responders.count - partial
        let relapseOf = Dictionary(relapse.filter { $0.scale == scale }.map { ($0.patientID, $0) }, uniquingKeysWith: { a, _ in a })
        let followed = responders.filter { (relapseOf[$0.patientID]?.days ?? 0) > 0 }
        let rules = plan.rules(for: scale)
        return PatientFlow(scale: scale, steps: [
            .init(label: "Started the first induction series", count: started.count, exits: []),
            .init(label: "Completed the induction series", count: completed.count, exits: [
                .init(reason: "stopped after an adverse event leading to discontinuation", count: stoppedForAE.count),
                .init(reason: "an infusion not completed for another reason", count: interrupted.count)]),
            .init(label: "End-of-series \(scale.id) score", count: assessed.count,
                  exits: missingReasons.sorted { $0.key < $1.key }.map { .init(reason: $0.key, count: $0.value) }),
            .init(label: "Responders (\(rules.responseText))", count: responders.count, exits: [
                .init(reason: "partial response", count: partial),
                .init(reason: "no response", count: none)]),
            .init(label: "Followed for relapse (a \(scale.id) score after the series)", count: followed.count, exits: [
                .init(reason: "no \(scale.id) score after the series", count: responders.count - followed.count)]),
        ])
    }
}
