import ArgumentParser
import InfusionOutcomes

/// `outcomes survival km|logrank|rmst|cox|zph ...`: one subcommand per analysis, sharing the input options.
struct SurvivalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Survival analysis of any CSV: Kaplan–Meier, log-rank family, RMST, Cox regression, proportional-hazards test, competing risks.",
        discussion: """
        Every analysis reads --data FILE (- for standard input; comma, semicolon or
        tab separated) and accepts --where COL>=V (repeatable), --reference
        COL=LEVEL, --conf-level, --format, --table NAME (csv) and --out DIR.
        Status is 0/1, 1/2 (2 = event, as R's Surv), TRUE/FALSE or --event-value.

        km: curves, n, events, median; --time --event | --left --right, --group,
          --strata, --estimator, --conf-type, --times, --curve, --plot FILE.svg
          outcomes survival km --data lung.csv --time time --event status \\
            --group sex --plot km.svg
        logrank: --group (required), --strata, --test, --rho, --gamma, --trend
          outcomes survival logrank --data lung.csv --time time \\
            --event status --group sex --test fh --rho 1
        rmst: --tau (required), --group, --strata, --estimator
          outcomes survival rmst --data lung.csv --time time --event status \\
            --group sex --tau 365
        cox: --covariates (required, repeatable), --strata, --cluster, --ties,
          --residuals TYPE --out FILE.csv, --predict FILE.csv
          outcomes survival cox --data lung.csv --time time --event status \\
            --covariates age,sex --reference sex=1
        zph: the cox model options, --transform km|rank|identity|log
          outcomes survival zph --data lung.csv --time time --event status \\
            --covariates age,sex
        cuminc: --time, --status (0 = censored, other values the causes),
          --group, --strata, --times, --plot FILE.svg
          outcomes survival cuminc --data mgus2.csv --time etime \\
            --status event --group sex
        survreg: --time --event | --left --right, --covariates, --dist
          weibull|exponential|lognormal|loglogistic
          outcomes survival survreg --data lung.csv --time time \\
            --event status --covariates age,sex --dist weibull

        --left/--right: an empty left end is left-censored; an empty, NA or Inf
        right end is right-censored. Results match R's survival package (R
        scripts beside the tests). `outcomes survival ANALYSIS --help` lists
        the options of one analysis.
        """,
        subcommands: [SurvivalKMCommand.self, SurvivalLogRankCommand.self, SurvivalRMSTCommand.self,
                      SurvivalCoxCommand.self, SurvivalZPHCommand.self, SurvivalCumIncCommand.self,
                      SurvivalRegressionCommand.self]
    )
}
