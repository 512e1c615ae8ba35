import Testing
@testable import OutcomesProportions

@Test func moduleLoads() { #expect(Bool(true)) }
