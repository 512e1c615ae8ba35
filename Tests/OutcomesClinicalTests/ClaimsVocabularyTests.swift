import Testing
@testable import OutcomesClinical

/// Claims files accept exactly the dataset reader's spellings (any case), and nothing else.
@Suite struct ClaimsVocabularyTests {
    static func proportion(diagnoses: String, instrument: String = "PHQ-9") -> String {
        "claims:\n  - id: c\n    text: t\n    source: s\n    check:\n      kind: proportion\n      metric: response\n"
            + "      instrument: \(instrument)\n      diagnoses: \(diagnoses)\n      claimed: 0.5\n      direction: at_least\n"
    }

    static func population(_ yaml: String) throws -> ClaimPopulation {
        guard case let .proportion(_, population, _, _, _) = try ClaimsFile.parse(yaml, file: "c.yaml").first!.check else {
            throw ClaimsFileError(file: "", line: nil, message: "not a proportion")
        }
        return population
    }

    /// The bug of issue 9: `[MDD, Bipolar]` counted MDD only. Every diagnosis is read, whatever its case.
    @Test func capitalisedDiagnosesAreAllKept() throws {
        #expect(try Self.population(Self.proportion(diagnoses: "[MDD, Bipolar]")).diagnoses == [.mdd, .bipolar])
        #expect(try Self.population(Self.proportion(diagnoses: "[mdd]")).diagnoses == [.mdd])
    }

    /// Every spelling the dataset reader accepts for a diagnosis, as written, upper-cased and lower-cased.
    @Test(arguments: Diagnosis.acceptedSpellings)
    func everyDatasetSpellingOfADiagnosisIsAccepted(spelling: String) throws {
        let expected = try #require(Diagnosis.parse(spelling))
        for variant in [spelling, spelling.uppercased(), spelling.lowercased()] {
            #expect(try Self.population(Self.proportion(diagnoses: "[\"\(variant)\"]")).diagnoses == [expected], "\(variant)")
        }
    }

    @Test(arguments: [("PHQ-9", Scale.phq9), ("phq9", .phq9), ("PHQ_9", .phq9), ("PHQ 9", .phq9), ("madrs", .madrs), ("MADRS", .madrs)])
    func instrumentSpellingsOfTheDatasetAreAccepted(spelling: String, scale: Scale) throws {
        #expect(try Self.population(Self.proportion(diagnoses: "[MDD]", instrument: "\"\(spelling)\"")).instrument == scale)
    }

    @Test(arguments: [("as-needed", TreatmentStrategy.asNeeded), ("AS_NEEDED", .asNeeded), ("as needed", .asNeeded), ("PRN", .asNeeded),
                      ("Maintenance", .maintenance)])
    func strategySpellingsOfTheDatasetAreAccepted(spelling: String, strategy: TreatmentStrategy) throws {
        let yaml = "claims:\n  - id: c\n    text: t\n    source: s\n    check:\n      kind: comparison\n      metric: relapse_hazard\n"
            + "      better: \"\(spelling)\"\n      than: \(strategy == .maintenance ? "as_needed" : "maintenance")\n"
        guard case let .comparison(_, better, _) = try ClaimsFile.parse(yaml).first!.check else { Issue.record("not a comparison"); return }
        #expect(better == strategy)
    }

    /// An unknown value names the file, the line of the value, the key, the value and every accepted spelling.
    @Test func unknownDiagnosisIsAnErrorNamingEverything() {
        do {
            _ = try ClaimsFile.parse(Self.proportion(diagnoses: "[MDD, schizophrenia]"), file: "c.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "c.yaml" && error.line == 9, "\(error)")
            #expect(error.description.contains("'diagnoses' value 'schizophrenia' is not accepted"), "\(error)")
            #expect(error.description.contains("MDD, major depressive disorder, bipolar, bipolar disorder, PTSD, other"), "\(error)")
        }
    }

    @Test(arguments: [("[]", "empty list"), ("MDD", "must be a list"), ("[MDD, 3]", "value '3' is not accepted")])
    func malformedDiagnosisListsAreErrors(value: String, fragment: String) {
        #expect(throws: ClaimsFileError.self) { _ = try ClaimsFile.parse(Self.proportion(diagnoses: value)) }
        do { _ = try ClaimsFile.parse(Self.proportion(diagnoses: value)) } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func unknownInstrumentAndStrategyAreErrors() {
        #expect(throws: ClaimsFileError.self) { _ = try ClaimsFile.parse(Self.proportion(diagnoses: "[MDD]", instrument: "BDI")) }
        let yaml = "claims:\n  - id: c\n    text: t\n    source: s\n    check:\n      kind: comparison\n      metric: relapse_hazard\n"
            + "      better: weekly\n      than: as_needed\n"
        do { _ = try ClaimsFile.parse(yaml, file: "c.yaml"); Issue.record("expected an error") } catch {
            #expect(error.description.contains("'better' value 'weekly' is not accepted; accepted (any case): maintenance, as_needed, as-needed, as needed, prn"), "\(error)")
        }
    }
}

/// Counting with a typed population: the patients a claim names are the patients counted.
@Suite struct ClaimPopulationCountTests {
    /// Three responders (MDD, bipolar, PTSD) and one MDD non-responder.
    static let tables: DerivedTables = {
        func one(_ id: String, _ d: Diagnosis, end: Double) -> PatientTimeline {
            PatientTimeline(patientID: id, diagnosis: d, strategy: nil, infusions: induction6,
                            scores: [phq9(-1, total: 20), phq9(12.5, total: end)], adverseEvents: [])
        }
        return ClinicalDerivation.derive([one("A", .mdd, end: 8), one("B", .bipolar, end: 6), one("C", .ptsd, end: 4), one("D", .mdd, end: 15)])
    }()

    @Test func mixedCaseDiagnosesCountEveryNamedPatient() throws {
        let claims = try ClaimsFile.parse(ClaimsVocabularyTests.proportion(diagnoses: "[mdd, Bipolar]"), file: "c.yaml")
        let v = try #require(try ClaimEvaluation.evaluate(claims, tables: Self.tables, file: "c.yaml").first)
        #expect(v.n == 3 && v.events == 2)
        #expect(v.definition.hasSuffix("; MDD, bipolar"))
    }

    @Test func aClaimSelectingNoPatientIsAnError() throws {
        let claims = try ClaimsFile.parse(ClaimsVocabularyTests.proportion(diagnoses: "[other]"), file: "c.yaml")
        do {
            _ = try ClaimEvaluation.evaluate(claims, tables: Self.tables, file: "c.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "c.yaml:2: claim 'c': 'diagnoses' [other] selects no patient of the dataset's 4")
        }
    }

    @Test func anAbsentStrategySelectsNoPatient() throws {
        let claim = Claim(id: "m", text: "t", source: "s", interpretation: nil,
                          check: .comparison(instrument: .phq9, better: .maintenance, than: .asNeeded))
        #expect(throws: ClaimsFileError.self) { _ = try ClaimEvaluation.evaluate([claim], tables: Self.tables) }
    }
}
