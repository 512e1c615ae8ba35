// Release-mode benchmarks; see README "Performance". Subcommands are added per area, one file each.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "survival":
    do { try SurvivalBenchmark.run(Array(arguments.dropFirst())) } catch { print("survival benchmark failed: \(error)") }
default:
    print("usage: outcomes-benchmark survival --rows N [--seed S] [--no-r]")
}
