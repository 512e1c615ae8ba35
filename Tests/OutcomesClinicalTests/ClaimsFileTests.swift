import Foundation
import Testing
@testable import OutcomesClinical

@Test func seedClaimsFileParsesAndCoversTheGuide() throws {
    // The shipped claims file, found relative to this source file so the test needs no resource copy.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let claims = try ClaimsFile.load(path: root.appendingPathComponent("datasets/claims/seed-claims.yaml").path)
    let ids = Set(claims.map(\.id))
    for required in ["significant-improvement-85", "suicidal-relief-88-in-90-minutes", "mood-disorders-respond-70",
                     "tolerate-90", "infusion-40-minutes", "session-4-to-6-hours", "maintenance-every-4-6-weeks",
                     "symptoms-return-3-4-months", "bipolar-similar-response", "maintenance-better-than-reinduction",
                     "two-failed-treatments", "mood-disorders-respond-70-after-failed-treatments"] {
        #expect(ids.contains(required), "\(required)")
    }
    let response = try #require(claims.first { $0.id == "significant-improvement-85" })
    #expect(response.check == .proportion(metric: .response, population: ClaimPopulation(), claimed: 0.85, direction: .atLeast, windowMinutes: nil))
}

@Test(arguments: [
    ("claims:\n  - id: a\n    text: t\n    source: s\n    check:\n      kind: guess\n", "'kind' is 'guess'"),
    ("claims:\n  - id: a\n    text: t\n    source: s\n    check:\n      kind: proportion\n      metric: response\n      claimed: 85\n      direction: at_least\n", "'claimed' must be a number from 0.0 to 1.0; got '85'"),
    ("claims:\n  - id: a\n    text: t\n    source: s\n    check:\n      kind: not_checkable\n      reason: r\n      extra: 1\n", "unknown key 'extra'"),
    ("claims:\n  - id: a\n    source: s\n    check:\n      kind: not_checkable\n      reason: r\n", "missing 'text'"),
    ("items: []\n", "expected a top-level 'claims:' list"),
])
func badClaimsFilesSayWhatIsWrong(yaml: String, fragment: String) {
    do {
        _ = try ClaimsFile.parse(yaml, file: "c.yaml")
        Issue.record("expected an error")
    } catch {
        #expect(error.description.contains(fragment), "\(error.description)")
    }
}
