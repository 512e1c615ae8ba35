# Reference values for the interval-censored estimators of OutcomesSurvival (IntervalCensored/),
# computed with R's survival package. Run from this directory:  Rscript make_fixtures_interval.R
# Writes the data sets (CSV, NA as an empty field) and reference_interval.csv, a long table
# "case,quantity,values" (values separated by single spaces, NA written as NA, 17 significant digits).
# The data from other projects (survival's tests/turnbull.R and tests/data.interval) are copied from
# ../shared/external-data (see its README); every fit is made on the CSV as written here.
suppressPackageStartupMessages(library(survival))

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

# ---- data ----------------------------------------------------------------------------------
ext <- "../../../../shared/external-data"
if (!dir.exists(ext)) ext <- "/work/shared/external-data"
turnbull <- write_data(read.csv(file.path(ext, "survival_turnbull1974.csv")), "ic_turnbull1974")
ovi <- read.csv(file.path(ext, "survival_data_interval.csv"))
names(ovi) <- c("ltime", "rtime", "age", "resid_ds", "rx", "ecog_ps")
ovint <- write_data(ovi, "ic_data_interval")
zins <- write_data(read.csv(file.path(ext, "survival_zinsmeister.csv")), "ic_zinsmeister")

# A simulated clinic-like cohort: Weibull event times (shape 1.3) whose scale depends on a group and a
# continuous covariate, seen at visits 20–40 days apart until a follow-up end; the event is known to lie
# between the last visit before it and the first after it. Some rows are exact (seen on the day), some
# left-censored (event before the first visit), the rest right-censored at the last visit.
set.seed(20261204)
n <- 240
grp <- sample(c("a", "b"), n, replace = TRUE)
x <- round(rnorm(n, 50, 10), 1)
t <- round(rweibull(n, shape = 1.3, scale = exp(4.6 + 0.7 * (grp == "b") - 0.015 * (x - 50))), 2)
fu <- round(runif(n, 150, 400))
left <- right <- numeric(n)
for (i in seq_len(n)) {
  visits <- cumsum(c(round(runif(1, 10, 40)), round(runif(30, 20, 40))))
  visits <- visits[visits <= fu[i]]
  if (i %% 17 == 0 && t[i] < fu[i]) { left[i] <- t[i]; right[i] <- t[i]; next }   # exact
  before <- visits[visits < t[i]]; after <- visits[visits >= t[i]]
  if (length(after) == 0) { left[i] <- if (length(before)) max(before) else 0; right[i] <- NA; next }
  left[i] <- if (length(before)) max(before) else NA
  right[i] <- min(after)
}
mixed <- write_data(data.frame(left = left, right = right, group = grp, x = x,
                               b = as.numeric(grp == "b")), "ic_mixed")
# the right-censored lung data, to check the fit's right-censored path
l <- survival::lung
lungrc <- write_data(data.frame(time = l$time, status = l$status - 1, age = l$age, sex = l$sex), "ic_lung")

# ---- parametric fits (survreg) ---------------------------------------------------------------
put_survreg <- function(case, fit, hr = FALSE) {
  s <- summary(fit)$table
  p <- length(coef(fit))
  put(case, "terms", names(coef(fit)))
  put(case, "coef", coef(fit))
  put(case, "se", sqrt(diag(vcov(fit)))[1:p])
  put(case, "z", s[1:p, "z"])
  put(case, "p", s[1:p, "p"])
  put(case, "scale", fit$scale)
  put(case, "log_scale_se", if (nrow(vcov(fit)) > p) sqrt(vcov(fit)[p + 1, p + 1]) else NA)
  put(case, "loglik", fit$loglik[2])
  put(case, "loglik_null", fit$loglik[1])
  put(case, "iterations", fit$iter)
  if (hr) {
    # hazard ratio exp(-beta/sigma); delta method on (beta, log sigma), 95% interval
    V <- vcov(fit); sig <- fit$scale; b <- coef(fit)[-1]
    lhr <- -b / sig; se <- numeric(p - 1)
    for (k in seq_len(p - 1)) {
      g <- numeric(nrow(V)); g[k + 1] <- -1 / sig
      if (nrow(V) > p) g[p + 1] <- b[k] / sig
      se[k] <- sqrt(drop(t(g) %*% V %*% g))
    }
    put(case, "hr", exp(lhr)); put(case, "hr_se", se)
    put(case, "hr_lower", exp(lhr - qnorm(0.975) * se)); put(case, "hr_upper", exp(lhr + qnorm(0.975) * se))
  }
}
for (d in c("weibull", "exponential", "lognormal", "loglogistic")) {
  ph <- d %in% c("weibull", "exponential")
  put_survreg(paste0("sr_ovint_", d),
              survreg(Surv(ltime, rtime, type = "interval2") ~ age + ecog_ps, data = ovint, dist = d), ph)
  put_survreg(paste0("sr_mixed_", d),
              survreg(Surv(ifelse(left == 0, NA, left), right, type = "interval2") ~ b + x, data = mixed, dist = d), ph)
  put_survreg(paste0("sr_mixednull_", d),
              survreg(Surv(ifelse(left == 0, NA, left), right, type = "interval2") ~ 1, data = mixed, dist = d))
  put_survreg(paste0("sr_lung_", d), survreg(Surv(time, status) ~ age + sex, data = lungrc, dist = d), ph)
}

# quantiles of T at chosen covariate values (predict type = "uquantile": log scale, with its delta-method SE)
for (d in c("weibull", "exponential", "lognormal", "loglogistic")) {
  fit <- survreg(Surv(ifelse(left == 0, NA, left), right, type = "interval2") ~ b + x, data = mixed, dist = d)
  nd <- data.frame(b = c(0, 1), x = c(50, 45))
  pr <- predict(fit, newdata = nd, type = "uquantile", p = c(0.25, 0.5, 0.75), se.fit = TRUE)
  put(paste0("sq_mixed_", d), "uquantile", t(pr$fit))    # row 1 (b 0, x 50) then row 2, each p 0.25 0.5 0.75
  put(paste0("sq_mixed_", d), "uquantile_se", t(pr$se.fit))
  # the group as a factor, reference level "a": same fit as b, R's term name "groupb"
  g <- survreg(Surv(ifelse(left == 0, NA, left), right, type = "interval2") ~ group, data = mixed, dist = d)
  put(paste0("sg_mixed_", d), "coef", coef(g)); put(paste0("sg_mixed_", d), "se", sqrt(diag(vcov(g)))[1:2])
  put(paste0("sg_mixed_", d), "loglik", g$loglik[2])
}

# ---- Turnbull NPMLE (survfit) ------------------------------------------------------------------
# survfit's own iteration stops when the largest change in S at the jump times is below 5e-5; the same
# function with that constant set to 1e-11 gives the NPMLE itself (the fixed point), for the tight check.
turnbull_tight <- survival:::survfitTurnbull
body(turnbull_tight) <- parse(text = gsub("5e-05", "1e-11", deparse(body(turnbull_tight)), fixed = TRUE))[[1]]
put_turnbull <- function(case, formula, data) {
  f <- survfit(formula, data = data)
  put(case, "strata", if (is.null(f$strata)) rep("all", length(f$time)) else rep(names(f$strata), f$strata))
  put(case, "time", f$time); put(case, "surv", f$surv)
  put(case, "n_risk", f$n.risk); put(case, "n_event", f$n.event)
  q <- quantile(f, c(0.25, 0.5, 0.75), conf.int = FALSE)
  put(case, "quantiles", if (is.matrix(q)) t(q) else q)   # per stratum, 0.25 0.5 0.75
  tab <- summary(f)$table
  put(case, "n", if (is.matrix(tab)) tab[, "records"] else tab["records"])
  put(case, "events", if (is.matrix(tab)) tab[, "events"] else tab["events"])
  mf <- model.frame(formula, data = data)
  y <- model.response(mf)
  x <- if (ncol(mf) > 1) factor(mf[[2]]) else factor(rep(1, nrow(mf)))
  tight <- turnbull_tight(x, y, rep(1, nrow(mf)), se.fit = FALSE)
  put(case, "tight_time", tight$time); put(case, "tight_surv", tight$surv)
}
put_turnbull("tb_turnbull1974", Surv(left, right, type = "interval2") ~ 1, turnbull)
put_turnbull("tb_ovint", Surv(ltime, rtime, type = "interval2") ~ 1, ovint)
put_turnbull("tb_zinsmeister", Surv(left, right, type = "interval2") ~ 1, zins)
put_turnbull("tb_mixed_group", Surv(left, right, type = "interval2") ~ group, mixed)

out <- do.call(rbind, rows)
write.table(out, "reference_interval.csv", sep = ",", row.names = FALSE, quote = FALSE)
