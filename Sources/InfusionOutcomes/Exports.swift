// One import for researchers who use the library from Swift: `import InfusionOutcomes`.
@_exported import OutcomesRandom
@_exported import OutcomesTabular
@_exported import OutcomesText
@_exported import OutcomesLinearAlgebra
@_exported import OutcomesDistributions
@_exported import OutcomesProportions
@_exported import OutcomesSurvival
@_exported import OutcomesModels
@_exported import OutcomesClinical
@_exported import OutcomesSynthetic
@_exported import OutcomesReports
