# Reference values for RelapseHazardRatiosTests: Cox models on the sample cohort's derived relapse tables.
# Regenerate from the repository root:
#   swift run outcomes derive datasets/sample --out /tmp/sample-derived
#   Rscript Tests/OutcomesClinicalTests/Fixtures/relapse/hazard_ratios.R /tmp/sample-derived
# and copy the printed values into the test.
library(survival)
dir <- commandArgs(trailingOnly = TRUE)[1]
r <- read.csv(file.path(dir, "relapse.csv"))
p <- read.csv("datasets/sample/patients.csv")
r <- r[r$param == "PHQ-9" & r$strategy %in% c("maintenance", "as_needed"), ]
r <- merge(r, p[, c("patient_id", "prior_treatments_failed")], by = "patient_id")
r$maint <- as.numeric(r$strategy == "maintenance")
f17 <- function(x) sprintf("%.17g", x)
u <- coef(summary(coxph(Surv(aval_days, event) ~ maint, data = r)))
a <- coef(summary(coxph(Surv(aval_days, event) ~ maint + factor(diagnosis) + prior_treatments_failed, data = r)))
i <- read.csv(file.path(dir, "relapse_intervals.csv"))
i <- i[i$param == "PHQ-9", ]
e <- coef(summary(coxph(Surv(start, stop, event) ~ on_maintenance, data = i)))
cat("unadjusted", f17(u[1, "coef"]), f17(u[1, "se(coef)"]), "\n")
cat("adjusted", f17(a[1, "coef"]), f17(a[1, "se(coef)"]), "\n")
cat("exposure", f17(e[1, "coef"]), f17(e[1, "se(coef)"]), "\n")
