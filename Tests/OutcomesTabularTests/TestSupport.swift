import Foundation
@testable import OutcomesTabular

/// Path of a committed fixture in Fixtures/malformed.
func malformedFixture(_ name: String) -> String {
    let base = (name as NSString).deletingPathExtension
    let ext = (name as NSString).pathExtension
    return Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures/malformed")!.path
}

/// id (text, required) and score (double, may be blank): the schema of most malformed fixtures.
let simpleSchema = CSVSchema([
    CSVColumn("id", .text),
    CSVColumn("score", .double, .optionalValue),
])

/// A schema touching every column kind.
let fullSchema = CSVSchema([
    CSVColumn("id", .text),
    CSVColumn("score", .double, .optionalValue),
    CSVColumn("count", .integer, .optionalValue),
    CSVColumn("when", .dateTime, .optionalValue, aliases: ["time"]),
    CSVColumn("group", .category(CSVCategory([("a", []), ("b", ["bee"])])), .optionalValue),
    CSVColumn("note", .text, .optionalColumn),
])

/// The CSVError a read throws, or nil when it succeeds.
func readError(_ body: () throws -> Void) -> CSVError? {
    do { try body(); return nil } catch { return error as? CSVError }
}
