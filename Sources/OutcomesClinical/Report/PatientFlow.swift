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
        // Rows are read where they lie, by index: copying endpoints and relapse records into filtered arrays and
        // dictionaries retained every string and array in them, most of this step's time in a large registry.
        var stoppedForAE = 0, interrupted = 0
        var completed: [String] = []
        for i in tolerability.indices {
            if tolerability[i].discontinuedForAdverseEvent { stoppedForAE += 1 }
            else if tolerability[i].interruptedForOtherReason { interrupted += 1 }
            else { completed.append(tolerability[i].patientID) }
        }
        let endpointOf = firstInductionEndpoints(scale: scale)
        var assessed = 0, partial = 0
        var responders: [String] = []
        var missingReasons: [String: Int] = [:]
        for id in completed {
            if let e = endpointOf[id], endpoints[e].isEvaluable {
                assessed += 1
                if endpoints[e].response == true { responders.append(id) } else if endpoints[e].partialResponse == true { partial += 1 }
                continue
            }
            let reason = endpointOf[id].flatMap { endpoints[$0].exclusion } ?? "no usable \(scale.id) score"
            missingReasons[reason, default: 0] += 1
        }
        let none = assessed - responders.count - partial
        var relapseDaysOf: [String: Double] = [:]
        for i in relapse.indices where relapse[i].scale == scale {
            if relapseDaysOf[relapse[i].patientID] == nil { relapseDaysOf[relapse[i].patientID] = relapse[i].days }
        }
        let followed = responders.count { (relapseDaysOf[$0] ?? 0) > 0 }
        let rules = plan.rules(for: scale)
        return PatientFlow(scale: scale, steps: [
            .init(label: "Started the first induction series", count: tolerability.count, exits: []),
            .init(label: "Completed the induction series", count: completed.count, exits: [
                .init(reason: "stopped after an adverse event leading to discontinuation", count: stoppedForAE),
                .init(reason: "an infusion not completed for another reason", count: interrupted)]),
            .init(label: "End-of-series \(scale.id) score", count: assessed,
                  exits: missingReasons.sorted { $0.key < $1.key }.map { .init(reason: $0.key, count: $0.value) }),
            .init(label: "Responders (\(rules.responseText))", count: responders.count, exits: [
                .init(reason: "partial response", count: partial),
                .init(reason: "no response", count: none)]),
            .init(label: "Followed for relapse (a \(scale.id) score after the series)", count: followed, exits: [
                .init(reason: "no \(scale.id) score after the series", count: responders.count - followed)]),
        ])
    }
}
