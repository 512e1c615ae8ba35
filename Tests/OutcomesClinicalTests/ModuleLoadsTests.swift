import Testing
@testable import OutcomesClinical

@Test func moduleLoads() { #expect(Bool(true)) }
