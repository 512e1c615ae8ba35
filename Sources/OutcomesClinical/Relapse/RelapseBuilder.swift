enum RelapseBuilder {
    static func record(patient: PatientTimeline, induction: InfusionSeries, endpoint: SeriesEndpoint,
                       series: [InfusionSeries], scores: [UsableScore], plan: AnalysisPlan) -> RelapseRecord? {
        guard endpoint.response == true else { return nil }
        let day = 86_400.0
        let origin = induction.end
        let threshold = Double(plan.rules(for: endpoint.scale).relapseAtLeast)
        let later = scores.filter { $0.time > origin }
        // Scores meeting the threshold in a run; the onset is the run's first score.
        var onset: UsableScore?
        var runStart: Int?
        for (i, s) in later.enumerated() {
            guard s.total >= threshold else { runStart = nil; continue }
            if runStart != nil, s.time - later[i - 1].time > plan.relapseMaxDaysApart * day { runStart = nil }
            if runStart == nil { runStart = i }
            let length = i - runStart! + 1
            if length >= plan.relapseConsecutive && s.time - later[runStart!].time >= plan.relapseMinDaysApart * day {
                onset = later[runStart!]
                break
            }
        }
        let reinduction = plan.reinductionIsRelapse
            ? series.first { $0.phase == .reinduction && $0.start > origin }?.infusions.first : nil
        let interval = intervalForm(later: later, origin: origin, threshold: threshold, reinduction: reinduction?.time, plan: plan)
        let followUp = later.map(\.time)
        func made(_ time: Double, _ outcome: RelapseOutcome, _ source: SourceLine) -> RelapseRecord {
            let times = [origin] + followUp.filter { $0 <= time }
            return RelapseRecord(patientID: patient.patientID, diagnosis: patient.diagnosis, strategy: patient.strategy,
                                 scale: endpoint.scale, origin: origin, days: (time - origin) / day, outcome: outcome, source: source,
                                 intervalLeftDays: interval.left, intervalRightDays: interval.right,
                                 assessmentGapsDays: zip(times, times.dropFirst()).map { ($1 - $0) / day })
        }
        switch (onset, reinduction) {
        case let (s?, r?): return s.time <= r.time ? made(s.time, .scoreThreshold, s.record.source) : made(r.time, .reinduction, r.source)
        case let (s?, nil): return made(s.time, .scoreThreshold, s.record.source)
        case let (nil, r?): return made(r.time, .reinduction, r.source)
        case (nil, nil):
            guard let last = later.last else {
                return made(origin, .censored, endpoint.endOfSeries?.record.source ?? induction.infusions.last!.source)
            }
            return made(last.time, .censored, last.record.source)
        }
    }

    /// The interval form: relapse is `relapse.consecutive` scores in a row at or above the threshold, however
    /// far apart (spanning at least `relapse.min_days_apart`), or the start of a re-induction series when the
    /// plan counts it; it lies in (last score below the threshold, first score of that run] (the re-induction
    /// start when no high score came before it). Without a relapse the follow-up is right-censored at the last
    /// score, or at the last score below the threshold when unconfirmed high scores follow it.
    static func intervalForm(later: [UsableScore], origin: Double, threshold: Double, reinduction: Double?,
                             plan: AnalysisPlan) -> (left: Double, right: Double?) {
        let day = 86_400.0
        var lastLow = origin
        var run: [UsableScore] = []
        for s in later {
            if let reinduction, s.time >= reinduction { break }
            guard s.total >= threshold else { lastLow = s.time; run = []; continue }
            run.append(s)
            if run.count >= plan.relapseConsecutive && s.time - run[0].time >= plan.relapseMinDaysApart * day {
                return ((lastLow - origin) / day, (run[0].time - origin) / day)
            }
        }
        if let reinduction { return ((lastLow - origin) / day, ((run.first?.time ?? reinduction) - origin) / day) }
        let censoredAt = run.isEmpty ? (later.last?.time ?? origin) : lastLow
        return ((censoredAt - origin) / day, nil)
    }

    /// Splits a follow-up at the moments maintenance exposure switches on or off.
    static func intervals(record: RelapseRecord, series: [InfusionSeries], plan: AnalysisPlan) -> [RelapseInterval] {
        let day = 86_400.0
        let exposure = plan.maintenanceExposureDays
        let sessions = series.filter { $0.phase == .maintenance }.flatMap(\.infusions)
            .map { ($0.time - record.origin) / day }.filter { $0 > 0 && $0 < record.days }
        guard record.days > 0 else { return [] }
        // Exposure is on in [t, t + exposure) after each session; merge overlapping spells.
        var spells: [(Double, Double)] = []
        for t in sessions.sorted() {
            if let last = spells.last, t <= last.1 { spells[spells.count - 1].1 = max(last.1, t + exposure) }
            else { spells.append((t, t + exposure)) }
        }
        var cuts: Set<Double> = [0, record.days]
        for (a, b) in spells { cuts.insert(a); if b < record.days { cuts.insert(b) } }
        let points = cuts.sorted()
        return zip(points, points.dropFirst()).map { a, b in
            let on = spells.contains { a >= $0.0 && a < $0.1 } ? 1 : 0
            return RelapseInterval(patientID: record.patientID, scale: record.scale, start: a, stop: b,
                                   event: b == record.days ? record.event : 0, onMaintenance: on)
        }
    }
}
