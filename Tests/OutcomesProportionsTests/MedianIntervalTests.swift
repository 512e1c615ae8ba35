import Testing
@testable import OutcomesProportions

// Hand-worked: n = 10, B ~ Bin(10, ½): P(B ≤ 1) = 11/1024 ≈ 0.0107 ≤ 0.025 < P(B ≤ 2) = 56/1024 ≈ 0.0547,
// so r = 2: limits x₍₂₎ and x₍₉₎, coverage 1 − 22/1024.
@Test func tenValues() throws {
    let m = try #require(MedianInterval.of([7, 1, 9, 3, 5, 2, 8, 4, 10, 6]))
    #expect(m.median == 5.5 && m.lower == 2 && m.upper == 9)
    #expect(abs(m.coverage! - (1 - 22.0 / 1024)) < 1e-12)
}

// n = 5: P(B ≤ 0) = 1/32 ≈ 0.031 > 0.025, so no 95 % interval exists from 5 values.
@Test func tooFewForTheLevel() throws {
    let m = try #require(MedianInterval.of([1, 2, 3, 4, 5]))
    #expect(m.median == 3 && m.lower == nil && m.upper == nil)
    #expect(MedianInterval.of([1, 2, 3, 4, 5], level: 0.9)?.lower == 1)   // 1/32 ≤ 0.05
    #expect(MedianInterval.of([]) == nil)
    #expect(MedianInterval.of([1, .nan]) == nil)
}
