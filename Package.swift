// swift-tools-version:6.0
import PackageDescription

// Layers (data flows downward only; nothing imports a layer above it):
//   0. OutcomesRandom                       seeded random-word generators (SplitMix64, xoshiro256**), used by all
//      OutcomesConcurrency                  ordered chunks of work on several threads (same bytes on any count)
//      CSHA256                              SHA-256 block compression in C (x86 SHA extensions where present)
//   1. OutcomesTabular                      libcsv-backed streaming CSV into typed columns
//   2. OutcomesLinearAlgebra, OutcomesDistributions, OutcomesProportions, OutcomesSurvival, OutcomesModels
//                                           generic numerics and statistics; no clinical terms
//   3. OutcomesClinical                     dataset schema, scales, series, endpoints, relapse, plan, claims
//      OutcomesSynthetic (beside it)        the seeded synthetic cohort generator and its truth.json
//   4. OutcomesReports                      Markdown, CSV, JSON and SVG writers; the library entry points the CLI calls
// `InfusionOutcomes` re-exports all of them; `outcomes` is a thin command-line shell over OutcomesReports.

let statistics: [Target.Dependency] = ["OutcomesLinearAlgebra", "OutcomesDistributions", "OutcomesProportions", "OutcomesSurvival", "OutcomesModels"]

let package = Package(
    name: "InfusionOutcomes",
    products: [
        .library(name: "InfusionOutcomes", targets: ["InfusionOutcomes"]),
        .executable(name: "outcomes", targets: ["outcomes"]),
        .executable(name: "outcomes-benchmark", targets: ["outcomes-benchmark"]),
        .executable(name: "outcomes-fuzz-csv", targets: ["outcomes-fuzz-csv"]),
        .executable(name: "outcomes-fuzz-plan", targets: ["outcomes-fuzz-plan"]),
        .executable(name: "outcomes-fuzz-claims", targets: ["outcomes-fuzz-claims"]),
        .executable(name: "outcomes-fuzz-iso8601", targets: ["outcomes-fuzz-iso8601"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CCSV", path: "Sources/CCSV",
                       providers: [.apt(["libcsv-dev"])]),

        // SHA-256 block compression in C, with the x86 SHA extensions where present (the provenance digests).
        .target(name: "CSHA256"),

        // Below every layer: the seeded random-word generators, the one home for them (bootstrap, decimal-parsing
        // check, synthetic cohorts, benchmarks, tests).
        .target(name: "OutcomesRandom"),
        // Below every layer: work split into ordered chunks run on several threads (derivation, table writing).
        .target(name: "OutcomesConcurrency"),

        // Layer 1: tabular input.
        .target(name: "OutcomesTabular", dependencies: ["CCSV", "OutcomesRandom"]),
        // Beside layer 1: the one rule for printed numbers and JSON text (reports, claims, plan, truth.json).
        .target(name: "OutcomesText"),

        // Layer 2: numerics and statistics (generic).
        .target(name: "OutcomesLinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"]),
        .target(name: "OutcomesDistributions"),
        .target(name: "OutcomesProportions", dependencies: ["OutcomesDistributions"]),
        .target(name: "OutcomesSurvival", dependencies: ["OutcomesLinearAlgebra", "OutcomesDistributions"]),
        .target(name: "OutcomesModels", dependencies: ["OutcomesLinearAlgebra", "OutcomesDistributions", "OutcomesRandom"]),

        // Layer 3: clinical.
        .target(name: "OutcomesClinical",
                dependencies: ["OutcomesTabular", "OutcomesText", "OutcomesConcurrency", .product(name: "Yams", package: "Yams")] + statistics),

        // Beside layer 3: the synthetic cohort generator, written in the clinical dataset schema.
        .target(name: "OutcomesSynthetic", dependencies: ["OutcomesClinical", "OutcomesTabular", "OutcomesText", "OutcomesRandom"]),

        // Layer 4: reports and the library entry points behind each command.
        .target(name: "OutcomesReports", dependencies: ["CSHA256", "OutcomesClinical", "OutcomesSynthetic", "OutcomesTabular", "OutcomesText", "OutcomesConcurrency"] + statistics),

        // Umbrella for researchers: `import InfusionOutcomes`.
        .target(name: "InfusionOutcomes", dependencies: ["OutcomesReports", "OutcomesClinical", "OutcomesSynthetic", "OutcomesTabular", "OutcomesText", "OutcomesRandom"] + statistics),

        .executableTarget(name: "outcomes", dependencies: [
            "InfusionOutcomes", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer target for the CSV reader; a plain build is a file checker (scripts/fuzz-csv.sh).
        .executableTarget(name: "outcomes-fuzz-csv", dependencies: ["OutcomesTabular", "OutcomesClinical"]),
        // libFuzzer targets for the plan and claims YAML readers and the ISO 8601 parser (scripts/fuzz.sh).
        .executableTarget(name: "outcomes-fuzz-plan", dependencies: ["OutcomesClinical"]),
        .executableTarget(name: "outcomes-fuzz-claims", dependencies: ["OutcomesClinical"]),
        .executableTarget(name: "outcomes-fuzz-iso8601", dependencies: ["OutcomesTabular"]),
        .executableTarget(name: "outcomes-benchmark", dependencies: [
            "InfusionOutcomes", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "OutcomesRandomTests", dependencies: ["OutcomesRandom"]),
        .testTarget(name: "OutcomesConcurrencyTests", dependencies: ["OutcomesConcurrency"]),
        .testTarget(name: "OutcomesTabularTests", dependencies: ["OutcomesTabular", "OutcomesRandom"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesLinearAlgebraTests", dependencies: ["OutcomesLinearAlgebra"]),
        .testTarget(name: "OutcomesDistributionsTests", dependencies: ["OutcomesDistributions"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesProportionsTests", dependencies: ["OutcomesProportions"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesSurvivalTests", dependencies: ["OutcomesSurvival", "OutcomesRandom"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesModelsTests", dependencies: ["OutcomesModels", "OutcomesLinearAlgebra"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesTextTests", dependencies: ["OutcomesText"]),
        .testTarget(name: "OutcomesClinicalTests", dependencies: ["OutcomesClinical"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesSyntheticTests", dependencies: ["OutcomesSynthetic", "OutcomesClinical", "OutcomesProportions", "OutcomesRandom"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "OutcomesReportsTests", dependencies: ["OutcomesReports", "OutcomesRandom"],
                    resources: [.copy("Fixtures")]),
    ]
)
