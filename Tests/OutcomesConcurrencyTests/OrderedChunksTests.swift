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

/// A background result hands back the work's value, or its error, to the caller that waits for it.
@Suite struct BackgroundResultTests {
    struct Failure: Error, Equatable {}

    @Test func returnsTheValueOrTheError() throws {
        let sum = BackgroundResult { (1...1000).reduce(0, +) }
        #expect(try sum.value() == 500_500)
        let failing = BackgroundResult<Int> { throw Failure() }
        #expect(throws: Failure.self) { try failing.value() }
    }
}
