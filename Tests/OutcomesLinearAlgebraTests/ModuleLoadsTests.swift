import Testing
@testable import OutcomesLinearAlgebra

@Test func moduleLoads() { #expect(Bool(true)) }
