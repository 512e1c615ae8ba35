import OutcomesClinical
/// The `truth.json` document: every parameter the cohort was drawn with, plus a few realized latent counts.
extension SyntheticCohort {
    /// The truth document for this cohort (keys sorted when rendered).
    public func truth() -> DeterministicJSON {
        var document = model.truthParameters.objectMembers
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
            byDiagnosis[diagnosis.rawValue] = .object([
                "patients": .integer(indices.count),
                "latent_responders": .integer(indices.filter { latent[$0].isResponder }.count),
                "latent_remitters": .integer(indices.filter { latent[$0].isRemitter }.count),
                "completed_induction": .integer(indices.filter { latent[$0].completedInduction }.count),
                "latent_responders_completed_induction": .integer(indices.filter { latent[$0].isResponder && latent[$0].completedInduction }.count),
            ])
        }
        let suicidal = latent.filter { $0.baselineSuicidalItem > 0 }
        return .object([
            "by_diagnosis": .object(byDiagnosis),
            "baseline_suicidal_item_positive": .integer(suicidal.count),
            "suicidal_item_resolves_within_90_min": .integer(suicidal.filter { $0.suicidalItemResolvesWithin90Minutes == true }.count),
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
            "generator": .string("InfusionOutcomes SyntheticCohort model 1"),
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
            "strategy_shares": byStrategy(strategyShares),
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
            "suicidal_item_resolution_definition": .string("among patients with PHQ-9 item 9 > 0 before the first infusion: item 9 = 0 (and MADRS item 10 <= 1) at the assessment about 90 minutes after the first infusion starts; otherwise item 9 >= 1 at 40 and 90 minutes"),
            "relapse_model": .string("responders only: exponential time from the end-of-induction visit (or from the last re-induction infusion after a re-induction response) with hazard by true strategy"),
            "relapse_hazard_per_day": byStrategy(hazards, decimals: 8),
            "relapse_median_days": byStrategy(medianRelapseDays, decimals: 1),
            "relapse_definition": .string("before relapse every non-acute PHQ-9 < 10 and MADRS < 22; from relapse on every non-acute PHQ-9 >= 10 and MADRS >= 22, so relapse = two consecutive follow-up PHQ-9 >= 10"),
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
