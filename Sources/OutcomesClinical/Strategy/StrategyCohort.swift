/// One step of the protocol's flow: how many patients remain after it.
public struct StrategyFlowStep: Sendable, Equatable {
    public let label: String
    public let count: Int
    public init(label: String, count: Int) { self.label = label; self.count = count }
}

/// The eligible patients of the target-trial emulation and how they were selected.
///
/// Eligibility: responders at the end of the first induction series (on the plan's `strategy.scale`) whose
/// end-of-series score is below the relapse threshold. Time zero: that end-of-induction assessment, when
/// response is known (not the last infusion). Follow-up for relapse uses the relapse table's definitions
/// (event-time and interval forms), shifted to time zero; a relapse dated at or before time zero, or no
/// follow-up after it, leaves the patient out and is counted.
public struct StrategyCohort: Sendable {
    public let scale: Scale
    public let gracePeriodDays: Double
    public let steps: [StrategyFlowStep]
    /// Patients left out at the last step, by reason.
    public let exclusions: [StrategyFlowStep]
    public let participants: [StrategyParticipant]

    /// Recorded maintenance with no maintenance session in the grace period though followed beyond it.
    public var maintenanceWithoutSession: Int {
        participants.filter { $0.recorded == .maintenance && $0.receivedInGrace == .asNeeded && $0.days > gracePeriodDays }.count
    }
    /// Recorded as_needed with a maintenance session in the grace period.
    public var asNeededWithSession: Int {
        participants.filter { $0.recorded == .asNeeded && $0.receivedInGrace == .maintenance }.count
    }
    /// Recorded maintenance whose follow-up ended (relapse or censoring) within the grace period before any session:
    /// not a deviation, since the strategy could not yet show.
    public var maintenanceEndedInGrace: Int {
        participants.filter { $0.recorded == .maintenance && $0.receivedInGrace == .asNeeded && $0.days <= gracePeriodDays }.count
    }
    /// Deviations at any time during follow-up (per protocol censoring), by recorded strategy.
    public func deviations(_ s: TreatmentStrategy) -> Int {
        participants.filter { $0.recorded == s && $0.deviationDay != nil }.count
    }

    public static func build(_ tables: DerivedTables, scale: Scale) -> StrategyCohort {
        let plan = tables.plan
        let day = 86_400.0
        let grace = plan.strategyGracePeriodDays
        let threshold = Double(plan.rules(for: scale).relapseAtLeast)
        // Rows by index (the last endpoint and the first relapse record of each patient): dictionaries of whole rows
        // retained every string and array in them.
        var endpointAt: [String: Int] = [:]
        for k in tables.endpoints.indices
        where tables.endpoints[k].scale == scale && tables.endpoints[k].series.phase == .induction && tables.endpoints[k].series.ordinal == 1 {
            endpointAt[tables.endpoints[k].patientID] = k
        }
        var relapseAt: [String: Int] = [:]
        for k in tables.relapse.indices where tables.relapse[k].scale == scale && relapseAt[tables.relapse[k].patientID] == nil {
            relapseAt[tables.relapse[k].patientID] = k
        }

        var started = 0, scored = 0, responded = 0, belowThreshold = 0
        var relapsedBefore = 0, noFollowUp = 0
        var participants: [StrategyParticipant] = []
        for p in tables.patients {
            let series = tables.series[p.patientID] ?? []
            guard series.contains(where: { $0.phase == .induction && $0.ordinal == 1 }) else { continue }
            started += 1
            guard let k = endpointAt[p.patientID], tables.endpoints[k].exclusion == nil,
                  let baseline = tables.endpoints[k].baseline, let end = tables.endpoints[k].endOfSeries else { continue }
            let e = tables.endpoints[k]
            scored += 1
            guard e.response == true else { continue }
            responded += 1
            guard end.total < threshold else { continue }
            belowThreshold += 1
            guard let rk = relapseAt[p.patientID] else { noFollowUp += 1; continue }
            let r = tables.relapse[rk]
            let t0 = end.time
            let shift = (t0 - r.origin) / day
            let days = r.days - shift
            if days <= 0 {
                if r.event == 1 { relapsedBefore += 1 } else { noFollowUp += 1 }
                continue
            }
            let right = r.intervalRightDays.map { $0 - shift }
            if let right, right <= 0 { relapsedBefore += 1; continue }
            let left = max(0, r.intervalLeftDays - shift)
            let sessions = series.filter { $0.phase == .maintenance }.flatMap(\.infusions)
                .map { ($0.time - t0) / day }.filter { $0 > 0 }.sorted()
            let beforeEvent = sessions.filter { $0 < days || (!(r.event == 1) && $0 <= days) }
            let received: TreatmentStrategy = beforeEvent.contains { $0 <= grace } ? .maintenance : .asNeeded
            let lastRecord = max(p.infusions.last?.time ?? t0, p.scores.last?.time ?? t0)
            let observed = (lastRecord - t0) / day
            let infusions = p.infusions.filter { $0.time > t0 && $0.time <= lastRecord }.count
            participants.append(StrategyParticipant(
                patientID: p.patientID, recorded: p.strategy, receivedInGrace: received,
                deviationDay: deviation(recorded: p.strategy, sessions: beforeEvent, days: days, grace: grace),
                baselineScore: baseline.total, baselineBand: scale.band(for: baseline.total)?.name ?? "out of range",
                remission: e.remission == true, diagnosis: p.diagnosis, priorTreatmentsFailed: p.priorTreatmentsFailed,
                suicidalItemBaseline: baseline.record.suicidalItem, ageYears: p.ageYears, sex: p.sex, site: p.site,
                days: days, event: r.event == 1, intervalLeft: left, intervalRight: right,
                observedDays: observed, infusionsAfterTimeZero: infusions, maintenanceSessionDays: sessions))
        }
        let steps = [
            StrategyFlowStep(label: "patients in the dataset", count: tables.patients.count),
            StrategyFlowStep(label: "started a first induction series", count: started),
            StrategyFlowStep(label: "with baseline and end-of-induction \(scale.id) scores", count: scored),
            StrategyFlowStep(label: "responders at the end of induction", count: responded),
            StrategyFlowStep(label: "end-of-induction \(scale.id) below the relapse threshold (\(Int(threshold)))", count: belowThreshold),
            StrategyFlowStep(label: "followed after time zero (eligible)", count: participants.count),
        ]
        return StrategyCohort(scale: scale, gracePeriodDays: grace, steps: steps,
                              exclusions: [StrategyFlowStep(label: "relapse dated at or before time zero", count: relapsedBefore),
                                           StrategyFlowStep(label: "no follow-up after time zero", count: noFollowUp)],
                              participants: participants)
    }

    /// The day a patient left the recorded strategy, from the maintenance sessions before the relapse.
    static func deviation(recorded: TreatmentStrategy?, sessions: [Double], days: Double, grace: Double) -> Double? {
        switch recorded {
        case nil: return nil
        case .asNeeded?: return sessions.first
        case .maintenance?:
            // A session at least every `grace` days from time zero; the first gap longer than that is a deviation.
            var previous = 0.0
            for s in sessions {
                if s - previous > grace { return previous + grace }
                previous = s
            }
            return days - previous > grace ? previous + grace : nil
        }
    }
}
