enum RelapseBuilder {
    static func record(patient: PatientTimeline, induction: InfusionSeries, endpoint: SeriesEndpoint,
                       series: [InfusionSeries], scores: [UsableScore], plan: AnalysisPlan) -> RelapseRecord? {
        guard endpoint.response == true else { return nil }
        let day = 86_400.0
        let origin = induction.end
        let threshold = Double(endpoint.scale == .phq9 ? plan.phq9RelapseAtLeast : plan.madrsRelapseAtLeast)
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
        func made(_ time: Double, _ outcome: RelapseOutcome, _ source: SourceLine) -> RelapseRecord {
            let days = (time - origin) / day
            var left = days
            var right: Double?
            if outcome != .censored {
                // (last score below the threshold before the event, first score at or above it after that].
                let before = later.filter { $0.time < time || ($0.time == time && outcome == .scoreThreshold) }
                let lastLow = before.last { $0.total < threshold }
                left = lastLow.map { ($0.time - origin) / day } ?? 0
                let firstHigh = before.first { $0.total >= threshold && $0.time > (lastLow?.time ?? origin) }
                right = firstHigh.map { ($0.time - origin) / day } ?? days
            }
            return RelapseRecord(patientID: patient.patientID, diagnosis: patient.diagnosis, strategy: patient.strategy,
                                 scale: endpoint.scale, origin: origin, days: days, outcome: outcome, source: source,
                                 intervalLeftDays: left, intervalRightDays: right)
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
