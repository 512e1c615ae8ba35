import Foundation
import InfusionOutcomes

/// `outcomes-benchmark numbers [--count N] [--seed S]`: the reader's number parsing against strtod on N generated
/// and adversarial strings (the unit test runs 300 000); prints mismatches, which must be none.
enum NumberBenchmark {
    static func run(_ arguments: [String]) {
        var count = 10_000_000
        var seed: UInt64 = 1
        var k = 0
        while k + 1 < arguments.count {
            switch arguments[k] {
            case "--count": count = Int(arguments[k + 1].replacingOccurrences(of: "_", with: "")) ?? count
            case "--seed": seed = UInt64(arguments[k + 1]) ?? seed
            default: break
            }
            k += 2
        }
        let start = Date()
        let outcome = DecimalParsingCheck.run(count: count, seed: seed)
        print("numbers: \(outcome.checked) strings (seed \(seed)) compared with strtod in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; "
              + "\(outcome.fastPath) on the fast paths; \(outcome.mismatches.count) mismatches")
        for mismatch in outcome.mismatches { print("  \(mismatch)") }
    }
}
