// Release-mode benchmarks; see README "Performance". One file per area; this switch dispatches.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "ingest":
    IngestBenchmark.run(Array(arguments.dropFirst()))
case "survival":
    do { try SurvivalBenchmark.run(Array(arguments.dropFirst())) } catch { print("survival benchmark failed: \(error)") }
case "scale":
    ScaleBenchmark.run(Array(arguments.dropFirst()))
default:
    print("usage: outcomes-benchmark ingest [--rows N] [--keep]\n       outcomes-benchmark survival --rows N [--seed S] [--no-r]")
}
