import Testing
@testable import OutcomesSurvival

@Test func moduleLoads() { #expect(Bool(true)) }
