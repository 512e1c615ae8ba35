import OutcomesClinical
/// Simulates one patient's year from first infusion to end of follow-up, appending rows in time order.
///
/// See ``SyntheticCohort`` for the model this implements.
struct PatientSimulation {
    let model: SyntheticCohortModel
    let patientIndex: Int
    var rng: Xoshiro256StarStar

    private(set) var infusions: [SyntheticInfusion] = []
    private(set) var assessments: [SyntheticAssessment] = []
    private(set) var adverseEvents: [SyntheticAdverseEvent] = []

    // Fixed per patient.
    private var baselinePHQ9 = 0
    private var baselineMADRS = 0
    private var suicidalPHQ9 = 0
    private var suicidalMADRS = 0
    private var phq9Weights: [Double] = []
    private var madrsWeights: [Double] = []

    // Current state.
    /// PHQ-9 and MADRS totals the patient settles at while responding (end-of-induction targets).
    private var respondingPHQ9 = 0
    private var respondingMADRS = 0
    private var isResponder = false
    /// MADRS response and remission at the end of induction (drawn given the PHQ-9 flags).
    private var isMADRSResponder = false
    private var isMADRSRemitter = false
    /// Relapse hazard per day of this patient (strategy, severity and remission), for every episode.
    private var relapseHazard = 0.0
    /// Start of the first infusion, once given.
    private var firstInfusionStart: Int?
    /// For a scale whose suicidal item is positive before the first infusion: index of the first resolution
    /// mark (40, 90, 240 minutes) by which it is resolved; 3 when not by 240 minutes.
    private var suicidalResolvedMark: [Instrument: Int] = [:]
    private var inResponse = false
    private var relapseMinute = Int.max
    private var infusionsStopped = false
    /// The patient's usual IV dose (hundredths of mg/kg) and duration; single sessions deviate from them.
    private var usualDose = 50
    private var usualDuration = 40

    init(model: SyntheticCohortModel, patientIndex: Int, seed: UInt64) {
        self.model = model
        self.patientIndex = patientIndex
        self.rng = Xoshiro256StarStar(seed: seed)
    }

    // MARK: - Patient

    /// Draws the patient's row, latent state and all records.
    mutating func run(siteWeights: [Double], siteNames: [String], idWidth: Int) -> (SyntheticPatient, SyntheticLatentState) {
        let diagnosis = Diagnosis.allCases[rng.categorical(Diagnosis.allCases.map { model.diagnosisShares[$0, default: 0] })]
        let sexWeights = Sex.allCases.map { model.sexShares[$0, default: 0] } + [model.sexBlankProbability]
        let sexIndex = rng.categorical(sexWeights)
        let sex: Sex? = sexIndex < Sex.allCases.count ? Sex.allCases[sexIndex] : nil
        let age = clamp(Int(rng.normal(mean: model.ageMean, standardDeviation: model.ageStandardDeviation).rounded()),
                        model.ageRange.lowerBound, model.ageRange.upperBound)
        let prior = min(15, Int(rng.gamma(shape: model.priorTreatmentsGammaShape, scale: model.priorTreatmentsGammaScale)))
        let site = siteNames[rng.categorical(siteWeights)]

        isResponder = rng.bernoulli(model.responseProbability[diagnosis, default: 0])
        let isRemitter = isResponder && rng.bernoulli(model.remissionProbabilityGivenResponse)
        let madrs = model.madrsResponseProbability
        isMADRSResponder = rng.bernoulli(isResponder ? madrs.givenPHQ9Response : madrs.givenPHQ9NonResponse)
        let madrsRemission = model.madrsRemissionProbability
        isMADRSRemitter = isMADRSResponder && rng.bernoulli(isRemitter ? madrsRemission.givenPHQ9Remission : madrsRemission.otherwise)

        baselinePHQ9 = clamp(Int(rng.normal(mean: model.baselinePHQ9Mean, standardDeviation: model.baselinePHQ9StandardDeviation).rounded()), 10, 27)
        baselineMADRS = clamp(Int((1.8 * Double(baselinePHQ9) + 6 + rng.normal(mean: 0, standardDeviation: 4)).rounded()), 22, 60)
        let severe = baselinePHQ9 >= model.severeBaselinePHQ9AtLeast
        let trueStrategy: TreatmentStrategy
        switch model.strategyAssignment {
        case .random:
            trueStrategy = TreatmentStrategy.allCases[rng.categorical(TreatmentStrategy.allCases.map { model.strategyShares[$0, default: 0] })]
        case .confounded:
            trueStrategy = rng.bernoulli(model.confoundedMaintenanceProbability(severe: severe, remitter: isRemitter)) ? .maintenance : .asNeeded
        }
        let recordedStrategy: TreatmentStrategy? = rng.bernoulli(model.strategyBlankProbability) ? nil : trueStrategy
        relapseHazard = model.relapseHazardPerDay(trueStrategy, severe: severe, remitter: isRemitter)

        if rng.bernoulli(model.baselineSuicidalItemPositiveProbability) {
            suicidalPHQ9 = 1 + rng.categorical([0.5, 0.3, 0.2])
            suicidalMADRS = [2, 3, 5][suicidalPHQ9 - 1] + rng.integer(in: 0...1)
        } else {
            suicidalPHQ9 = 0
            suicidalMADRS = rng.bernoulli(0.2) ? 1 : 0
        }
        // Near the top of a scale the other items cannot carry the whole total; the suicidal item then takes
        // the rest (PHQ-9 totals above 24 imply item 9 > 0), and such patients count as positive.
        if suicidalPHQ9 < baselinePHQ9 - 24 {
            suicidalPHQ9 = baselinePHQ9 - 24
            suicidalMADRS = max(suicidalMADRS, 2)
        }
        suicidalMADRS = max(suicidalMADRS, baselineMADRS - 54)
        // Resolution after the first infusion: one uniform per scale, shared with probability
        // `suicidalItemScaleAgreement`, read against each scale's cumulative probabilities.
        let phqUniform = rng.uniform()
        let madrsUniform = rng.bernoulli(model.suicidalItemScaleAgreement) ? phqUniform : rng.uniform()
        func mark(_ u: Double, _ instrument: Instrument) -> Int {
            model.suicidalItemResolvedByMinutes[instrument, default: []].firstIndex { u < $0 } ?? Self.suicidalMarkCount
        }
        if suicidalPHQ9 >= Self.suicidalPositive(.phq9) { suicidalResolvedMark[.phq9] = mark(phqUniform, .phq9) }
        if suicidalMADRS >= Self.suicidalPositive(.madrs) { suicidalResolvedMark[.madrs] = mark(madrsUniform, .madrs) }
        phq9Weights = (0..<9).map { _ in rng.gamma(shape: 2, scale: 1) + 0.2 }
        madrsWeights = (0..<10).map { _ in rng.gamma(shape: 2, scale: 1) + 0.2 }
        drawEndOfInductionTargets(responds: isResponder, remits: isRemitter, madrsResponds: isMADRSResponder, madrsRemits: isMADRSRemitter)
        usualDose = drawIntravenousDose()
        usualDuration = drawIntravenousDuration()

        let firstDay = rng.integer(in: 0...(model.enrollmentWindowDays - 1))
        let endMinute = (firstDay + model.followUpDays) * SyntheticClock.minutesPerDay + SyntheticClock.minutesPerDay - 1
        let endOfInduction = runInduction(firstDay: firstDay)

        var firstRelapseDays: Double?
        if let endOfInduction {
            if isResponder {
                let days = rng.exponential(rate: relapseHazard)
                firstRelapseDays = days
                inResponse = true
                relapseMinute = endOfInduction.lastInfusionMinute + minutes(fromDays: days)
            }
            runFollowUp(endOfInduction: endOfInduction, endMinute: endMinute, strategy: trueStrategy)
        }
        finishOrdering()

        let patient = SyntheticPatient(
            id: "P" + syntheticZeroPadded(patientIndex + 1, width: idWidth), diagnosis: diagnosis, sex: sex, age: age,
            priorTreatmentsFailed: prior, site: site, strategy: recordedStrategy)
        let latent = SyntheticLatentState(
            trueStrategy: trueStrategy, isResponder: isResponder, isRemitter: isRemitter,
            isMADRSResponder: isMADRSResponder, isMADRSRemitter: isMADRSRemitter, isSevere: severe,
            baselinePHQ9: baselinePHQ9, baselineMADRS: baselineMADRS, baselineSuicidalItem: suicidalPHQ9,
            baselineMADRSSuicidalItem: suicidalMADRS,
            suicidalItemResolvedMark: suicidalResolvedMark, completedInduction: endOfInduction != nil,
            firstRelapseDays: firstRelapseDays)
        return (patient, latent)
    }

    /// End-of-induction totals that make response and remission exact on each scale: a PHQ-9 responder's
    /// total is at most half of baseline and below 10 (below 5 for a remitter), a non-responder's above half
    /// of baseline; a MADRS responder's is at most half of baseline and ≤ 21 (≤ 10 for a remitter), a
    /// non-responder's above half. The two scales follow their own flags, which agree imperfectly.
    private mutating func drawEndOfInductionTargets(responds: Bool, remits: Bool, madrsResponds: Bool, madrsRemits: Bool) {
        let halfPHQ9 = baselinePHQ9 / 2
        let halfMADRS = baselineMADRS / 2
        if remits {
            respondingPHQ9 = rng.integer(in: 0...4)
        } else if responds {
            respondingPHQ9 = rng.integer(in: 5...min(halfPHQ9, 9))
        } else {
            respondingPHQ9 = clamp(Int((Double(baselinePHQ9) * rng.uniform(0.55, 1.0)).rounded()), halfPHQ9 + 1, 27)
        }
        if madrsRemits {
            respondingMADRS = rng.integer(in: 2...10)
        } else if madrsResponds {
            respondingMADRS = rng.integer(in: 11...min(halfMADRS, 21))
        } else {
            respondingMADRS = clamp(Int((Double(baselineMADRS) * rng.uniform(0.55, 1.0)).rounded()), halfMADRS + 1, 60)
        }
    }

    // MARK: - Induction

    private struct EndOfInduction {
        var lastInfusionMinute: Int
        var visitMinute: Int
    }

    /// Runs the induction series; returns `nil` when the patient drops out or stops for an adverse event.
    private mutating func runInduction(firstDay: Int) -> EndOfInduction? {
        let count = model.inductionInfusionCountShares[rng.categorical(model.inductionInfusionCountShares.map(\.share))].count
        let days = seriesDays(count: count, span: rng.integer(in: model.inductionSpanDays))
        var lastStart = 0
        for (position, day) in days.enumerated() {
            let start = (firstDay + day) * SyntheticClock.minutesPerDay + clinicInfusionMinuteOfDay()
            lastStart = start
            if position == 0 { firstInfusionStart = start }
            let progress = Double(position) / Double(count)
            let phqLevel = Double(baselinePHQ9) + Double(respondingPHQ9 - baselinePHQ9) * progress
            let madrsLevel = Double(baselineMADRS) + Double(respondingMADRS - baselineMADRS) * progress
            let preMinute = start - rng.integer(in: 5...30)
            let madrsMinute = preMinute - rng.integer(in: model.madrsDelayMinutes)
            if position == 0 {
                addAssessment(.phq9, minute: preMinute, total: baselinePHQ9, suicidal: suicidalPHQ9)
                addAssessment(.madrs, minute: madrsMinute, total: baselineMADRS, suicidal: suicidalMADRS)
            } else {
                if rng.bernoulli(model.preInfusionPHQ9Probability) { addNoisy(.phq9, minute: preMinute, level: phqLevel) }
                if rng.bernoulli(model.preInfusionMADRSProbability) { addNoisy(.madrs, minute: madrsMinute, level: madrsLevel) }
            }
            let outcome = giveInfusion(start: start, phase: .induction, allowOtherRoutes: false)
            let acuteProbability = position == 0 ? model.acuteAssessmentProbabilityFirstInfusion : model.acuteAssessmentProbabilityLaterInfusion
            if rng.bernoulli(acuteProbability) {
                addAcuteAssessments(start: start, duration: outcome.duration, phqLevel: phqLevel, madrsLevel: madrsLevel,
                                    isFirstInfusion: position == 0)
            }
            if outcome.discontinued { return nil }
            if rng.bernoulli(model.dropoutProbabilityPerInductionInfusion) { return nil }
        }
        let visitDay = lastStart / SyntheticClock.minutesPerDay + rng.integer(in: model.endOfInductionVisitDelayDays)
        let visitMinute = visitDay * SyntheticClock.minutesPerDay + clinicVisitMinuteOfDay()
        if !rng.bernoulli(model.endOfInductionVisitMissedProbability) {
            addAssessment(.phq9, minute: visitMinute, total: respondingPHQ9, suicidal: scaledSuicidal(.phq9, total: respondingPHQ9))
            if rng.bernoulli(model.endOfInductionMADRSProbability) {
                addAssessment(.madrs, minute: visitMinute + rng.integer(in: model.madrsDelayMinutes), total: respondingMADRS,
                              suicidal: scaledSuicidal(.madrs, total: respondingMADRS))
            }
        }
        return EndOfInduction(lastInfusionMinute: lastStart, visitMinute: visitMinute)
    }

    /// Day offsets of a series of `count` infusions spread over `span` days: evenly spaced, jittered by a day,
    /// strictly increasing.
    private mutating func seriesDays(count: Int, span: Int) -> [Int] {
        var days = [0]
        for position in 1..<count {
            var day = (2 * position * span + (count - 1)) / (2 * (count - 1))
            if position < count - 1 { day += rng.integer(in: -1...1) }
            days.append(max(day, days[position - 1] + 1))
        }
        return days
    }

    /// Assessments about 40, 90 and 240 minutes after an infusion starts, with the acute drop in scores
    /// (larger for responders); the MADRS is taken a few minutes after the PHQ-9. After the first infusion the
    /// suicidal item follows the drawn resolution (see ``addAssessment(_:minute:total:suicidal:)``).
    private mutating func addAcuteAssessments(start: Int, duration: Int, phqLevel: Double, madrsLevel: Double, isFirstInfusion: Bool) {
        let drops = isResponder ? [0.35, 0.45, 0.40] : [0.15, 0.20, 0.15]
        for (slot, offset) in model.acuteAssessmentMinutes.enumerated() {
            // Slots that fall before the end of a long infusion are taken just after it, five minutes apart.
            // Both scales are taken early, never late, so "the 90-minute assessment" lies within a 90-minute window.
            let nominal = max(start + offset, start + duration + 5 * slot)
            let phqMinute = nominal - rng.integer(in: 4...8)
            let madrsMinute = nominal - rng.integer(in: 0...3)
            let drop = drops[min(slot, drops.count - 1)]
            let phq = noisyTotal(.phq9, level: phqLevel * (1 - drop))
            let madrs = noisyTotal(.madrs, level: madrsLevel * (1 - drop))
            addAssessment(.phq9, minute: phqMinute, total: phq, suicidal: scaledSuicidal(.phq9, total: phq))
            addAssessment(.madrs, minute: madrsMinute, total: madrs, suicidal: scaledSuicidal(.madrs, total: madrs))
        }
    }

    // MARK: - Follow-up

    private enum Event { case visit, maintenance }

    /// Follow-up visits, maintenance infusions, relapse and re-induction until the end of follow-up or dropout.
    private mutating func runFollowUp(endOfInduction: EndOfInduction, endMinute: Int, strategy: TreatmentStrategy) {
        let getsMaintenance = isResponder && strategy == .maintenance
        var nextVisit = Self.later(endOfInduction.visitMinute, days: rng.integer(in: model.followUpIntervalDays), at: clinicVisitMinuteOfDay())
        var nextMaintenance = getsMaintenance
            ? Self.later(endOfInduction.lastInfusionMinute, days: rng.integer(in: model.maintenanceIntervalDays), at: clinicInfusionMinuteOfDay())
            : Int.max
        var consecutiveRelapsedVisits = 0
        var reinductions = 0
        while true {
            let isMaintenance = nextMaintenance < nextVisit
            let now = isMaintenance ? nextMaintenance : nextVisit
            if now > endMinute { return }
            if isMaintenance {
                if infusionsStopped { nextMaintenance = Int.max; continue }
                let levels = stateLevels(at: now)
                let preMinute = now - rng.integer(in: 5...30)
                let excursions = drawExcursions()
                if rng.bernoulli(model.preInfusionPHQ9Probability) { addStateAssessment(.phq9, minute: preMinute, excursion: excursions.phq9) }
                if rng.bernoulli(model.preInfusionMADRSProbability) {
                    addStateAssessment(.madrs, minute: preMinute - rng.integer(in: model.madrsDelayMinutes), excursion: excursions.madrs)
                }
                let outcome = giveInfusion(start: now, phase: .maintenance, allowOtherRoutes: true)
                if rng.bernoulli(model.acuteAssessmentProbabilityLaterInfusion) {
                    addAcuteAssessments(start: now, duration: outcome.duration, phqLevel: levels.phq, madrsLevel: levels.madrs, isFirstInfusion: false)
                }
                nextMaintenance = Self.later(now, days: rng.integer(in: model.maintenanceIntervalDays), at: clinicInfusionMinuteOfDay())
                continue
            }
            // A follow-up visit.
            nextVisit = Self.later(now, days: rng.integer(in: model.followUpIntervalDays), at: clinicVisitMinuteOfDay())
            if rng.bernoulli(model.followUpVisitMissedProbability) { continue }
            let excursions = drawExcursions()
            addStateAssessment(.phq9, minute: now, excursion: excursions.phq9)
            if rng.bernoulli(model.followUpMADRSProbability) {
                addStateAssessment(.madrs, minute: now + rng.integer(in: model.madrsDelayMinutes), excursion: excursions.madrs)
            }
            let relapsed = isRelapsed(at: now)
            consecutiveRelapsedVisits = relapsed ? consecutiveRelapsedVisits + 1 : 0
            let responding = isResponder && !relapsed
            if rng.bernoulli(responding ? model.dropoutProbabilityPerVisitResponding : model.dropoutProbabilityPerVisitNotResponding) {
                return
            }
            // The decision is drawn once per episode: at the second consecutive relapsed visit.
            if consecutiveRelapsedVisits == 2 && !infusionsStopped && reinductions < model.maximumReinductions
                && rng.bernoulli(model.reinductionProbability[strategy, default: 0]) {
                reinductions += 1
                consecutiveRelapsedVisits = 0
                let firstDay = now / SyntheticClock.minutesPerDay + rng.integer(in: model.reinductionDelayDays)
                let lastStart = runReinduction(firstDay: firstDay, endMinute: endMinute, strategy: strategy)
                nextVisit = max(nextVisit, Self.later(lastStart, days: rng.integer(in: model.followUpIntervalDays), at: clinicVisitMinuteOfDay()))
                if getsMaintenance {
                    nextMaintenance = Self.later(lastStart, days: rng.integer(in: model.maintenanceIntervalDays), at: clinicInfusionMinuteOfDay())
                }
            }
        }
    }

    /// A re-induction series; returns the start of its last infusion. A response restarts the relapse clock.
    private mutating func runReinduction(firstDay: Int, endMinute: Int, strategy: TreatmentStrategy) -> Int {
        let count = rng.integer(in: model.reinductionInfusionCount)
        let dayOffsets = seriesDays(count: count, span: rng.integer(in: model.reinductionSpanDays))
        let responds = rng.bernoulli(model.reinductionResponseProbability)
        let relapsedPHQ9 = Double(baselinePHQ9) * 0.8
        let relapsedMADRS = Double(baselineMADRS) * 0.8
        var targetPHQ9 = relapsedPHQ9 * 0.9
        var targetMADRS = relapsedMADRS * 0.9
        if responds {
            let remits = rng.bernoulli(model.remissionProbabilityGivenResponse)
            drawEndOfInductionTargets(responds: true, remits: remits, madrsResponds: true, madrsRemits: remits)
            targetPHQ9 = Double(respondingPHQ9)
            targetMADRS = Double(respondingMADRS)
        }
        var lastStart = firstDay * SyntheticClock.minutesPerDay
        for (position, day) in dayOffsets.enumerated() {
            let start = (firstDay + day) * SyntheticClock.minutesPerDay + clinicInfusionMinuteOfDay()
            if start > endMinute || infusionsStopped { break }
            lastStart = start
            let progress = Double(position) / Double(count)
            let phqLevel = relapsedPHQ9 + (targetPHQ9 - relapsedPHQ9) * progress
            let madrsLevel = relapsedMADRS + (targetMADRS - relapsedMADRS) * progress
            let preMinute = start - rng.integer(in: 5...30)
            if rng.bernoulli(model.preInfusionPHQ9Probability) { addNoisy(.phq9, minute: preMinute, level: max(phqLevel, 10), floor: position == 0 ? 10 : 0) }
            if rng.bernoulli(model.preInfusionMADRSProbability) {
                addNoisy(.madrs, minute: preMinute - rng.integer(in: model.madrsDelayMinutes), level: max(madrsLevel, 22), floor: position == 0 ? 22 : 0)
            }
            let outcome = giveInfusion(start: start, phase: .reinduction, allowOtherRoutes: false)
            if rng.bernoulli(model.acuteAssessmentProbabilityLaterInfusion) {
                addAcuteAssessments(start: start, duration: outcome.duration, phqLevel: phqLevel, madrsLevel: madrsLevel, isFirstInfusion: false)
            }
        }
        if responds && !infusionsStopped {
            inResponse = true
            relapseMinute = lastStart + minutes(fromDays: rng.exponential(rate: relapseHazard))
        } else {
            inResponse = false
        }
        return lastStart
    }

    /// Whether a responder has relapsed by `minute` (always false for non-responders).
    private func isRelapsed(at minute: Int) -> Bool {
        isResponder && !(inResponse && minute < relapseMinute)
    }

    /// Expected totals in the current state (used for the acute drop after maintenance infusions).
    private func stateLevels(at minute: Int) -> (phq: Double, madrs: Double) {
        if isRelapsed(at: minute) { return (Double(baselinePHQ9) * 0.8, Double(baselineMADRS) * 0.8) }
        return (Double(respondingPHQ9), Double(respondingMADRS))
    }

    /// Whether this visit's PHQ-9 and MADRS carry a transient excursion (used only while responding).
    private mutating func drawExcursions() -> (phq9: Bool, madrs: Bool) {
        let phq9 = rng.bernoulli(model.transientExcursionProbability)
        let p = model.madrsExcursionProbability
        return (phq9, rng.bernoulli(phq9 ? p.givenPHQ9Excursion : p.otherwise))
    }

    /// A non-acute assessment: the latent level plus measurement noise, nothing clamped to a side of the
    /// relapse threshold. While responding the level is the end-of-induction total capped at
    /// `respondingLevelCap`, plus a transient excursion when drawn; after relapse it is baseline ×
    /// uniform(0.65, 1), at least `relapsedLevelFloor`; non-responders vary around their end-of-induction totals.
    private mutating func addStateAssessment(_ instrument: Instrument, minute: Int, excursion: Bool) {
        let isPHQ9 = instrument == .phq9
        let sd = model.measurementNoiseSD[instrument, default: 1]
        let total: Int
        if isRelapsed(at: minute) {
            let level = max(model.relapsedLevelFloor[instrument, default: 0], Double(isPHQ9 ? baselinePHQ9 : baselineMADRS) * rng.uniform(0.65, 1.0))
            total = noisyTotal(instrument, level: level, sd: sd)
        } else if isResponder {
            var level = min(Double(isPHQ9 ? respondingPHQ9 : respondingMADRS), model.respondingLevelCap[instrument, default: 0])
            if excursion { level += Double(rng.integer(in: model.transientExcursionPoints[instrument, default: 0...0])) }
            total = noisyTotal(instrument, level: level, sd: sd)
        } else if !isPHQ9 && isMADRSResponder {
            // A MADRS response without a PHQ-9 response does not last: follow-up MADRS is back at a
            // non-responding level (so the latent relapse process belongs to PHQ-9 responders only).
            let level = max(model.relapsedLevelFloor[instrument, default: 0], Double(baselineMADRS) * rng.uniform(0.65, 1.0))
            total = noisyTotal(instrument, level: level, sd: sd)
        } else {
            total = noisyTotal(instrument, level: Double(isPHQ9 ? respondingPHQ9 : respondingMADRS), spread: 1.4)
        }
        addAssessment(instrument, minute: minute, total: total, suicidal: scaledSuicidal(instrument, total: total))
    }

    // MARK: - Infusions and adverse events

    private struct InfusionOutcome {
        var duration: Int
        var discontinued: Bool
    }

    /// Records one infusion and its adverse events; an adverse event leading to discontinuation during the
    /// infusion stops it (completed = no) and stops all later infusions.
    private mutating func giveInfusion(start: Int, phase: TreatmentPhase, allowOtherRoutes: Bool) -> InfusionOutcome {
        var route = Route.intravenous
        if allowOtherRoutes {
            let others: [Route] = [.intramuscular, .intranasal, .oral]
            let weights = others.map { model.maintenanceRouteShares[$0, default: 0] }
            let index = rng.categorical([max(0, 1 - weights.reduce(0, +))] + weights)
            if index > 0 { route = others[index - 1] }
        }
        var dose: Int
        var duration: Int
        switch route {
        case .intravenous:
            dose = rng.bernoulli(model.intravenousSessionDeviationProbability) ? drawIntravenousDose() : usualDose
            duration = rng.bernoulli(model.intravenousSessionDeviationProbability) ? drawIntravenousDuration() : usualDuration
        case .intramuscular:
            dose = rng.bernoulli(0.7) ? 50 : 75
            duration = 1
        case .intranasal:
            dose = rng.integer(in: 60...110)
            duration = 5
        case .oral:
            dose = 100 + 25 * rng.integer(in: 0...4)
            duration = 30
        }
        var completed = true
        if route == .intravenous && rng.bernoulli(model.infusionInterruptedProbability) {
            duration = rng.integer(in: 10...(duration - 5))
            completed = false
        }
        var discontinued = false
        for term in SyntheticAdverseEventTerm.allCases where rng.bernoulli(model.adverseEventProbability[term, default: 0]) {
            let severity = Severity.allCases[rng.categorical(Severity.allCases.map { model.severityShares[$0, default: 0] })]
            let serious = rng.bernoulli(model.seriousProbability[severity, default: 0])
            let stops = rng.bernoulli(model.discontinuationProbability[severity, default: 0])
            let duringInfusion = term == .dissociation || term == .elevatedBloodPressure
            let onset = start + (duringInfusion ? rng.integer(in: 1...max(1, duration)) : rng.integer(in: 10...(duration + 120)))
            adverseEvents.append(SyntheticAdverseEvent(
                patientIndex: patientIndex, minute: onset, term: term, severity: severity,
                serious: serious, ledToDiscontinuation: stops))
            if stops {
                discontinued = true
                if onset - start < duration {
                    duration = max(1, onset - start)
                    completed = false
                }
            }
        }
        let recordedPhase: TreatmentPhase? = rng.bernoulli(model.phaseBlankProbability) ? nil : phase
        infusions.append(SyntheticInfusion(
            patientIndex: patientIndex, startMinute: start, route: route, doseHundredthsMgPerKg: dose,
            durationMinutes: duration, phase: recordedPhase, completed: completed))
        if discontinued { infusionsStopped = true }
        return InfusionOutcome(duration: duration, discontinued: discontinued)
    }

    private mutating func drawIntravenousDose() -> Int {
        model.intravenousDoseShares[rng.categorical(model.intravenousDoseShares.map(\.share))].hundredths
    }

    private mutating func drawIntravenousDuration() -> Int {
        model.intravenousDurationShares[rng.categorical(model.intravenousDurationShares.map(\.share))].minutes
    }

    // MARK: - Assessments

    /// Rounded `level` plus normal noise (SD 1.5 for PHQ-9, 3 for MADRS, times `spread`), clamped to the scale.
    private mutating func noisyTotal(_ instrument: Instrument, level: Double, spread: Double = 1) -> Int {
        noisyTotal(instrument, level: level, sd: (instrument == .phq9 ? 1.5 : 3.0) * spread)
    }

    /// Rounded `level` plus normal noise with standard deviation `sd`, clamped to the scale.
    private mutating func noisyTotal(_ instrument: Instrument, level: Double, sd: Double) -> Int {
        clamp(Int((level + rng.normal(mean: 0, standardDeviation: sd)).rounded()), 0, instrument.maximumTotal)
    }

    private mutating func addNoisy(_ instrument: Instrument, minute: Int, level: Double, floor: Int = 0) {
        let total = max(floor, noisyTotal(instrument, level: level))
        addAssessment(instrument, minute: minute, total: total, suicidal: scaledSuicidal(instrument, total: total))
    }

    /// The suicidal item in proportion to how far the total is from baseline, never above its baseline value
    /// (so a patient negative before the first infusion never turns positive later).
    private func scaledSuicidal(_ instrument: Instrument, total: Int) -> Int {
        let baselineItem = instrument == .phq9 ? suicidalPHQ9 : suicidalMADRS
        let baselineTotal = instrument == .phq9 ? baselinePHQ9 : baselineMADRS
        let scaled = Double(baselineItem) * Double(total) / Double(baselineTotal)
        return min(baselineItem, instrument.maximumItemScore, Int(scaled.rounded()))
    }

    /// Number of resolution marks (40, 90, 240 minutes); a drawn mark equal to it means "not by 240 minutes".
    static let suicidalMarkCount = SyntheticCohortModel.suicidalItemMarkMinutes.count
    /// Positive cut-offs of the plan's defaults (PHQ-9 item 9 ≥ 1, MADRS item 10 ≥ 2); resolved is below them.
    static func suicidalPositive(_ instrument: Instrument) -> Int { instrument == .phq9 ? 1 : 2 }

    /// For a score up to one day after the first infusion's start, on a scale positive before it: whether
    /// the item is resolved, from the elapsed time's mark and the drawn resolution mark. nil otherwise.
    private func suicidalResolvedAfterFirstInfusion(_ instrument: Instrument, minute: Int) -> Bool? {
        guard let first = firstInfusionStart, let drawn = suicidalResolvedMark[instrument],
              minute > first, minute - first <= SyntheticClock.minutesPerDay else { return nil }
        let elapsed = minute - first
        let marks = SyntheticCohortModel.suicidalItemMarkMinutes
        let reached = marks.firstIndex { elapsed <= $0 } ?? (marks.count - 1)
        return reached >= drawn
    }

    /// Adds an assessment whose items sum to `total`: the suicidal item is set first (limited so the total
    /// stays reachable), then the remaining points go one at a time to the other items in proportion to the
    /// patient's fixed item profile.
    private mutating func addAssessment(_ instrument: Instrument, minute: Int, total: Int, suicidal: Int) {
        let count = instrument.itemCount
        let maximum = instrument.maximumItemScore
        let suicidalIndex = instrument.suicidalItemIndex
        var total = clamp(total, 0, instrument.maximumTotal)
        var suicidal = suicidal
        if let resolved = suicidalResolvedAfterFirstInfusion(instrument, minute: minute) {
            let positive = Self.suicidalPositive(instrument)
            if resolved {
                suicidal = min(suicidal, positive - 1)
                total = min(total, (count - 1) * maximum + suicidal)
            } else {
                suicidal = max(suicidal, positive)
                total = max(total, suicidal)
            }
        }
        let suicidalValue = clamp(min(suicidal, total), total - (count - 1) * maximum, maximum)
        var items = [UInt8](repeating: 0, count: count)
        items[suicidalIndex] = UInt8(suicidalValue)
        var remaining = total - suicidalValue
        while remaining > 0 {
            var weightSum = 0.0
            for index in 0..<count where index != suicidalIndex && Int(items[index]) < maximum {
                weightSum += instrument == .phq9 ? phq9Weights[index] : madrsWeights[index]
            }
            let target = rng.uniform() * weightSum
            var cumulative = 0.0
            var chosen = -1
            for index in 0..<count where index != suicidalIndex && Int(items[index]) < maximum {
                chosen = index
                cumulative += instrument == .phq9 ? phq9Weights[index] : madrsWeights[index]
                if target < cumulative { break }
            }
            items[chosen] += 1
            remaining -= 1
        }
        assessments.append(SyntheticAssessment(
            patientIndex: patientIndex, minute: minute, instrument: instrument, items: items,
            totalIsBlank: rng.bernoulli(model.totalBlankProbability)))
    }

    // MARK: - Helpers

    /// Sorts this patient's rows by time (ties: PHQ-9 before MADRS; terms in declaration order) and drops an
    /// assessment that repeats the previous one's time and instrument (a visit coinciding with an infusion).
    private mutating func finishOrdering() {
        infusions.sort { $0.startMinute < $1.startMinute }
        let instrumentRank: (Instrument) -> Int = { $0 == .phq9 ? 0 : 1 }
        let ordered = assessments.enumerated().sorted { lhs, rhs in
            if lhs.element.minute != rhs.element.minute { return lhs.element.minute < rhs.element.minute }
            if lhs.element.instrument != rhs.element.instrument { return instrumentRank(lhs.element.instrument) < instrumentRank(rhs.element.instrument) }
            return lhs.offset < rhs.offset
        }
        assessments.removeAll(keepingCapacity: true)
        for (_, assessment) in ordered {
            if let last = assessments.last, last.minute == assessment.minute, last.instrument == assessment.instrument { continue }
            assessments.append(assessment)
        }
        let termRank = Dictionary(uniqueKeysWithValues: SyntheticAdverseEventTerm.allCases.enumerated().map { ($1, $0) })
        adverseEvents = adverseEvents.enumerated().sorted { lhs, rhs in
            if lhs.element.minute != rhs.element.minute { return lhs.element.minute < rhs.element.minute }
            if lhs.element.term != rhs.element.term { return termRank[lhs.element.term]! < termRank[rhs.element.term]! }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    private mutating func clinicInfusionMinuteOfDay() -> Int { 8 * 60 + 15 * rng.integer(in: 0...28) }

    private mutating func clinicVisitMinuteOfDay() -> Int { 9 * 60 + 10 * rng.integer(in: 0...48) }

    /// The minute `count` calendar days after the day of `minute`, at the given minute of that day.
    private static func later(_ minute: Int, days count: Int, at minuteOfDay: Int) -> Int {
        (minute / SyntheticClock.minutesPerDay + count) * SyntheticClock.minutesPerDay + minuteOfDay
    }

    private func minutes(fromDays days: Double) -> Int {
        let capped = min(days, 1.0e9)
        return Int((capped * Double(SyntheticClock.minutesPerDay)).rounded(.down))
    }
}

@inline(__always)
private func clamp(_ value: Int, _ lower: Int, _ upper: Int) -> Int {
    min(max(value, lower), upper)
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func syntheticZeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
