import Testing
@testable import OutcomesSurvival

/// Numeric groupings are built from one radix order of the values; the levels must be the sorted distinct values
/// (as R's factor levels) with codes in input order.
@Test("Numeric groups: sorted distinct levels, −0 with 0, negative and fractional values, codes by row")
func numericGroupingLevels() {
    let values: [Double] = [2, -1.5, 0, 2, -0.0, 10, -1.5, 0.25, 1e20]
    let g = Grouping(numeric: values)
    #expect(g.labels == ["-1.5", "0", "0.25", "2", "10", "1e+20"])
    #expect(g.codes == [3, 0, 1, 3, 1, 4, 0, 2, 5])
}

@Test("Numeric groups agree with a sort of the distinct values on a long deterministic sequence")
func numericGroupingMatchesSortedSet() {
    var g = ConcordanceTestGenerator(state: 5)
    let values = (0..<5_000).map { _ in Double(g.below(97)) * 0.5 - 20 }
    let grouping = Grouping(numeric: values)
    let levels = Array(Set(values)).sorted()
    #expect(grouping.labels.count == levels.count)
    #expect(values.indices.allSatisfy { levels[grouping.codes[$0]] == values[$0] })
}

@Test("RadixOrder equals a stable comparison sort, with digits that vary in some keys only and with a start order")
func radixOrderIsAStableSort() {
    var g = ConcordanceTestGenerator(state: 17)
    let masks: [UInt64] = [0xFFFF_0000_0000_0000, 0x0000_FFFF_0000_FFFF, ~0, 0x3]
    for mask in masks {
        let keys = (0..<3_000).map { _ in (g.next() & mask) | 0x0000_0100_0000_0000 }
        let expected = keys.indices.sorted { keys[$0] < keys[$1] }
        #expect(RadixOrder.sorted(keys) == expected, "mask \(String(mask, radix: 16))")
        let start = Array(keys.indices.reversed())
        #expect(RadixOrder.sorted(keys, start: start) == start.sorted { keys[$0] < keys[$1] })
    }
    #expect(RadixOrder.sorted([]) == [])
    #expect(RadixOrder.signedKey(-0.0) == RadixOrder.signedKey(0))
    let values: [Double] = [-3.5, 0, 2, -1e300, 7, 1e-300, -1e-300]
    #expect(RadixOrder.sorted(values.map(RadixOrder.signedKey)).map { values[$0] } == values.sorted())
}
