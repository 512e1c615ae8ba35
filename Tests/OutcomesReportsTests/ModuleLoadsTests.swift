import Testing
@testable import OutcomesReports

@Test func moduleLoads() { #expect(Bool(true)) }
