import ArgumentParser
import InfusionOutcomes

/// `outcomes plan`: print the default analysis plan, or check a plan file.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the default analysis plan (every threshold, window and rule, with its source) or check a plan file.",
        discussion: "Write the defaults to a file, edit it, and pass it to other commands with --plan FILE:\n  outcomes plan --print-defaults > plan.yaml\n  outcomes plan --check plan.yaml\n\n" + ExitStatus.summary
    )

    @Flag(name: .customLong("print-defaults"), help: "Print the default plan as YAML.")
    var printDefaults = false

    @Option(name: .customLong("check"), help: "Check a plan file and print it with every setting resolved.")
    var check: String?

    func validate() throws {
        if printDefaults == (check != nil) {
            throw ValidationError("Give exactly one of --print-defaults or --check FILE.")
        }
    }

    func run() throws {
        if printDefaults {
            print(AnalysisPlan.defaultYAML(), terminator: "")
            return
        }
        do {
            print(try AnalysisPlan(contentsOfFile: check!).yaml(), terminator: "")
        } catch {
            throw fail("plan", error)
        }
    }
}
