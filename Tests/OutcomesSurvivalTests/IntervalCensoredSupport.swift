import Foundation
import Testing
@testable import OutcomesSurvival

/// Reference values written by Fixtures/make_fixtures_interval.R (same layout as reference.csv).
let intervalReference: Reference = {
    var table: [String: [String: [String]]] = [:]
    for line in Fixture.text("reference_interval.csv").split(separator: "\n").dropFirst() {
        let parts = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { continue }
        table[String(parts[0]), default: [:]][String(parts[1])] = parts[2].split(separator: " ").map(String.init)
    }
    return Reference(table: table)
}()

/// The (left, right] columns of a fixture, empty fields as nil.
func intervalData(_ fixture: Fixture, left: String, right: String) throws -> IntervalCensoredData {
    try IntervalCensoredData(left: fixture.optionalColumn(left), right: fixture.optionalColumn(right))
}
