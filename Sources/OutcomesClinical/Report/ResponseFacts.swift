import OutcomesSurvival

extension DerivedTables {
    /// Each patient's first-induction endpoint on `scale`, as a row index into ``endpoints`` (the first such row when
    /// a patient has several). Rows are found in place: copying endpoints retains every array in them.
    public func firstInductionEndpoints(scale: Scale) -> [String: Int] {
        var at: [String: Int] = [:]
        for i in endpoints.indices where endpoints[i].scale == scale && SeriesSelection.firstInduction.matches(endpoints[i].series) {
            if at[endpoints[i].patientID] == nil { at[endpoints[i].patientID] = i }
        }
        return at
    }

    /// Percent change from baseline to the end of the first induction series on `scale`, one value per patient
    /// with an evaluable endpoint, sorted from the largest increase to the largest decrease (a waterfall's bars).
    public func waterfallPercentChanges(scale: Scale) -> [Double] {
        var changes: [Double] = []
        for i in endpoints.indices where endpoints[i].scale == scale && SeriesSelection.firstInduction.matches(endpoints[i].series) && endpoints[i].isEvaluable {
            if let c = endpoints[i].percentChange { changes.append(c) }
        }
        return changes.sorted(by: >)
    }

    /// Time to first response on `scale` as a cumulative incidence: days from the first induction infusion to the
    /// first score meeting the response rule; stopping the series for an adverse event first is a competing event;
    /// everyone else is censored at their end-of-series score (or, without one, at the series' last infusion).
    /// Unlike a median among responders, non-responders count. Nil when nobody started the series on this scale.
    public func firstResponseIncidence(scale: Scale) -> (response: CumulativeIncidenceCurve, patients: Int, responders: Int)? {
        var stopped = Set<String>()
        for i in tolerability.indices where tolerability[i].discontinuedForAdverseEvent { stopped.insert(tolerability[i].patientID) }
        var exit: [Double] = [], cause: [Int] = []
        for i in endpoints.indices where endpoints[i].scale == scale && SeriesSelection.firstInduction.matches(endpoints[i].series) && endpoints[i].baseline != nil {
            if let d = endpoints[i].daysToFirstResponse {
                exit.append(d); cause.append(1)
            } else {
                let series = endpoints[i].series
                let end = ((endpoints[i].endOfSeries?.time ?? series.end) - series.start) / 86_400
                exit.append(max(end, 0)); cause.append(stopped.contains(endpoints[i].patientID) ? 2 : 0)
            }
        }
        guard !exit.isEmpty,
              let data = try? CompetingRisksData(exit: exit, cause: cause, causeLabels: ["response", "stopped for an adverse event"]),
              let curves = try? CompetingRisks.cumulativeIncidence(data, level: plan.confidenceLevel),
              let response = curves.first(where: { $0.cause == "response" }) else { return nil }
        return (response, exit.count, cause.count { $0 == 1 })
    }
}

/// Adverse events per 100 infusions, overall and by term.
public struct AdverseEventRate: Sendable, Equatable {
    /// nil: all terms.
    public let term: String?
    public let events: Int
    public let patients: Int
    public let infusions: Int
    public var per100Infusions: Double? { infusions > 0 ? 100 * Double(events) / Double(infusions) : nil }
}

extension DerivedTables {
    /// Every adverse event of the tables' patients over every infusion they had (all phases), overall and by term
    /// (terms in byte order).
    public var adverseEventRates: [AdverseEventRate] {
        let infusions = patients.reduce(0) { $0 + $1.infusions.count }
        // Patients are counted per patient from its own few terms, not by inserting ids into sets that grow to
        // the whole registry (a quarter of a report's time at a million patients).
        var byTerm: [String: (events: Int, patients: Int)] = [:]
        var allPatients = 0
        var all = 0
        for p in patients where !p.adverseEvents.isEmpty {
            var seen: Set<String> = []
            for ae in p.adverseEvents {
                byTerm[ae.term, default: (0, 0)].events += 1
                if seen.insert(ae.term).inserted { byTerm[ae.term]!.patients += 1 }
                all += 1
            }
            allPatients += 1
        }
        return [AdverseEventRate(term: nil, events: all, patients: allPatients, infusions: infusions)]
            + byTerm.keys.sorted().map { AdverseEventRate(term: $0, events: byTerm[$0]!.events, patients: byTerm[$0]!.patients, infusions: infusions) }
    }
}
