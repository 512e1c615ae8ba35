# Recomputes numbers of reports/sample/report.md independently of the Swift code, from the derived CSV tables
# the report ships with (series_endpoints.csv, tolerability.csv, suicidal_item.csv, relapse.csv), and writes
# the report lines they must produce to sample_report_values.txt (one line per row; SampleReportValueTests
# checks each appears verbatim in report.md). Run from the repository root:
#   Rscript Tests/OutcomesReportsTests/Fixtures/make_fixtures_sample_values.R
# Rates: binom.test (Clopper-Pearson, 95 %). Relapse: survfit (log transform), survdiff, coxph (Efron).
library(survival)
d <- "reports/sample"
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

# Suicidal item: resolved among patients assessed in each window.
si <- rd("suicidal_item.csv")
for (scale in c("PHQ-9", "MADRS")) {
  s <- si[si$param == scale, ]
  for (w in c(40, 90, 240, 1440)) {
    v <- s[[paste0("resolved_", w, "min")]]
    assessed <- v[v %in% c("Y", "N")]
    label <- if (w == 1440) "1 day(s)" else paste(w, "minutes")
    out <- c(out, sprintf("| %s | %s | %d |", label, rate(sum(assessed == "Y"), length(assessed)), length(v) - length(assessed)))
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
writeLines(out, "Tests/OutcomesReportsTests/Fixtures/sample_report_values.txt", useBytes = FALSE)
