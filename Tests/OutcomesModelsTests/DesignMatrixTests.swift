import Foundation
import Testing
@testable import OutcomesModels

/// Model-formula parsing and coding as R's terms() and model.matrix() with treatment contrasts.
@Suite struct DesignMatrixTests {
    @Test func termsAreOrderedByDegreeAsR() throws {
        let t = try ModelTerms(parsing: "a*b, c, b:c")
        #expect(t.terms.indices.map(t.label) == ["a", "b", "c", "a:b", "b:c"])
        let u = try ModelTerms(parsing: "a*b*c")
        #expect(u.terms.indices.map(u.label) == ["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"])
    }

    @Test func namesFollowRForFactorsNumericFactorsAndInteractions() throws {
        let table = try ModelTable(names: ["visit", "arm", "age", "g"], columns: [
            .numeric([1, 2, 3, 1, 2, 3]), .text(["b", "a", "b", "a", "b", "a"]), .numeric([30, 40, 50, 60, 70, 80]), .text(["x", "y", "x", "y", "x", "y"]),
        ])
        let d = try DesignMatrix(table: table, terms: ModelTerms(parsing: "visit*arm, age"), options: DesignOptions(factors: ["visit"], references: ["arm": "b"]))
        #expect(d.names == ["(Intercept)", "visit2", "visit3", "arma", "age", "visit2:arma", "visit3:arma"])
        #expect(d.matrix.column(5) == [0, 1, 0, 0, 0, 0].map(Double.init))
        #expect(d.matrix.column(6) == [0, 0, 0, 0, 0, 1].map(Double.init))
    }

    @Test func interactionWithoutMainEffectUsesIndicatorsOfEveryLevel() throws {
        // R (model.matrix): ~ x + x:f gives x:fb (x is in the model), ~ x:f gives x:fa and x:fb, ~ f + f:g gives
        // fb, fa:gv, fb:gv: a factor is coded by contrasts only when the term without it is also in the model.
        let table = try ModelTable(names: ["x", "f", "g"], columns: [.numeric([1, 2, 3, 4]), .text(["a", "b", "a", "b"]), .text(["u", "u", "v", "v"])])
        #expect(try DesignMatrix(table: table, terms: ModelTerms(parsing: "x, x:f")).names == ["(Intercept)", "x", "x:fb"])
        #expect(try DesignMatrix(table: table, terms: ModelTerms(parsing: "x:f")).names == ["(Intercept)", "x:fa", "x:fb"])
        #expect(try DesignMatrix(table: table, terms: ModelTerms(parsing: "f + f:g")).names == ["(Intercept)", "fb", "fa:gv", "fb:gv"])
    }

    @Test func missingRowsAreLeftOutAndCounted() throws {
        let table = try ModelTable(names: ["x", "f", "y"], columns: [.numeric([1, .nan, 3, 4]), .text(["a", "b", nil, "b"]), .numeric([1, 2, 3, .nan])])
        let d = try DesignMatrix(table: table, terms: ModelTerms(parsing: "x, f"), options: DesignOptions(alsoRequired: ["y"]))
        #expect(d.rows == [0])
        #expect(d.omissionNote(table: table)?.hasPrefix("3 of 4 rows had a missing value") == true)
    }

    @Test func singleLevelFactorAddsNoColumnAndIsNoted() throws {
        let d = try DesignMatrix(table: ModelFixtures.data, terms: ModelTerms(parsing: "age, single"))
        #expect(d.names == ["(Intercept)", "age"])
        #expect(d.notes.contains { $0.contains("factor 'single' has a single level") })
    }

    @Test func unknownReferenceLevelIsAnError() throws {
        #expect(throws: ModelError.self) {
            try DesignMatrix(table: ModelFixtures.data, terms: ModelTerms(parsing: "race"), options: DesignOptions(references: ["race": "martian"]))
        }
    }
}

/// The factor-label trim skips Foundation only where it cannot change the label: the same result as
/// `trimmingCharacters(in: .whitespaces)` for ASCII and Unicode spaces (no-break, ideographic, thin), tabs,
/// line feeds (not in `.whitespaces`, so kept), accented and empty labels.
@Test func factorLabelTrimMatchesFoundation() {
    let labels = ["MDD", " MDD", "MDD ", "\tMDD\t", "M D D", "", " ", "\u{00A0}MDD", "MDD\u{3000}", "\u{2009}x\u{2009}",
                  "é", " é ", "\nMDD\n", "2", "bipolar depression", "ümlaut ", "x\u{00A0}"]
    for label in labels {
        #expect(DesignMatrix.trimmingWhitespace(label) == label.trimmingCharacters(in: .whitespaces), "\(label.debugDescription)")
    }
}
