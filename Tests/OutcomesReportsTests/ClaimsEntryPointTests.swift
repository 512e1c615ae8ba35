import Foundation
import Testing
@testable import OutcomesReports

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let sample = root.appendingPathComponent("datasets/sample").path
private let seedClaims = root.appendingPathComponent("datasets/claims/seed-claims.yaml").path

@Test func failOnContradictedSetsTheExitStatus() throws {
    let guarded = try Reports.claims(datasetAt: sample, claimsPath: seedClaims, planPath: nil, allowRejected: false,
                                     format: .json, failOnContradicted: true)
    #expect(guarded.text.contains("\"verdict\": \"contradicted\""))
    #expect(guarded.exitStatus == ExitStatus.checkFailed)
    #expect(guarded.failure == "claims: 4 contradicted (--fail-on contradicted)")
    let plain = try Reports.claims(datasetAt: sample, claimsPath: seedClaims, planPath: nil, allowRejected: false,
                                   format: .json, failOnContradicted: false)
    #expect(plain.exitStatus == ExitStatus.success && plain.failure == nil)
}

@Test func exitStatusesFollowTheConvention() {
    #expect([ExitStatus.success, ExitStatus.checkFailed, ExitStatus.badInput, ExitStatus.usage] == [0, 1, 2, 64])
    #expect(CommandOutcome(text: "x", failure: "why").exitStatus == 1 && CommandOutcome(text: "x").exitStatus == 0)
    #expect(AnalysisInputError.output(path: "p", message: "m").exitStatus == 2)
}

@Test func claimJSONHasTheStableFieldNames() throws {
    let json = try Reports.claims(datasetAt: sample, claimsPath: seedClaims, planPath: nil, allowRejected: false,
                                  format: .json, failOnContradicted: false).text
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let claims = try #require(object?["claims"] as? [[String: Any]])
    #expect(claims.count == 20)
    for key in ["id", "kind", "verdict", "observed", "n", "lower", "upper", "method", "claimed", "p_value", "power", "n_needed"] {
        #expect(claims.allSatisfy { $0.keys.contains(key) }, "\(key)")
    }
}

@Test func aMissingClaimsFileIsAnInputError() {
    #expect(throws: AnalysisInputError.self) {
        try Reports.claims(datasetAt: sample, claimsPath: "/nonexistent/claims.yaml", planPath: nil, allowRejected: false,
                           format: .md, failOnContradicted: false)
    }
}
