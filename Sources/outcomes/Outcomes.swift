import ArgumentParser
import InfusionOutcomes

/// The `outcomes` command: a thin shell over the InfusionOutcomes library.
@main
struct Outcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Outcomes research for ketamine infusion practices: validate data, derive endpoints, check claims.",
        discussion: ExitStatus.summary,
        version: ToolVersion.current,
        subcommands: [ValidateCommand.self, ReportCommand.self, DeriveCommand.self, ClaimsCommand.self, PlanCommand.self, GenerateCommand.self, SurvivalCommand.self,
                      ProportionCommand.self, CompareProportionsCommand.self, CompareStrategiesCommand.self,
                      ModelCommand.self, NotebookCommand.self]
    )

    static func main() {
        BLASKernels.pinAtLaunch()
        BLASThreads.applyProcessDefaultAtLaunch()
        main(nil)
    }
}
