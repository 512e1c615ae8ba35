import ArgumentParser
import Foundation
import InfusionOutcomes

/// `outcomes generate`: writes a seeded synthetic cohort in the dataset schema.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded synthetic cohort (patients, infusions, assessments, adverse events, truth.json).",
        discussion: "The same --patients and --seed give byte-identical files on any machine. The model is documented in datasets/sample/README.md.\n\n"
            + ExitStatus.summary
    )

    @Option(help: "Number of patients.")
    var patients: Int

    @Option(help: "Seed (unsigned 64-bit integer).")
    var seed: UInt64

    @Option(help: "Output directory; must be empty or absent unless --force.")
    var out: String

    @Flag(help: "Replace the generated files in a non-empty output directory (other files there are kept).")
    var force = false

    @Option(help: "How the continuation strategy is assigned: random (independent of everything) or confounded (chosen by baseline severity and remission; truth.json records relapse_marginal_hazard_ratio).")
    var strategyAssignment: SyntheticStrategyAssignment = .random

    func validate() throws {
        guard patients >= 1 && patients <= 10_000_000 else {
            throw ValidationError("--patients must be between 1 and 10000000, got \(patients)")
        }
    }

    func run() throws {
        do {
            let summary = try SyntheticCohort.generateAndWrite(patients: patients, seed: seed, to: URL(fileURLWithPath: out), replacingExisting: force,
                                                               strategyAssignment: strategyAssignment)
            print(summary)
        } catch let error as SyntheticCohortWriteError {
            printError("error: " + error.description)
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

extension SyntheticStrategyAssignment: ExpressibleByArgument {}
