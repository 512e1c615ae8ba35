# Reference values for the `outcomes survival` command line's R conventions, computed with R's survival package.
# Run from this directory:  Rscript make_fixtures_cli.R
# Writes lung_r.csv (R's own lung data as write.csv writes it: status coded 1/2, NA for missing) and
# cli_reference.csv, a long table "case,quantity,values" with values separated by single spaces.
suppressPackageStartupMessages(library(survival))

lung_r <- survival::lung
write.csv(lung_r, "lung_r.csv", row.names = FALSE)
lung_r <- read.csv("lung_r.csv")

rows <- list()
add <- function(case, quantity, values) {
  v <- sprintf("%.17g", as.numeric(values)); v[is.na(values)] <- "NA"
  rows[[length(rows) + 1]] <<- data.frame(case = case, quantity = quantity, values = paste(v, collapse = " "))
}

# Kaplan–Meier by sex: the columns of print.survfit (n, events, median, 0.95LCL, 0.95UCL).
km_table <- function(case, fit) {
  t <- summary(fit)$table
  add(case, "n", t[, "n.max"]); add(case, "events", t[, "events"])
  add(case, "median", t[, "median"]); add(case, "lower", t[, "0.95LCL"]); add(case, "upper", t[, "0.95UCL"])
}
km_table("km_sex", survfit(Surv(time, status) ~ sex, data = lung_r))
# The same on a subset: --where age>=60 --where ph.ecog!=3 (R's subset drops rows where a condition is NA).
sub <- subset(lung_r, age >= 60 & ph.ecog != 3)
add("km_where", "rows", nrow(sub))
km_table("km_where", survfit(Surv(time, status) ~ sex, data = sub))
# Number at risk at the figure's ticks 0, 200, ..., 1000.
s <- summary(survfit(Surv(time, status) ~ sex, data = lung_r), times = seq(0, 1000, 200), extend = TRUE)
add("km_sex", "risk_1", s$n.risk[s$strata == "sex=1"]); add("km_sex", "risk_2", s$n.risk[s$strata == "sex=2"])

# Log-rank by sex.
lr <- survdiff(Surv(time, status) ~ sex, data = lung_r)
add("logrank_sex", "chisq", lr$chisq); add("logrank_sex", "p", pchisq(lr$chisq, 1, lower.tail = FALSE))

# Cox with a factor and a chosen reference level: ph.ecog with reference 1 (R: relevel).
d <- lung_r; d$ph.ecog <- relevel(factor(d$ph.ecog), ref = "1")
fit <- coxph(Surv(time, status) ~ age + ph.ecog, data = d)
add("cox_ecog_ref1", "coef", coef(fit)); add("cox_ecog_ref1", "se", sqrt(diag(vcov(fit))))
add("cox_ecog_ref1", "lr", 2 * diff(fit$loglik)); add("cox_ecog_ref1", "wald", fit$wald.test); add("cox_ecog_ref1", "score", fit$score)
add("cox_ecog_ref1", "names", seq_along(coef(fit)))

# Nelson–Aalen cumulative hazard on every curve row, and the Fleming–Harrington curve exp(-H) (stype = 2).
f <- survfit(Surv(time, status) ~ sex, data = lung_r)
add("km_sex", "cumhaz", f$cumhaz); add("km_sex", "std_chaz", f$std.chaz); add("km_sex", "surv", f$surv)
fh <- survfit(Surv(time, status) ~ sex, data = lung_r, stype = 2, ctype = 1)
add("fh_sex", "surv", fh$surv); add("fh_sex", "median", summary(fh)$table[, "median"])
# G-rho with rho = 1 (Peto–Peto–Prentice form of survdiff).
lr1 <- survdiff(Surv(time, status) ~ sex, data = lung_r, rho = 1)
add("logrank_sex_rho1", "chisq", lr1$chisq)

# Competing risks on mgus2: progression (1) versus death without progression (2), 0 censored (survival's
# "compete" vignette coding), by sex.
m <- survival::mgus2
mg <- data.frame(id = m$id, sex = m$sex, etime = ifelse(m$pstat == 0, m$futime, m$ptime),
                 event = ifelse(m$pstat == 0, 2 * m$death, 1))
write.csv(mg, "mgus2_cr.csv", row.names = FALSE)
mg <- read.csv("mgus2_cr.csv")
cr <- survfit(Surv(etime, factor(event)) ~ sex, data = mg)
at <- summary(cr, times = c(60, 120, 240))
for (s in c("sex=F", "sex=M")) {
  k <- at$strata == s
  add(paste0("cuminc_", s), "pstate_1", at$pstate[k, 2]); add(paste0("cuminc_", s), "pstate_2", at$pstate[k, 3])
  add(paste0("cuminc_", s), "se_1", at$std.err[k, 2]); add(paste0("cuminc_", s), "se_2", at$std.err[k, 3])
}
# Cause-specific Cox for progression (cause 1; deaths censored): cox --event event --event-value 1.
cs <- coxph(Surv(etime, event == 1) ~ sex, data = mg)
add("cause_specific_1", "coef", coef(cs)); add("cause_specific_1", "se", sqrt(diag(vcov(cs))))
if (requireNamespace("cmprsk", quietly = TRUE)) {
  g <- cmprsk::cuminc(mg$etime, mg$event, mg$sex)
  add("gray_sex", "stat", g$Tests[, "stat"]); add("gray_sex", "p", g$Tests[, "pv"]); add("gray_sex", "df", g$Tests[, "df"])
}

# Cox completed, through the command line: concordance, AIC, residuals by data row, predicted curves, zph transforms.
cf <- coxph(Surv(time, status) ~ age + sex, data = lung_r)
cc <- concordance(cf)
add("cox_age_sex", "concordance", cc$concordance); add("cox_age_sex", "concordance_se", sqrt(cc$var)); add("cox_age_sex", "aic", AIC(cf))
add("cox_age_sex", "martingale", residuals(cf, type = "martingale"))
add("cox_age_sex", "dfbetas_sex", residuals(cf, type = "dfbetas")[, 2])
sch <- residuals(cf, type = "schoenfeld")
add("cox_age_sex", "schoenfeld_age", sch[, 1]); add("cox_age_sex", "schoenfeld_time", as.numeric(rownames(sch)))
nd <- data.frame(age = c(60, 70), sex = c(1, 2))
write.csv(nd, "lung_newdata.csv", row.names = FALSE)
sp <- summary(survfit(cf, newdata = nd), times = c(100, 300, 500))
add("cox_predict", "surv", as.vector(sp$surv)); add("cox_predict", "cumhaz", as.vector(sp$cumhaz))
add("cox_predict", "lower", as.vector(sp$lower)); add("cox_predict", "upper", as.vector(sp$upper))
for (tr in c("km", "rank", "identity", "log")) {
  z <- cox.zph(cf, transform = tr)
  add(paste0("zph_", tr), "chisq", z$table[, "chisq"]); add(paste0("zph_", tr), "p", z$table[, "p"])
}

# Interval-censored rows built from lung as if seen at visits every 60 days: an event is known to lie in
# (last visit, next visit]; an event before the first visit is left-censored (left end NA, since survreg's
# log-time models refuse a left end of 0); a censored row is right-censored at its time (right end NA).
ic <- data.frame(age = lung_r$age, sex = lung_r$sex,
                 left = ifelse(lung_r$status == 2, floor(lung_r$time / 60) * 60, lung_r$time),
                 right = ifelse(lung_r$status == 2, floor(lung_r$time / 60) * 60 + 60, NA))
write.csv(ic, "lung_interval.csv", row.names = FALSE)
ic$left[!is.na(ic$left) & ic$left == 0] <- NA
write.csv(ic, "lung_interval.csv", row.names = FALSE)
ic <- read.csv("lung_interval.csv")
for (d in c("weibull", "lognormal")) {
  sr <- survreg(Surv(left, right, type = "interval2") ~ age + sex, data = ic, dist = d)
  add(paste0("survreg_", d), "coef", coef(sr)); add(paste0("survreg_", d), "se", sqrt(diag(vcov(sr)))[seq_along(coef(sr))])
  add(paste0("survreg_", d), "scale", sr$scale); add(paste0("survreg_", d), "loglik", sr$loglik)
}
sr <- survreg(Surv(time, status) ~ age + sex, data = lung_r, dist = "loglogistic")
add("survreg_right_loglogistic", "coef", coef(sr)); add("survreg_right_loglogistic", "scale", sr$scale); add("survreg_right_loglogistic", "loglik", sr$loglik)
tb <- survfit(Surv(left, right, type = "interval2") ~ sex, data = ic)
add("turnbull_sex", "median", summary(tb)$table[, "median"])
add("turnbull_sex", "n", summary(tb)$table[, "n.max"])

write.csv(do.call(rbind, rows), "cli_reference.csv", row.names = FALSE, quote = FALSE)
