// Release-mode benchmarks; see README "Performance". One file per area; this switch dispatches.
import Foundation
import InfusionOutcomes
// The same BLAS kernels as the `outcomes` processes it times (and passes on to them).
BLASKernels.pinAtLaunch()
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "ingest":
    IngestBenchmark.run(Array(arguments.dropFirst()))
case "read":
    IngestBenchmark.readOnly(Array(arguments.dropFirst()))
case "numbers":
    NumberBenchmark.run(Array(arguments.dropFirst()))
case "survival":
    do { try SurvivalBenchmark.run(Array(arguments.dropFirst())) } catch { print("survival benchmark failed: \(error)") }
case "models":
    do { try ModelsBenchmark.run(Array(arguments.dropFirst())) } catch { print("models benchmark failed: \(error)") }
case "strategies":
    do { try StrategiesCoverageBenchmark.run(Array(arguments.dropFirst())) } catch { print("strategies coverage failed: \(error)") }
case "scale":
    ScaleBenchmark.run(Array(arguments.dropFirst()))
default:
    print("usage: outcomes-benchmark ingest [--rows N] [--repeat R] [--keep]\n       outcomes-benchmark numbers [--count N] [--seed S]\n       outcomes-benchmark survival --rows N [--seed S] [--no-r]\n       outcomes-benchmark models [--rows N] [--covariates P] [--patients G] [--visits T] [--seed S] [--no-r]\n       outcomes-benchmark scale [--patients N] [--seed S] [--runs R] [--keep]\n       outcomes-benchmark strategies [--seeds 200] [--patients 1000] [--first-seed 1] [--covariates a,b] [--relapse-max-days-apart D] [--per-seed FILE.csv]")
}
