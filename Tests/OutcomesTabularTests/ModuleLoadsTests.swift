import Testing
@testable import OutcomesTabular

@Test func moduleLoads() { #expect(Bool(true)) }
