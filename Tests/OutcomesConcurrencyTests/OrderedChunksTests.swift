import Testing
import OutcomesConcurrency

@Suite struct OrderedChunksTests {
    /// Results come back in range order and cover every index once, whatever the threads and chunk size.
    @Test(arguments: [1, 2, 3, 8])
    func resultsKeepRangeOrder(threads: Int) {
        for (count, chunkSize) in [(0, 4), (1, 4), (10, 3), (1_000, 7), (1_000, 1_000), (1_000, 5_000)] {
            let ranges = OrderedChunks.map(count: count, chunkSize: chunkSize, threads: threads) { $0 }
            #expect(ranges.flatMap { Array($0) } == Array(0..<count))
            #expect(ranges.allSatisfy { $0.count <= chunkSize && !$0.isEmpty })
        }
    }

    @Test func eachIsOnePerIndex() {
        #expect(OrderedChunks.each(5, threads: 3) { $0 * $0 } == [0, 1, 4, 9, 16])
        #expect(OrderedChunks.each(0, threads: 3) { $0 }.isEmpty)
    }
}
