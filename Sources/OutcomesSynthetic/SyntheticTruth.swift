import OutcomesClinical
/// The `truth.json` document: every parameter the cohort was drawn with, plus a few realized latent counts.
extension SyntheticCohort {
    /// The truth document for this cohort (keys sorted when rendered).
    public func truth() -> DeterministicJSON {
        var document = model.truthParameters.objectMembers
        for (key, value) in model.truthValues.objectMembers { document[key] = value }
        document["seed"] = .string(String(seed))
        document["patients"] = .integer(patients.count)
        document["sites"] = .array(sites.map { .string($0) })
        document["realized"] = realizedCounts()
        return .object(document)
    }

    /// Counts of the latent draws in this cohort (what an analysis of the files should approach).
    private func realizedCounts() -> DeterministicJSON {
        var byDiagnosis: [String: DeterministicJSON] = [:]
        for diagnosis in Diagnosis.allCases {
            let indices = patients.indices.filter { patients[$0].diagnosis == diagnosis }
            func count(_ include: (SyntheticLatentState) -> Bool) -> DeterministicJSON {
                .integer(indices.filter { include(latent[$0]) }.count)
            }
            var members: [String: DeterministicJSON] = ["patients": .integer(indices.count)]
            members["latent_responders"] = count { $0.isResponder }
            members["latent_remitters"] = count { $0.isRemitter }
            members["completed_induction"] = count { $0.completedInduction }
            members["latent_responders_completed_induction"] = count { $0.isResponder && $0.completedInduction }
            members["latent_madrs_responders"] = count { $0.isMADRSResponder }
            byDiagnosis[diagnosis.rawValue] = .object(members)
        }
        let suicidal = latent.filter { $0.baselineSuicidalItem > 0 }
        var byStrategy: [String: DeterministicJSON] = [:]
        for strategy in TreatmentStrategy.allCases {
            byStrategy[strategy.rawValue] = .integer(latent.filter { $0.isResponder && $0.trueStrategy == strategy }.count)
        }
        let respondersByStrategy = DeterministicJSON.object(byStrategy)
        return .object([
            "by_diagnosis": .object(byDiagnosis),
            "baseline_suicidal_item_positive": .integer(suicidal.count),
            "suicidal_item_resolves_within_90_min": .integer(suicidal.filter { $0.suicidalItemResolvesWithin90Minutes == true }.count),
            "latent_responders_by_strategy": respondersByStrategy,
            "infusions": .integer(infusions.count),
            "assessments": .integer(assessments.count),
            "adverse_events": .integer(adverseEvents.count),
        ])
    }
}

extension DeterministicJSON {
    /// The members of an object (empty for other values).
    var objectMembers: [String: DeterministicJSON] {
        if case .object(let members) = self { return members }
        return [:]
    }
}

extension SyntheticCohortModel {
    /// The model's parameters as a JSON object, with the definitions needed to read them.
    public var truthParameters: DeterministicJSON {
        func byDiagnosis(_ values: [Diagnosis: Double], decimals: Int = 4) -> DeterministicJSON {
            .object(Dictionary(uniqueKeysWithValues: Diagnosis.allCases.map { ($0.rawValue, .number(values[$0, default: 0], decimals: decimals)) }))
        }
        func byStrategy(_ values: [TreatmentStrategy: Double], decimals: Int = 4) -> DeterministicJSON {
            .object(Dictionary(uniqueKeysWithValues: TreatmentStrategy.allCases.map { ($0.rawValue, .number(values[$0, default: 0], decimals: decimals)) }))
        }
        func bySeverity(_ values: [Severity: Double]) -> DeterministicJSON {
            .object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, .number(values[$0, default: 0], decimals: 4)) }))
        }
        func range(_ values: ClosedRange<Int>) -> DeterministicJSON {
            .array([.integer(values.lowerBound), .integer(values.upperBound)])
        }
        let remission = Dictionary(uniqueKeysWithValues: Diagnosis.allCases.map {
            ($0, responseProbability[$0, default: 0] * remissionProbabilityGivenResponse)
        })
        let hazards = Dictionary(uniqueKeysWithValues: TreatmentStrategy.allCases.map { ($0, relapseHazardPerDay($0)) })
        let start = studyStart
        return .object([
            "generator": .string("InfusionOutcomes SyntheticCohort model 2"),
            "study_start": .string(syntheticZeroPadded(start.year, width: 4) + "-" + syntheticZeroPadded(start.month, width: 2) + "-" + syntheticZeroPadded(start.day, width: 2)),
            "enrollment_window_days": .integer(enrollmentWindowDays),
            "patients_per_site_target": .integer(patientsPerSite),
            "site_weight_gamma_shape": .number(siteWeightGammaShape, decimals: 1),
            "diagnosis_shares": byDiagnosis(diagnosisShares),
            "sex_shares": .object([
                "F": .number(sexShares[.female, default: 0], decimals: 4), "M": .number(sexShares[.male, default: 0], decimals: 4),
                "X": .number(sexShares[.other, default: 0], decimals: 4), "blank": .number(sexBlankProbability, decimals: 4),
            ]),
            "age": .object([
                "distribution": .string("normal, rounded, clamped"), "mean": .number(ageMean, decimals: 1),
                "sd": .number(ageStandardDeviation, decimals: 1), "range": range(ageRange),
            ]),
            "prior_treatments_failed": .object([
                "distribution": .string("floor of gamma(shape, scale), capped at 15"),
                "shape": .number(priorTreatmentsGammaShape, decimals: 2), "scale": .number(priorTreatmentsGammaScale, decimals: 2),
            ]),
            "strategy_assignment": .string(strategyAssignment.rawValue),
            "strategy_shares": byStrategy(strategyShares),
            "strategy_shares_note": .string("used when strategy_assignment is random; when confounded, P(maintenance) = 1 / (1 + exp(-(intercept + severe * [baseline PHQ-9 >= severe_baseline_phq9_at_least] + not_remitted * [not a PHQ-9 remitter])))"),
            "confounded_maintenance_logit": .object([
                "intercept": .number(confoundedMaintenanceLogit.intercept, decimals: 4),
                "severe": .number(confoundedMaintenanceLogit.severe, decimals: 4),
                "not_remitted": .number(confoundedMaintenanceLogit.notRemitted, decimals: 4),
            ]),
            "severe_baseline_phq9_at_least": .integer(severeBaselinePHQ9AtLeast),
            "strategy_blank_probability": .number(strategyBlankProbability, decimals: 4),
            "response_probability_by_diagnosis": byDiagnosis(responseProbability),
            "remission_probability_given_response": .number(remissionProbabilityGivenResponse, decimals: 4),
            "remission_probability_by_diagnosis": byDiagnosis(remission),
            "response_definition": .string("end-of-induction visit (first assessment 1-7 days after the last induction infusion): PHQ-9 total <= half of baseline (and MADRS <= half of baseline); baseline = assessment before the first infusion"),
            "remission_definition": .string("end-of-induction PHQ-9 total < 5 (and MADRS <= 10)"),
            "baseline_phq9": .object([
                "distribution": .string("normal, rounded, clamped to 10-27"), "mean": .number(baselinePHQ9Mean, decimals: 1),
                "sd": .number(baselinePHQ9StandardDeviation, decimals: 1),
            ]),
            "baseline_madrs": .string("round(1.8 * baseline PHQ-9 + 6 + normal(0, 4)) clamped to 22-60"),
            "baseline_suicidal_item_positive_probability": .number(baselineSuicidalItemPositiveProbability, decimals: 4),
            "baseline_suicidal_item_note": .string("applies to baseline PHQ-9 <= 24; a baseline total of 25-27 forces item 9 >= total - 24 (the other items reach at most 24)"),
            "suicidal_item_resolution_within_90_min_probability": .number(suicidalItemResolutionWithin90MinutesProbability, decimals: 4),
            "suicidal_item_resolved_by_minutes": .object(Dictionary(uniqueKeysWithValues: Instrument.allCases.map { instrument in
                (instrument.rawValue, .object(Dictionary(uniqueKeysWithValues: zip(Self.suicidalItemMarkMinutes, suicidalItemResolvedByMinutes[instrument, default: []]).map {
                    (String($0.0), .number($0.1, decimals: 4))
                })))
            })),
            "suicidal_item_scale_agreement": .number(suicidalItemScaleAgreement, decimals: 4),
            "suicidal_item_resolution_definition": .string("among patients whose item is positive before the first infusion (PHQ-9 item 9 >= 1; MADRS item 10 >= 2): resolved (PHQ-9 item 9 = 0; MADRS item 10 <= 1) in every score taken up to 1 day after its start whose elapsed time reaches the first mark (40, 90, 240 minutes) at or after which it was drawn to resolve; a score at elapsed e shows the state of the first mark >= e, and any score from 90 minutes to 1 day the 240-minute state; otherwise positive. MADRS reuses the PHQ-9 uniform with probability suicidal_item_scale_agreement"),
            "madrs_response_probability_given_phq9": .object([
                "response": .number(madrsResponseProbability.givenPHQ9Response, decimals: 4),
                "non_response": .number(madrsResponseProbability.givenPHQ9NonResponse, decimals: 4),
            ]),
            "madrs_remission_probability_among_madrs_responders_given_phq9": .object([
                "remission": .number(madrsRemissionProbability.givenPHQ9Remission, decimals: 4),
                "no_remission": .number(madrsRemissionProbability.otherwise, decimals: 4),
            ]),
            "madrs_delay_minutes_after_phq9": range(madrsDelayMinutes),
            "madrs_timing": .string("at visits the MADRS follows the PHQ-9 by madrs_delay_minutes_after_phq9; before an infusion it precedes it by as much; acute MADRS 0-3 minutes before the nominal time, PHQ-9 4-8 minutes before"),
            "measurement": .object([
                "responding_level_cap": .object(["PHQ-9": .number(respondingLevelCap[.phq9, default: 0], decimals: 1), "MADRS": .number(respondingLevelCap[.madrs, default: 0], decimals: 1)]),
                "noise_sd": .object(["PHQ-9": .number(measurementNoiseSD[.phq9, default: 0], decimals: 2), "MADRS": .number(measurementNoiseSD[.madrs, default: 0], decimals: 2)]),
                "transient_excursion_probability_phq9": .number(transientExcursionProbability, decimals: 4),
                "transient_excursion_probability_madrs": .object([
                    "given_phq9_excursion": .number(madrsExcursionProbability.givenPHQ9Excursion, decimals: 4),
                    "otherwise": .number(madrsExcursionProbability.otherwise, decimals: 4),
                ]),
                "transient_excursion_points": .object([
                    "PHQ-9": range(transientExcursionPoints[.phq9, default: 0...0]), "MADRS": range(transientExcursionPoints[.madrs, default: 0...0]),
                ]),
                "relapsed_level_floor": .object(["PHQ-9": .number(relapsedLevelFloor[.phq9, default: 0], decimals: 1), "MADRS": .number(relapsedLevelFloor[.madrs, default: 0], decimals: 1)]),
                "definition": .string("non-acute scores at follow-up visits and before maintenance infusions: round(level + normal(0, noise_sd)) clamped to the scale only. Responding level = min(end-of-induction total, responding_level_cap), plus a transient excursion (uniform integer points) with the stated probability; relapsed level = max(relapsed_level_floor, baseline * uniform(0.65, 1)). Scores can cross the relapse thresholds by chance in both directions"),
            ]),
            "relapse_model": .string("responders only: exponential time from the last induction infusion's start (or from the last re-induction infusion after a re-induction response) with hazard ln 2 / relapse_median_days[strategy] times relapse_hazard_multipliers (severe baseline, remitter)"),
            "relapse_hazard_per_day": byStrategy(hazards, decimals: 8),
            "relapse_hazard_per_day_note": .string("for the reference responder (baseline PHQ-9 below severe_baseline_phq9_at_least, not a remitter); multiply by relapse_hazard_multipliers"),
            "relapse_median_days": byStrategy(medianRelapseDays, decimals: 1),
            "relapse_hazard_multipliers": .object([
                "severe": .number(relapseHazardMultiplierSevere, decimals: 4), "remitter": .number(relapseHazardMultiplierRemitter, decimals: 4),
            ]),
            "relapse_definition": .string("latent relapse switches the level of non-acute scores (see measurement); a confirmation rule or an interval-censored analysis must recover the latent time. Time zero is the last induction infusion's start, as in the relapse table"),
            "reinduction_probability_after_confirmed_relapse": byStrategy(reinductionProbability),
            "reinduction_rule": .string("drawn once per relapse episode at the second consecutive relapsed follow-up visit; series starts 2-10 days later; a series without response starts a new episode; no re-induction after treatment was discontinued for an adverse event"),
            "reinduction_response_probability": .number(reinductionResponseProbability, decimals: 4),
            "reinduction_max_per_patient": .integer(maximumReinductions),
            "adverse_event_probability_per_infusion": .object(Dictionary(uniqueKeysWithValues: SyntheticAdverseEventTerm.allCases.map {
                ($0.rawValue, .number(adverseEventProbability[$0, default: 0], decimals: 4))
            })),
            "adverse_event_severity_shares": bySeverity(severityShares),
            "adverse_event_serious_probability_by_severity": bySeverity(seriousProbability),
            "adverse_event_discontinuation_probability_by_severity": bySeverity(discontinuationProbability),
            "adverse_event_discontinuation_probability_per_event": .number(discontinuationProbabilityPerEvent, decimals: 6),
            "infusion_interrupted_probability": .number(infusionInterruptedProbability, decimals: 4),
            "dropout": .object([
                "per_induction_infusion": .number(dropoutProbabilityPerInductionInfusion, decimals: 4),
                "per_follow_up_visit_responding": .number(dropoutProbabilityPerVisitResponding, decimals: 4),
                "per_follow_up_visit_not_responding": .number(dropoutProbabilityPerVisitNotResponding, decimals: 4),
            ]),
            "missed_visit_probability": .object([
                "end_of_induction": .number(endOfInductionVisitMissedProbability, decimals: 4),
                "follow_up": .number(followUpVisitMissedProbability, decimals: 4),
            ]),
            "schedule": .object([
                "induction_infusion_count_shares": .object(Dictionary(uniqueKeysWithValues: inductionInfusionCountShares.map {
                    (String($0.count), .number($0.share, decimals: 4))
                })),
                "induction_span_days": range(inductionSpanDays),
                "end_of_induction_visit_delay_days": range(endOfInductionVisitDelayDays),
                "follow_up_interval_days": range(followUpIntervalDays),
                "follow_up_days_after_first_infusion": .integer(followUpDays),
                "maintenance_interval_days": range(maintenanceIntervalDays),
                "reinduction_delay_days": range(reinductionDelayDays),
                "reinduction_infusion_count": range(reinductionInfusionCount),
                "reinduction_span_days": range(reinductionSpanDays),
                "acute_assessment_minutes_after_start": .array(acuteAssessmentMinutes.map { .integer($0) }),
                "acute_assessment_probability_first_infusion": .number(acuteAssessmentProbabilityFirstInfusion, decimals: 4),
                "acute_assessment_probability_later_infusion": .number(acuteAssessmentProbabilityLaterInfusion, decimals: 4),
                "pre_infusion_phq9_probability": .number(preInfusionPHQ9Probability, decimals: 4),
                "pre_infusion_madrs_probability": .number(preInfusionMADRSProbability, decimals: 4),
                "end_of_induction_madrs_probability": .number(endOfInductionMADRSProbability, decimals: 4),
                "follow_up_madrs_probability": .number(followUpMADRSProbability, decimals: 4),
            ]),
            "intravenous_dose_mg_per_kg_shares": .object(Dictionary(uniqueKeysWithValues: intravenousDoseShares.map {
                (FixedDecimal.format(Double($0.hundredths) / 100, decimals: 2), .number($0.share, decimals: 4))
            })),
            "intravenous_duration_min_shares": .object(Dictionary(uniqueKeysWithValues: intravenousDurationShares.map {
                (String($0.minutes), .number($0.share, decimals: 4))
            })),
            "intravenous_session_deviation_probability": .number(intravenousSessionDeviationProbability, decimals: 4),
            "maintenance_non_iv_route_shares": .object(Dictionary(uniqueKeysWithValues: [Route.intramuscular, .intranasal, .oral].map {
                ($0.rawValue, .number(maintenanceRouteShares[$0, default: 0], decimals: 4))
            })),
            "phase_blank_probability": .number(phaseBlankProbability, decimals: 4),
            "total_blank_probability": .number(totalBlankProbability, decimals: 4),
        ])
    }
}

extension SyntheticCohortModel {
    /// True values of the quantities the report prints, derived exactly from the parameters
    /// (``SyntheticTruthValues``), each with its definition.
    public var truthValues: DeterministicJSON {
        let truth = SyntheticTruthValues(model: self)
        func byDiagnosis(_ value: (Diagnosis) -> Double) -> DeterministicJSON {
            var members = Dictionary(uniqueKeysWithValues: Diagnosis.allCases.map { ($0.rawValue, DeterministicJSON.number(value($0), decimals: 4)) })
            members["all"] = .number(truth.overall(value), decimals: 4)
            return .object(members)
        }
        func byStrategy(_ value: (TreatmentStrategy) -> DeterministicJSON) -> DeterministicJSON {
            .object(Dictionary(uniqueKeysWithValues: TreatmentStrategy.allCases.map { ($0.rawValue, value($0)) }))
        }
        let windows = [40, 90, 240, 1440]
        let landmarks = [28, 56, 84, 112]
        return .object([
            "true_values_note": .string("exact values implied by the parameters for the quantities the report prints; rates among patients with an end-of-induction score (a score 1-7 days after the last induction infusion), whose presence is independent of diagnosis, response and strategy"),
            "response_probability_all": .number(truth.overall(truth.phq9Response), decimals: 4),
            "phq9_response_probability": byDiagnosis(truth.phq9Response),
            "phq9_remission_probability": byDiagnosis(truth.phq9Remission),
            "madrs_response_probability_by_diagnosis": byDiagnosis(truth.madrsResponse),
            "madrs_remission_probability_by_diagnosis": byDiagnosis(truth.madrsRemission),
            "suicidal_item_resolution_by_window": .object(Dictionary(uniqueKeysWithValues: Instrument.allCases.map { instrument in
                (instrument.rawValue, .object(Dictionary(uniqueKeysWithValues: windows.map {
                    (String($0), .number(truth.suicidalResolution(instrument, windowMinutes: $0), decimals: 4))
                })))
            })),
            "suicidal_item_resolution_by_window_definition": .string("window in minutes after the first infusion's start; latest score in the window, among patients positive before it and assessed in the window"),
            "tolerability": .object([
                "no_adverse_event_discontinuation": .number(truth.tolerated(alsoInterruptions: false), decimals: 4),
                "no_adverse_event_discontinuation_and_all_infusions_completed": .number(truth.tolerated(alsoInterruptions: true), decimals: 4),
                "adverse_event_discontinuation_probability_per_infusion": .number(truth.discontinuationProbabilityPerInfusion, decimals: 6),
                "definition": .string("over the first induction series as given (it ends early after a discontinuing adverse event or a dropout); the second value also requires every infusion completed (not interrupted for another reason)"),
            ]),
            "relapse_median_days_by_strategy": byStrategy { .number(truth.relapseMedianDays($0), decimals: 2) },
            "relapse_free_probability_by_strategy": byStrategy { strategy in
                .object(Dictionary(uniqueKeysWithValues: landmarks.map { (String($0), .number(truth.relapseFree(strategy, days: Double($0)), decimals: 4)) }))
            },
            "relapse_restricted_mean_182_days_by_strategy": byStrategy { .number(truth.relapseRestrictedMean($0, horizon: 182), decimals: 2) },
            "relapse_by_strategy_definition": .string("latent first relapse of induction responders who follow the strategy, in days from the last induction infusion's start (what a Kaplan-Meier curve by strategy estimates when relapse is dated correctly); landmark keys are days"),
            "relapse_marginal_median_days_by_strategy": byStrategy { .number(truth.relapseMedianDays($0, counterfactual: true), decimals: 2) },
            "relapse_conditional_hazard_ratio": .number(truth.relapseConditionalHazardRatio, decimals: 4),
            "relapse_marginal_hazard_ratio": .number(truth.relapseMarginalHazardRatio, decimals: 4),
            "relapse_marginal_hazard_ratio_definition": .string("maintenance vs as_needed: the limit of a Cox estimate in a trial randomizing all induction responders 1:1 and following them without censoring (solved exactly from the model's mixture of exponentials by numerical integration of the Cox score); the conditional ratio holds within every responder kind. With random assignment the strategy groups are exchangeable and an unadjusted Cox fit estimates about the marginal ratio; with confounded assignment it does not"),
        ])
    }
}
