import ArgumentParser
import InfusionOutcomes

/// `outcomes survival km|logrank|rmst|cox|zph ...`: one subcommand per analysis, sharing the input options.
struct SurvivalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Survival analysis of any CSV: Kaplan–Meier, log-rank family, RMST, Cox regression, proportional-hazards test, competing risks.",
        discussion: """
        Every analysis reads --data FILE (or - for standard input) with --time COL and --event COL (cuminc: --status), \
        and accepts --where (repeatable), --reference COL=LEVEL, --conf-level, --format, --table and --out; all but \
        cuminc also --event-value, --start and --weights. Status may be 0/1, 1/2 (2 = event, as R's Surv) or TRUE/FALSE. Results match R's \
        survival package (Tests/OutcomesSurvivalTests/Fixtures/make_fixtures.R).

        km       curves, medians, number at risk, cumhaz: --group --strata --estimator --conf-type --times --curve --plot FILE.svg
                 outcomes survival km --data lung.csv --time time --event status --group sex --plot km.svg
        logrank  log-rank family: --group (required) --strata --test --rho --gamma --trend
                 outcomes survival logrank --data lung.csv --time time --event status --group sex
        rmst     restricted mean survival time: --tau (required) --group --strata --estimator
                 outcomes survival rmst --data lung.csv --time time --event status --group sex --tau 365
        cox      Cox regression: --covariates (required, repeatable) --strata --cluster --ties --residuals TYPE --out FILE.csv --predict FILE.csv
                 outcomes survival cox --data lung.csv --time time --event status --covariates age,sex --reference sex=1
        zph      test of proportional hazards: the cox model options and --transform km|rank|identity|log
                 outcomes survival zph --data lung.csv --time time --event status --covariates age,sex
        cuminc   competing risks: --status (0 = censored, other values the causes; instead of --event) --group --strata --times --plot
                 outcomes survival cuminc --data mgus2.csv --time etime --status event --group sex

        survreg  parametric regression: --covariates --dist weibull|exponential|lognormal|loglogistic; --left/--right
                 outcomes survival survreg --data lung.csv --time time --event status --covariates age,sex --dist weibull
        km and survreg take --left COL --right COL instead of --time/--event for interval-censored rows (empty \
        left = left-censored; empty, NA or Inf right = right-censored).

        Run `outcomes survival ANALYSIS --help` for the options of one analysis.
        """,
        subcommands: [SurvivalKMCommand.self, SurvivalLogRankCommand.self, SurvivalRMSTCommand.self,
                      SurvivalCoxCommand.self, SurvivalZPHCommand.self, SurvivalCumIncCommand.self,
                      SurvivalRegressionCommand.self]
    )
}
