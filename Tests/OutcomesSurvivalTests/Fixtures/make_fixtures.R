# Reference values for OutcomesSurvival, computed with R's survival package.
# Run from this directory:  Rscript make_fixtures.R
# Writes the data sets (CSV, numbers with 17 significant digits, NA as an empty field) and
# reference.csv, a long table "case,quantity,values" whose values are separated by single spaces
# (NA written as NA). Every fit is made on the data as read back from the CSV written here, so the
# Swift tests and R see exactly the same numbers.
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

# ---- data ----------------------------------------------------------------------------------
l <- survival::lung
lung <- write_data(data.frame(inst = l$inst, time = l$time, status = l$status - 1, age = l$age,
                              sex = l$sex, ph_ecog = l$ph.ecog, ph_karno = l$ph.karno,
                              wt_loss = l$wt.loss, w = round(l$age / 50, 2)), "lung")
v <- survival::veteran
veteran <- write_data(data.frame(trt = v$trt, celltype = as.character(v$celltype), time = v$time,
                                 status = v$status, karno = v$karno, diagtime = v$diagtime,
                                 age = v$age, prior = v$prior), "veteran")
o <- survival::ovarian
ovarian <- write_data(data.frame(futime = o$futime, fustat = o$fustat, age = o$age,
                                 resid_ds = o$resid.ds, rx = o$rx, ecog_ps = o$ecog.ps), "ovarian")
cc <- survival::colon[survival::colon$etype == 2, ]
colon <- write_data(data.frame(id = cc$id, rx = as.character(cc$rx), sex = cc$sex, age = cc$age,
                               nodes = cc$nodes, status = cc$status, time = cc$time), "colon")
h <- survival::heart
heart <- write_data(data.frame(start = h$start, stop = h$stop, event = h$event, age = h$age,
                               year = h$year, surgery = h$surgery,
                               transplant = as.numeric(as.character(h$transplant)), id = h$id,
                               w = 1 + (h$id %% 5) / 10), "heart")
# a curve that is flat exactly at S = 0.5 (median by the midpoint rule) and at 0.25/0.75
flat <- write_data(data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8), status = c(1, 1, 1, 1, 1, 1, 1, 1)), "flat")
# tied times of every kind: events and censorings at one time, several events at one time, time 0
ties <- write_data(data.frame(time = c(0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6),
                              status = c(1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1),
                              g = c(1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2),
                              x = c(0.5, 1.2, -0.3, 0.8, 1.1, -1.0, 0.2, 0.0, 1.5, -0.7, 0.3, 0.9, -0.2, 0.4)), "ties")

# every event at one time (ties of the largest kind), with censorings at the same time
alltied <- write_data(data.frame(time = c(2, 2, 2, 2, 2, 2, 2, 2, 3, 3),
                                 status = c(1, 1, 1, 1, 1, 0, 0, 1, 0, 0),
                                 x = c(0.1, 0.9, -0.4, 1.3, 0.2, -1.1, 0.5, 0.7, -0.3, 0.8)), "alltied")

# perfect separation: x = 1 fails first (coefficient runs away); with z the fit runs out of iterations
separation <- write_data(data.frame(time = c(4, 5, 6, 1, 2, 3), status = 1, x = c(0, 0, 0, 1, 1, 1),
                                    z = c(1, 2, 3, 1, 2, 4)), "separation")

put("meta", "r_version", gsub(" ", "_", R.version.string))
put("meta", "survival_version", as.character(packageVersion("survival")))

# ---- Kaplan-Meier --------------------------------------------------------------------------
km_case <- function(case, fit, times) {
  s <- summary(fit, censored = TRUE)
  put(case, "strata", if (is.null(s$strata)) rep("all", length(s$time)) else as.character(s$strata))
  put(case, "time", s$time); put(case, "n_risk", s$n.risk); put(case, "n_event", s$n.event)
  put(case, "n_censor", s$n.censor); put(case, "surv", s$surv); put(case, "std_err", s$std.err)
  put(case, "lower", s$lower); put(case, "upper", s$upper)
  probs <- c(0.1, 0.25, 0.5, 0.75, 0.9)
  q <- quantile(fit, probs = probs, conf.int = TRUE)
  # matrices (strata x probs) flattened row by row: all probs of stratum 1, then stratum 2, ...
  flat_q <- function(m) if (is.matrix(m)) as.vector(t(m)) else as.vector(m)
  put(case, "q_probs", probs)
  put(case, "q_quantile", flat_q(q$quantile)); put(case, "q_lower", flat_q(q$lower))
  put(case, "q_upper", flat_q(q$upper))
  r <- summary(fit, times = times, extend = TRUE)
  put(case, "risk_times", times)
  put(case, "risk_strata", if (is.null(r$strata)) rep("all", length(r$time)) else as.character(r$strata))
  put(case, "risk_time", r$time); put(case, "risk_n_risk", r$n.risk); put(case, "risk_surv", r$surv)
}
tt <- c(0, 100, 200, 365, 500, 1000)
for (ct in c("plain", "log", "log-log", "logit", "arcsin"))
  km_case(paste0("km_lung_", ct), survfit(Surv(time, status) ~ 1, lung, conf.type = ct), tt)
km_case("km_lung_sex_log", survfit(Surv(time, status) ~ sex, lung), tt)
# Greenwood with weighted counts: R's default for case weights is the infinitesimal jackknife, so ask for robust = FALSE.
km_case("km_lung_weighted_log", survfit(Surv(time, status) ~ 1, lung, weights = w, robust = FALSE), tt)
# R's default for non-integer case weights: the infinitesimal jackknife variance.
km_case("km_lung_weightedij_log", survfit(Surv(time, status) ~ 1, lung, weights = w), tt)
km_case("km_heart_weightedij_plain", survfit(Surv(start, stop, event) ~ 1, heart, weights = w, conf.type = "plain"), c(0, 10, 50, 100, 500))
km_case("km_heart_log", survfit(Surv(start, stop, event) ~ 1, heart), c(0, 10, 50, 100, 500))
km_case("km_ovarian_rx_log-log", survfit(Surv(futime, fustat) ~ rx, ovarian, conf.type = "log-log"), c(0, 100, 500))
km_case("km_flat_log", survfit(Surv(time, status) ~ 1, flat), c(0, 3, 10))
km_case("km_ties_log", survfit(Surv(time, status) ~ 1, ties), c(0, 1, 3, 7))

# ---- log-rank / G-rho ----------------------------------------------------------------------
lr_case <- function(case, sd) {
  obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
  ex <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  df <- sum(ex > 0) - 1
  put(case, "groups", names(sd$n)); put(case, "n", as.vector(sd$n))
  put(case, "observed", obs); put(case, "expected", ex); put(case, "variance", as.vector(sd$var))
  put(case, "chisq", sd$chisq); put(case, "df", df); put(case, "p", pchisq(sd$chisq, df, lower.tail = FALSE))
}
lr_case("lr_lung_sex_rho0", survdiff(Surv(time, status) ~ sex, lung))
lr_case("lr_lung_sex_rho1", survdiff(Surv(time, status) ~ sex, lung, rho = 1))
lr_case("lr_veteran_celltype_rho0", survdiff(Surv(time, status) ~ celltype, veteran))
lr_case("lr_veteran_celltype_rho0.5", survdiff(Surv(time, status) ~ celltype, veteran, rho = 0.5))
lr_case("lr_veteran_trt_strata_rho0", survdiff(Surv(time, status) ~ trt + strata(celltype), veteran))
lr_case("lr_veteran_trt_strata_rho1", survdiff(Surv(time, status) ~ trt + strata(celltype), veteran, rho = 1))
lr_case("lr_ties_g_rho0", survdiff(Surv(time, status) ~ g, ties))

# ---- restricted mean survival time (print.survfit / survmean convention) -------------------
rmst_case <- function(case, fit, tau) {
  tb <- summary(fit, rmean = tau)$table
  if (!is.matrix(tb)) tb <- t(as.matrix(tb))
  r <- tb[, "rmean"]; se <- tb[, "se(rmean)"]
  put(case, "tau", tau); put(case, "rmst", r); put(case, "se", se)
  if (length(r) == 2) {
    z <- qnorm(0.975)
    d <- r[2] - r[1]; dse <- sqrt(se[1]^2 + se[2]^2)
    put(case, "diff", d); put(case, "diff_se", dse)
    put(case, "diff_lower", d - z * dse); put(case, "diff_upper", d + z * dse)
    lr <- log(r[2] / r[1]); lse <- sqrt((se[1] / r[1])^2 + (se[2] / r[2])^2)
    put(case, "ratio", r[2] / r[1]); put(case, "log_ratio_se", lse)
    put(case, "ratio_lower", exp(lr - z * lse)); put(case, "ratio_upper", exp(lr + z * lse))
  }
}
rmst_case("rmst_lung_365", survfit(Surv(time, status) ~ 1, lung), 365)
rmst_case("rmst_lung_sex_365", survfit(Surv(time, status) ~ sex, lung), 365)
rmst_case("rmst_ovarian_rx_600", survfit(Surv(futime, fustat) ~ rx, ovarian), 600)
rmst_case("rmst_ties_4.5", survfit(Surv(time, status) ~ 1, ties), 4.5)
rmst_case("rmst_lung_weighted_500", survfit(Surv(time, status) ~ 1, lung, weights = w, robust = FALSE), 500)

# ---- Cox proportional hazards --------------------------------------------------------------
cox_case <- function(case, fit, zph = TRUE) {
  b <- coef(fit)
  robust <- !is.null(fit$naive.var)
  nv <- if (robust) fit$naive.var else fit$var
  put(case, "terms", names(b)); put(case, "coef", b); put(case, "se", sqrt(diag(nv)))
  put(case, "robust_se", if (robust) sqrt(diag(fit$var)) else rep(NA, length(b)))
  put(case, "loglik_null", fit$loglik[1]); put(case, "loglik", fit$loglik[2])
  put(case, "iterations", fit$iter); put(case, "n", fit$n); put(case, "events", fit$nevent)
  lr <- 2 * (fit$loglik[2] - fit$loglik[1]); p <- length(b)
  put(case, "lr", lr); put(case, "lr_p", pchisq(lr, p, lower.tail = FALSE))
  wald <- drop(t(b) %*% solve(nv, b))
  put(case, "wald", wald); put(case, "wald_p", pchisq(wald, p, lower.tail = FALSE))
  if (robust) put(case, "wald_robust", drop(t(b) %*% solve(fit$var, b)))
  if (robust) put(case, "score_robust", fit$rscore)
  put(case, "score", fit$score); put(case, "score_p", pchisq(fit$score, p, lower.tail = FALSE))
  put(case, "df", p)
  if (zph) {
    z <- cox.zph(fit, transform = "km")
    put(case, "zph_terms", rownames(z$table)); put(case, "zph_chisq", z$table[, "chisq"])
    put(case, "zph_df", z$table[, "df"]); put(case, "zph_p", z$table[, "p"])
  }
}
lungc <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph_ecog", "inst")]), ]
cox_case("cox_lung_efron", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, ties = "efron"))
cox_case("cox_lung_breslow", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, ties = "breslow"))
cox_case("cox_lung_strata_efron", coxph(Surv(time, status) ~ age + ph_ecog + strata(sex), lungc))
cox_case("cox_lung_weighted_efron", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, weights = w, robust = FALSE))
# R's default with non-integer case weights is the robust variance
cox_case("cox_lung_weighteddefault_efron", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, weights = w))
cox_case("cox_lung_cluster_efron", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, cluster = inst))
cox_case("cox_lung_robust_breslow", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, ties = "breslow", robust = TRUE))
cox_case("cox_heart_efron", coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart, cluster = id))
cox_case("cox_heart_strata_weighted_efron", coxph(Surv(start, stop, event) ~ age + year + transplant + strata(surgery), heart, weights = w))
cox_case("cox_heart_strata_weighted_breslow", coxph(Surv(start, stop, event) ~ age + year + transplant + strata(surgery), heart, weights = w, ties = "breslow"))
cox_case("cox_heart_breslow", coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart, ties = "breslow"))
colonc <- colon[!is.na(colon$nodes), ]
cox_case("cox_colon_efron", coxph(Surv(time, status) ~ factor(rx) + age + nodes + sex, colonc))
cox_case("cox_veteran_efron", coxph(Surv(time, status) ~ trt + karno + age + factor(celltype), veteran))
cox_case("cox_ovarian_breslow", coxph(Surv(futime, fustat) ~ age + ecog_ps + rx, ovarian, ties = "breslow"))
cox_case("cox_ties_efron", coxph(Surv(time, status) ~ x + g, ties))
cox_case("cox_separation_efron", suppressWarnings(coxph(Surv(time, status) ~ x, separation)), zph = FALSE)
cox_case("cox_noconverge_efron", suppressWarnings(coxph(Surv(time, status) ~ x + z, separation)), zph = FALSE)
cox_case("cox_alltied_efron", coxph(Surv(time, status) ~ x, alltied), zph = FALSE)
cox_case("cox_alltied_breslow", coxph(Surv(time, status) ~ x, alltied, ties = "breslow"), zph = FALSE)

# ---- tail probabilities used internally (normal quantile and distribution, chi-square upper tail) ----
pq <- c(0.975, 0.995, 0.5 + 1e-9, 1e-10, 1e-300, 0.3, 0.9999999)
put("dist", "qnorm_p", pq); put("dist", "qnorm", qnorm(pq))
zx <- c(-38, -10, -1.959963984540054, 0, 0.5, 3, 8.5)
put("dist", "pnorm_x", zx); put("dist", "pnorm", pnorm(zx))
cx <- c(0.001, 0.5, 3.84, 10, 87.79, 250, 0.02, 40)
cd <- c(1, 1, 1, 2, 5, 3, 7, 30)
put("dist", "pchisq_x", cx); put("dist", "pchisq_df", cd); put("dist", "pchisq_upper", pchisq(cx, cd, lower.tail = FALSE))

out <- do.call(rbind, rows)
write.table(out, "reference.csv", sep = ",", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "reference rows\n")
