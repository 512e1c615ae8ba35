# Reference values for the generic survival estimators of issue 10 (items 1-5): Nelson-Aalen and
# Fleming-Harrington curves, the weighted log-rank family with trend, competing risks, the completed Cox
# model, cox.zph transforms, timefix, Kaplan-Meier quantiles on flat stretches.
# Run from this directory: Rscript make_fixtures_estimators.R   (writes estimators_reference.csv, pbc.csv,
# mgus2.csv; reads lung.csv, veteran.csv, colon.csv written by make_fixtures.R).
suppressMessages(library(survival))
suppressMessages(library(cmprsk))

fmt <- function(x) {
  if (is.character(x) || is.factor(x)) return(as.character(x))
  out <- sprintf("%.17g", as.numeric(x))
  out[is.na(x)] <- "NA"
  out[is.nan(x)] <- "NaN"
  out
}
write_data <- function(df, name) {
  out <- df
  for (j in seq_along(out)) {
    if (is.numeric(out[[j]])) {
      s <- sprintf("%.17g", out[[j]]); s[is.na(out[[j]])] <- ""; out[[j]] <- s
    } else {
      s <- as.character(out[[j]]); s[is.na(s)] <- ""; out[[j]] <- s
    }
  }
  write.table(out, paste0(name, ".csv"), sep = ",", row.names = FALSE, quote = FALSE)
  read.csv(paste0(name, ".csv"), stringsAsFactors = FALSE)
}
rows <- list()
put <- function(case, quantity, values) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, quantity = quantity,
                                          values = paste(fmt(values), collapse = " "))
}
put("meta", "r_version", gsub(" ", "_", R.version.string))
put("meta", "survival_version", as.character(packageVersion("survival")))
put("meta", "cmprsk_version", as.character(packageVersion("cmprsk")))

# ---- data ----------------------------------------------------------------------------------
lung <- read.csv("lung.csv", stringsAsFactors = FALSE)
veteran <- read.csv("veteran.csv", stringsAsFactors = FALSE)
colon <- read.csv("colon.csv", stringsAsFactors = FALSE)
p <- survival::pbc[1:312, ]
pbc <- write_data(data.frame(id = p$id, time = p$time, status = p$status, trt = p$trt, age = p$age,
                             sex = as.character(p$sex), edema = p$edema, bili = p$bili,
                             albumin = p$albumin, protime = p$protime, stage = p$stage), "pbc")
m <- survival::mgus2
# competing risks: 1 = progression to plasma-cell malignancy, 2 = death without progression, 0 = censored
m_etime <- with(m, ifelse(pstat == 0, futime, ptime))
m_event <- with(m, ifelse(pstat == 0, 2 * death, 1))
mgus2 <- write_data(data.frame(id = m$id, age = m$age, sex = as.character(m$sex), hgb = m$hgb,
                               mspike = m$mspike, etime = m_etime, event = m_event), "mgus2")

# ---- 1. Nelson-Aalen cumulative hazard, Fleming-Harrington survival, RMST on it -------------
na_case <- function(case, fit, tau) {
  put(case, "time", fit$time); put(case, "n_risk", fit$n.risk); put(case, "n_event", fit$n.event)
  put(case, "cumhaz", fit$cumhaz); put(case, "std_chaz", fit$std.chaz)
  put(case, "surv", fit$surv); put(case, "std_err", summary(fit, censored = TRUE)$std.err)
  put(case, "lower", fit$lower); put(case, "upper", fit$upper)
  probs <- c(0.25, 0.5, 0.75)
  q <- quantile(fit, probs = probs, conf.int = TRUE)
  flat_q <- function(m) if (is.matrix(m)) as.vector(t(m)) else as.vector(m)
  put(case, "q_probs", probs); put(case, "q_quantile", flat_q(q$quantile))
  put(case, "q_lower", flat_q(q$lower)); put(case, "q_upper", flat_q(q$upper))
  tb <- summary(fit, rmean = tau)$table
  if (!is.matrix(tb)) tb <- t(as.matrix(tb))
  put(case, "tau", tau); put(case, "rmst", tb[, "rmean"]); put(case, "rmst_se", tb[, "se(rmean)"])
  put(case, "median", tb[, "median"]); put(case, "median_lower", tb[, "0.95LCL"]); put(case, "median_upper", tb[, "0.95UCL"])
}
na_case("na_lung_km", survfit(Surv(time, status) ~ 1, lung), 365)
na_case("na_lung_fh", survfit(Surv(time, status) ~ 1, lung, stype = 2), 365)
na_case("na_lung_sex_fh", survfit(Surv(time, status) ~ sex, lung, stype = 2), 500)
na_case("na_veteran_fh_loglog", survfit(Surv(time, status) ~ 1, veteran, stype = 2, conf.type = "log-log"), 200)
na_case("na_lung_weighted_km", survfit(Surv(time, status) ~ 1, lung, weights = w, robust = FALSE), 365)
na_case("na_lung_weightedij_km", survfit(Surv(time, status) ~ 1, lung, weights = w), 365)
na_case("na_lung_weightedij_fh", survfit(Surv(time, status) ~ 1, lung, weights = w, stype = 2), 365)
na_case("na_pbc_fh", survfit(Surv(time, status == 2) ~ 1, pbc, stype = 2), 2000)

# ---- 5. Kaplan-Meier quantiles on curves with flat stretches at 0.25, 0.5, 0.75 -------------
flats <- list(
  ends_at_half = data.frame(t = 1:4, s = c(1, 1, 0, 0)),
  half_then_drop = data.frame(t = 1:4, s = c(1, 1, 0, 1)),
  eighths = data.frame(t = 1:8, s = 1),
  flat_quarters = data.frame(t = c(1, 2, 3, 4, 5, 6, 7, 8), s = c(1, 0, 1, 0, 1, 0, 1, 0)),
  ends_at_quarter = data.frame(t = c(1, 2, 3, 4, 5, 6, 7, 8), s = c(1, 1, 1, 1, 1, 1, 0, 0)),
  ends_above = data.frame(t = c(1, 2, 3, 4, 5, 6), s = c(1, 0, 1, 1, 0, 0)),
  one_then_censored = data.frame(t = c(1, 2), s = c(1, 0)),
  ties_flat = data.frame(t = c(1, 1, 2, 2, 3, 3, 4, 4), s = c(1, 0, 1, 1, 0, 1, 1, 0))
)
for (nm in names(flats)) {
  d <- flats[[nm]]
  fit <- survfit(Surv(t, s) ~ 1, d)
  case <- paste0("flat_", nm)
  put(case, "time", d$t); put(case, "status", d$s)
  probs <- c(0.25, 0.5, 0.75)
  q <- quantile(fit, probs = probs, conf.int = TRUE)
  put(case, "q_quantile", q$quantile); put(case, "q_lower", q$lower); put(case, "q_upper", q$upper)
  tb <- summary(fit)$table
  put(case, "median", tb["median"]); put(case, "median_lower", tb["0.95LCL"]); put(case, "median_upper", tb["0.95UCL"])
}
