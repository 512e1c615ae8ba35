import Testing
@testable import OutcomesClinical

// Three MDD patients with the same induction and a response (baseline 20, end of series 8): prior failed
// treatments 3, 0 and not recorded. Only the first has at least two failures recorded.
private func responder(_ id: String, priorFailures: Int?) -> PatientTimeline {
    PatientTimeline(patientID: id, diagnosis: .mdd, strategy: nil, priorTreatmentsFailed: priorFailures,
                    infusions: induction6, scores: [phq9(-1, total: 20), phq9(13, total: 8)], adverseEvents: [])
}

@Test func aCountCanBeRestrictedToPatientsWithEnoughFailedTreatments() {
    let tables = ClinicalDerivation.derive([responder("A", priorFailures: 3), responder("B", priorFailures: 0),
                                            responder("C", priorFailures: nil)])
    let all = tables.count(.response)
    #expect(all.successes == 3 && all.patients == 3)
    let resistant = tables.count(.response, priorFailuresAtLeast: 2)
    #expect(resistant.successes == 1 && resistant.patients == 1)
    #expect(resistant.definition.contains("with at least 2 failed prior treatments recorded (1 without the number recorded left out)"))
    #expect(tables.count(.response, priorFailuresAtLeast: 0).patients == 2)
    #expect(tables.count(.tolerability, priorFailuresAtLeast: 2).patients == 1)
}

@Test func claimsReadTheFailedTreatmentsFilter() throws {
    let yaml = """
    claims:
      - id: a
        text: t
        source: s
        check:
          kind: proportion
          metric: response
          prior_treatments_failed_at_least: 2
          claimed: 0.7
          direction: at_least
    """
    let claim = try #require(try ClaimsFile.parse(yaml, file: "c.yaml").first)
    guard case let .proportion(_, population, _, _, _) = claim.check else { Issue.record("not a proportion"); return }
    #expect(population.priorTreatmentsFailedAtLeast == 2)
    do {
        _ = try ClaimsFile.parse(yaml.replacingOccurrences(of: "at_least: 2", with: "at_least: 2.5"), file: "c.yaml")
        Issue.record("expected an error for 2.5")
    } catch {
        #expect(error.description.contains("whole number"))
    }
}

@Test func aFailedTreatmentsFilterThatSelectsNobodyIsAnError() throws {
    let tables = ClinicalDerivation.derive([responder("B", priorFailures: 0)])
    let claim = Claim(id: "c", text: "t", source: "s", interpretation: nil,
                      check: .proportion(metric: .response, population: ClaimPopulation(priorTreatmentsFailedAtLeast: 2), claimed: 0.7,
                                         direction: .atLeast, windowMinutes: nil))
    #expect(throws: ClaimsFileError.self) { try ClaimEvaluation.checkSelection(claim, tables: tables, file: "c.yaml") }
}
