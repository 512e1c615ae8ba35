# Recomputes numbers of the sample report (reports/sample/report.md, made without suppression for this check)
# independently of the Swift code, from the per-patient derived tables (series_endpoints.csv, tolerability.csv,
# suicidal_item.csv, relapse.csv, written only with --with-patient-tables) and the dataset's own files, and
# writes the report lines they must produce to sample_report_values.txt (one line per row;
# SampleReportValueTests checks each appears verbatim in an unsuppressed report.md). Run from the repository root:
#   .build/debug/outcomes report datasets/sample --claims datasets/claims/seed-claims.yaml --no-suppress --with-patient-tables --out /tmp/sample-patient-tables
#   Rscript Tests/OutcomesReportsTests/Fixtures/make_fixtures_sample_values.R /tmp/sample-patient-tables
# Rates: binom.test (Clopper-Pearson, 95 %). Relapse: survfit (log transform), survdiff, coxph (Efron).
library(survival)
args <- commandArgs(trailingOnly = TRUE)
d <- file.path(if (length(args) > 0) args[1] else "/tmp/sample-patient-tables", "patient_tables")
rd <- function(f) read.csv(file.path(d, f), stringsAsFactors = FALSE, na.strings = "", check.names = FALSE)
# The tool rounds half away from zero (31.25 -> 31.3); R's sprintf rounds exact halves to even (31.2).
half_up <- function(x, k) sign(x) * floor(abs(x) * 10^k + 0.5) / 10^k
f1 <- function(x) sprintf("%.1f", half_up(x, 1))
f2 <- function(x) sprintf("%.2f", half_up(x, 2))
rate <- function(k, n) {
  ci <- binom.test(k, n)$conf.int
  sprintf("%d / %d (%s %%, %s\u2013%s)", k, n, f1(100 * k / n), f1(100 * ci[1]), f1(100 * ci[2]))
}
groups <- c("all", "MDD", "bipolar", "PTSD", "other")
pick <- function(df, g) if (g == "all") df else df[df$diagnosis == g, ]
out <- character()

# Response, partial response, remission at the end of the first induction series; one denominator.
ep <- rd("series_endpoints.csv")
ep <- ep[ep$phase == "induction" & ep$series_ordinal == 1, ]
for (scale in c("PHQ-9", "MADRS")) for (g in groups) {
  s <- pick(ep[ep$param == scale, ], g)
  if (nrow(s) == 0) next
  ev <- s[!is.na(s$crit_response) & !is.na(s$crit_remission), ]
  n <- nrow(ev)
  # Intention to treat: every patient who started the series, a missing endpoint counted as not responding.
  out <- c(out, sprintf("| %s | %s | %s | %s | %s | %d |", g, rate(sum(ev$crit_response == "Y"), n),
                        rate(sum(ev$crit_response == "Y"), nrow(s)), rate(sum(ev$crit_partial_response == "Y"), n), rate(sum(ev$crit_remission == "Y"), n), nrow(s) - n))
}

# Suicidal item: one fixed cohort, the patients positive before an infusion assessed in all four windows.
si <- rd("suicidal_item.csv")
for (scale in c("PHQ-9", "MADRS")) {
  s <- si[si$param == scale, ]
  cols <- paste0("resolved_", c(40, 90, 240, 1440), "min")
  fixed <- s[apply(s[, cols], 1, function(v) all(v %in% c("Y", "N"))), ]
  out <- c(out, sprintf("### %s: %d patients positive before an infusion, %d assessed in every window", scale, nrow(s), nrow(fixed)))
  for (w in c(40, 90, 240, 1440)) {
    v <- fixed[[paste0("resolved_", w, "min")]]
    label <- if (w == 1440) "24 hours" else paste(w, "minutes")
    out <- c(out, sprintf("| %s | %s |", label, rate(sum(v == "Y"), length(v))))
  }
}

# Tolerability of the first induction series.
tol <- rd("tolerability.csv")
for (g in groups) {
  s <- pick(tol, g)
  out <- c(out, sprintf("| %s | %s |", g, rate(sum(s$tolerated == "Y"), nrow(s))))
}

# Time to relapse among responders: all responders (median, landmarks), log-rank and Cox by strategy.
rel <- rd("relapse.csv")
for (scale in c("PHQ-9", "MADRS")) {
  r <- rel[rel$param == scale, ]
  fit <- survfit(Surv(aval_days, event) ~ 1, data = r, conf.type = "log")
  q <- quantile(fit, probs = 0.5)
  lm <- summary(fit, times = c(28, 56, 84, 112), extend = TRUE)$surv
  out <- c(out, sprintf("| all | %d | %d | %s (%s\u2013%s) | %s |", nrow(r), sum(r$event), f1(q$quantile), f1(q$lower), f1(q$upper),
                        paste(f2(lm), collapse = " / ")))
  s <- r[!is.na(r$strategy), ]
  lr <- survdiff(Surv(aval_days, event) ~ strategy, data = s)
  p <- pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE)
  out <- c(out, sprintf("Log-rank test by strategy: chi-square %s on %d df, p = %s.", f2(lr$chisq), length(lr$n) - 1, sprintf("%.4f", p)))
  cx <- summary(coxph(Surv(aval_days, event) ~ I(strategy == "maintenance"), data = s, ties = "efron"))
  out <- c(out, sprintf("| strategy maintenance vs as_needed | none | %d | %d | %s (%s\u2013%s) | %s |", nrow(s), sum(s$event),
                        f2(cx$conf.int[1, 1]), f2(cx$conf.int[1, 3]), f2(cx$conf.int[1, 4]), sprintf("%.4f", cx$coefficients[1, 5])))
}
# Patient flow on PHQ-9: started -> completed (every infusion, no discontinuing adverse event) -> end-of-series
# score -> responders -> followed for relapse (relapse follow-up longer than 0 days).
ind <- ep[ep$param == "PHQ-9", ]
done <- tol[tol$discontinued_for_ae == "N" & tol$interrupted_other_reason == "N", ]
scored <- ind[ind$patient_id %in% done$patient_id & !is.na(ind$crit_response) & !is.na(ind$crit_remission), ]
resp <- scored[scored$crit_response == "Y", ]
partial <- sum(scored$crit_response != "Y" & scored$crit_partial_response == "Y")
relp <- rel[rel$param == "PHQ-9", ]
followed <- sum(resp$patient_id %in% relp$patient_id[relp$aval_days > 0])
out <- c(out, sprintf("| 1. Started the first induction series | %d |  |", nrow(tol)))
out <- c(out, sprintf("| 2. Completed the induction series | %d | stopped after an adverse event leading to discontinuation: %d; an infusion not completed for another reason: %d |",
                      nrow(done), sum(tol$discontinued_for_ae == "Y"), sum(tol$interrupted_other_reason == "Y")))
out <- c(out, sprintf("| 3. End-of-series PHQ-9 score | %d | no PHQ-9 score within 7 days after the last infusion: %d |", nrow(scored), nrow(done) - nrow(scored)))
out <- c(out, sprintf("| 4. Responders (\u2265 50 %% reduction from baseline) | %d | partial response: %d; no response: %d |", nrow(resp), partial, nrow(scored) - nrow(resp) - partial))
out <- c(out, sprintf("| 5. Followed for relapse (a PHQ-9 score after the series) | %d | no PHQ-9 score after the series: %d |", followed, nrow(resp) - followed))

# Adverse events per 100 infusions, from the dataset's own files (all patients: the all-data report).
ae <- read.csv("datasets/sample/adverse_events.csv", stringsAsFactors = FALSE)
inf <- read.csv("datasets/sample/infusions.csv", stringsAsFactors = FALSE)
out <- c(out, sprintf("| **all** | %d | %d | %s |", nrow(ae), length(unique(ae$patient_id)), f1(100 * nrow(ae) / nrow(inf))))
for (term in sort(unique(ae$term), method = "radix")) {
  a <- ae[ae$term == term, ]
  out <- c(out, sprintf("| %s | %d | %d | %s |", term, nrow(a), length(unique(a$patient_id)), f1(100 * nrow(a) / nrow(inf))))
}

# Case mix: diagnosis, sex and site counts with percent of all patients.
pt <- read.csv("datasets/sample/patients.csv", stringsAsFactors = FALSE, na.strings = "")
for (dx in c("MDD", "bipolar", "PTSD", "other")) out <- c(out, sprintf("| diagnosis | %s | %d | %s |", dx, sum(pt$diagnosis == dx), f1(100 * mean(pt$diagnosis == dx))))
for (site in sort(unique(pt$site))) out <- c(out, sprintf("| site | %s | %d | %s |", site, sum(pt$site == site), f1(100 * mean(pt$site == site))))
ages <- cut(pt$age, c(18, 30, 45, 65, Inf), right = FALSE, labels = c("18\u201329", "30\u201344", "45\u201364", "65 and over"))
for (a in levels(ages)) out <- c(out, sprintf("| age (years) | %s | %d | %s |", a, sum(ages == a, na.rm = TRUE), f1(100 * sum(ages == a, na.rm = TRUE) / nrow(pt))))

# Time to first response on PHQ-9 as a cumulative incidence (Aalen-Johansen, survfit with a factor status):
# response is cause 1, stopping for an adverse event cause 2, others censored at the end-of-series score.
fr <- ind[!is.na(ind$base), ]
stopped <- tol$patient_id[tol$discontinued_for_ae == "Y"]
days <- function(a, b) as.numeric(difftime(as.POSIXct(a, tz = "UTC", format = "%Y-%m-%dT%H:%M:%S"), as.POSIXct(b, tz = "UTC", format = "%Y-%m-%dT%H:%M:%S"), units = "days"))
endt <- ifelse(is.na(fr$end_time), fr$last_infusion, fr$end_time)
time <- ifelse(!is.na(fr$days_to_first_response), fr$days_to_first_response, pmax(days(endt, fr$first_infusion), 0))
status <- ifelse(!is.na(fr$days_to_first_response), 1, ifelse(fr$patient_id %in% stopped, 2, 0))
aj <- survfit(Surv(time, factor(status, 0:2)) ~ 1)
# Day 21 is left out: days_to_first_response is stored with 4 decimals, which reorders a few tied times and moves
# the lower limit from 0.55249 (exact times, the report: 55.2) to 0.55252 (stored times: 55.3). On the same stored
# times the tool's `outcomes survival cuminc` gives R's 0.552520 exactly.
cuts <- sapply(c(7, 14, 28), function(day) {
  s <- summary(aj, times = day, extend = TRUE)
  k <- which(s$states == "1")
  sprintf("by day %d %s %% (%s\u2013%s)", day, f1(100 * s$pstate[, k]), f1(100 * s$lower[, k]), f1(100 * s$upper[, k]))
})
out <- c(out, sprintf("over %d patients with a baseline score: %s", nrow(fr), cuts[1]), cuts[2:3])
# Trend: the headline rates of the patients whose first induction series started in each of the eight quarters
# before the data's last induction quarter (all sites). Quarter from the series' first infusion (UTC).
q_of <- function(t) { y <- as.integer(substr(t, 1, 4)); m <- as.integer(substr(t, 6, 7)); sprintf("%d-Q%d", y, (m - 1) %/% 3 + 1) }
start_q <- setNames(q_of(ind$first_infusion), ind$patient_id)
quarters <- c("2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1")
si9 <- si[si$param == "PHQ-9", ]
for (q in quarters) {
  e <- ind[start_q[ind$patient_id] == q, ]
  ev <- e[!is.na(e$crit_response) & !is.na(e$crit_remission), ]
  k <- sum(ev$crit_response == "Y")
  t <- tol[tol$patient_id %in% names(start_q)[start_q == q], ]
  s9 <- si9[si9$patient_id %in% names(start_q)[start_q == q], ]
  a9 <- s9$resolved_90min[s9$resolved_90min %in% c("Y", "N")]
  out <- c(out, sprintf("| %s | all | %s | %s | %s | %s | %s |", q, rate(k, nrow(e)), rate(k, nrow(ev)), rate(sum(ev$crit_remission == "Y"), nrow(ev)),
                        rate(sum(t$tolerated == "Y"), nrow(t)), rate(sum(a9 == "Y"), length(a9))))
}

# Score trajectories on PHQ-9: the score before each of the first six infusions of the first induction series
# (infusion 1: the endpoint's baseline; then the last score after the previous infusion's start and at or before
# this one's), fitted by REML with an AR(1) correlation over the infusion number (nlme::gls, as the tool's MMRM
# with covariance ar1), cell means by infusion and diagnosis. Only the means are pinned ("means: " lines; the
# test strips the intervals from the report's row): the tool's intervals use Satterthwaite degrees of freedom,
# which gls does not give (they are checked against mmrm in OutcomesModelsTests).
library(nlme)
inf <- read.csv("datasets/sample/infusions.csv", stringsAsFactors = FALSE)
as <- read.csv("datasets/sample/assessments.csv", stringsAsFactors = FALSE, na.strings = "")
as <- as[as$instrument == "PHQ-9", ]
as$score <- ifelse(is.na(as$total), rowSums(as[, paste0("item_", 1:9)]), as$total)
as <- as[!is.na(as$score), ]
tt <- function(x) as.numeric(as.POSIXct(x, tz = "UTC", format = "%Y-%m-%dT%H:%M:%S"))
inf$t <- tt(inf$start); as$t <- tt(as$time)
rows <- list()
for (i in seq_len(nrow(ind))) {
  e <- ind[i, ]
  starts <- sort(inf$t[inf$patient_id == e$patient_id & inf$t >= tt(e$first_infusion) & inf$t <= tt(e$last_infusion)])
  if (!is.na(e$base)) rows[[length(rows) + 1]] <- data.frame(id = e$patient_id, dx = e$diagnosis, v = 1, y = e$base)
  s <- as[as$patient_id == e$patient_id, ]
  for (k in seq_len(min(length(starts), 6))[-1]) {
    w <- s[s$t > starts[k - 1] & s$t <= starts[k], ]
    if (nrow(w) > 0) rows[[length(rows) + 1]] <- data.frame(id = e$patient_id, dx = e$diagnosis, v = k, y = w$score[nrow(w)])
  }
}
x <- do.call(rbind, rows)
x$visit <- factor(x$v); x$dx <- factor(x$dx)
fit <- gls(y ~ visit * dx, data = x, correlation = corAR1(form = ~ v | id), method = "REML")
out <- c(out, sprintf("%d patients, %d scores; covariance used: AR(1).", length(unique(x$id)), nrow(x)))
for (dx in c("MDD", "bipolar", "PTSD", "other")) {
  m <- predict(fit, data.frame(visit = factor(1:6, levels = levels(x$visit)), dx = factor(dx, levels = levels(x$dx))))
  out <- c(out, sprintf("means: | %s | %s |", dx, paste(f1(m), collapse = " | ")))
}

# Claim mood-disorders-respond-70-after-failed-treatments: PHQ-9 response among MDD and bipolar patients with at
# least two failed prior treatments recorded (patients.csv of the dataset), as in the claims table.
pt <- read.csv("datasets/sample/patients.csv", stringsAsFactors = FALSE, na.strings = "")
resistant <- pt$patient_id[!is.na(pt$prior_treatments_failed) & pt$prior_treatments_failed >= 2]
s <- ep[ep$param == "PHQ-9" & ep$diagnosis %in% c("MDD", "bipolar") & ep$patient_id %in% resistant, ]
ev <- s[!is.na(s$crit_response) & !is.na(s$crit_remission), ]
ci <- binom.test(sum(ev$crit_response == "Y"), nrow(ev))$conf.int
out <- c(out, sprintf("| mood-disorders-respond-70-after-failed-treatments | **consistent** (fragile) | %s %% of patients | %s %% to %s %% | %d |",
                      f1(100 * mean(ev$crit_response == "Y")), f1(100 * ci[1]), f1(100 * ci[2]), nrow(ev)))

writeLines(out, "Tests/OutcomesReportsTests/Fixtures/sample_report_values.txt", useBytes = FALSE)
