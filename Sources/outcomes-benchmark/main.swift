// Release-mode benchmarks; see README "Performance". Each area adds its own subcommand here.
let benchmarkArguments = Array(CommandLine.arguments.dropFirst())
switch benchmarkArguments.first {
case "ingest":
    IngestBenchmark.run(Array(benchmarkArguments.dropFirst()))
default:
    print("usage: outcomes-benchmark ingest [--rows N] [--keep]")
}
