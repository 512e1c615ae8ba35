# Interval-censored relapse estimates on the sample's relapse table (interval form), for
# Tests/OutcomesClinicalTests/RelapseIntervalCensoredTests.swift.
# Input: the per-patient relapse table (default plan), which the report no longer ships; write it with
#   outcomes derive datasets/sample --out /tmp/sample-derived
# and run from the repository root:
#   Rscript Tests/OutcomesClinicalTests/Fixtures/relapse/make_fixtures_relapse_interval.R /tmp/sample-derived
library(survival)
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(file.path(if (length(args) > 0) args[1] else "/tmp/sample-derived", "relapse.csv"), stringsAsFactors = FALSE)
d <- d[d$param == "PHQ-9", ]
left <- d$interval_left_days
right <- ifelse(is.na(d$interval_right_days), Inf, d$interval_right_days)
out <- list()
fit <- survfit(Surv(left, right, type = "interval2") ~ 1)
out$turnbull_median_all <- unname(quantile(fit, 0.5)$quantile)
# survreg cannot take log(0): a left end of 0 is left-censoring at the right end.
l2 <- ifelse(left == 0, NA, left)
w <- survreg(Surv(l2, right, type = "interval2") ~ 1, dist = "weibull")
out$weibull_median_all <- unname(predict(w, newdata = data.frame(x = 1), type = "quantile", p = 0.5))
s <- d$strategy %in% c("maintenance", "as_needed")
strategy <- factor(d$strategy[s], levels = c("as_needed", "maintenance"))
ws <- survreg(Surv(l2[s], right[s], type = "interval2") ~ strategy, dist = "weibull")
# Weibull PH: log HR = -coef / scale.
out$weibull_log_hr <- unname(-coef(ws)["strategymaintenance"] / ws$scale)
out$n_strategy <- sum(s)
# Median gap between consecutive follow-up scores is checked in Swift against relapse.csv-independent data.
write.csv(data.frame(quantity = names(out), value = sprintf("%.10f", unlist(out))),
          "Tests/OutcomesClinicalTests/Fixtures/relapse/interval_censored.csv", row.names = FALSE, quote = FALSE)
