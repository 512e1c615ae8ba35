import Testing
@testable import OutcomesDistributions

@Test func moduleLoads() { #expect(Bool(true)) }
