# Reference values for the generic survival estimators of issue 10 (items 1-5): Nelson-Aalen and
# Fleming-Harrington curves, the weighted log-rank family with trend, competing risks, the completed Cox
# model, cox.zph transforms, timefix, Kaplan-Meier quantiles on flat stretches.
# Run from this directory: Rscript make_fixtures_estimators.R   (writes estimators_reference.csv, pbc.csv,
# mgus2.csv; reads lung.csv, veteran.csv, colon.csv, heart.csv and ties.csv written by make_fixtures.R).
# Checked with R 4.2.2, survival 3.5.3, cmprsk 2.2.11 (versions recorded in the "meta" rows).
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
heart0 <- read.csv("heart.csv")
na_case("na_heart_fh", survfit(Surv(start, stop, event) ~ 1, heart0, stype = 2), 500)

# number at risk with cumulative events and censorings at chosen times (KMunicate risk table)
rt <- summary(survfit(Surv(time, status) ~ sex, lung), times = c(0, 100, 200, 365, 500, 1000), extend = TRUE)
put("risk_lung_sex", "times", c(0, 100, 200, 365, 500, 1000)); put("risk_lung_sex", "n_risk", rt$n.risk)
put("risk_lung_sex", "cum_events", unlist(tapply(rt$n.event, rt$strata, cumsum)))
put("risk_lung_sex", "cum_censored", unlist(tapply(rt$n.censor, rt$strata, cumsum)))

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

# ---- 2. weighted log-rank family, stratified, k groups, trend ------------------------------
# Explicit formulas (Klein & Moeschberger 2003, 7.3): at each event time of a stratum, pooled n and d,
# group counts n_g, d_g, and weight w; U = sum w (d_g - n_g d/n), V = sum w^2 d (n-d)/(n-1) (n_g/n)(I - n_h/n).
# S(t-) is the pooled Kaplan-Meier of the stratum, Peto's S~(t) = prod_{t_i <= t} (1 - d_i/(n_i + 1)).
wlr <- function(time, status, group, strata = NULL, weight, rho = 0, gamma = 0) {
  g <- factor(group); k <- nlevels(g)
  if (is.null(strata)) strata <- rep(1, length(time))
  U <- rep(0, k); V <- matrix(0, k, k); O <- rep(0, k); E <- rep(0, k)
  for (s in unique(strata)) {
    i <- strata == s
    ts <- sort(unique(time[i & status == 1]))
    km <- 1; peto <- 1
    for (t in ts) {
      atrisk <- i & time >= t
      n <- sum(atrisk); d <- sum(i & time == t & status == 1)
      ng <- as.vector(table(g[atrisk])); dg <- as.vector(table(g[i & time == t & status == 1]))
      peto <- peto * (1 - d / (n + 1))
      w <- switch(weight, logrank = 1, fh = km^rho * (1 - km)^gamma, wilcoxon = n, `tarone-ware` = sqrt(n),
                  peto = peto, `modified-peto` = peto * n / (n + 1))
      O <- O + w * dg; E <- E + w * ng * d / n
      if (n > 1) V <- V + w^2 * d * (n - d) / (n - 1) * (diag(ng / n) - outer(ng, ng) / n^2)
      km <- km * (1 - d / n)
    }
  }
  U <- O - E
  use <- which(E > 0)[-1]
  chisq <- drop(t(U[use]) %*% solve(V[use, use, drop = FALSE], U[use]))
  list(levels = levels(g), O = O, E = E, V = V, chisq = chisq, df = length(use))
}
wlr_case <- function(case, d, time, status, group, strata = NULL, weight, rho = 0, gamma = 0, scores = NULL) {
  r <- wlr(d[[time]], d[[status]], d[[group]], if (is.null(strata)) NULL else d[[strata]], weight, rho, gamma)
  put(case, "groups", r$levels); put(case, "observed", r$O); put(case, "expected", r$E)
  put(case, "variance", as.vector(r$V)); put(case, "chisq", r$chisq); put(case, "df", r$df)
  put(case, "p", pchisq(r$chisq, r$df, lower.tail = FALSE))
  a <- if (is.null(scores)) seq_along(r$levels) else scores
  U <- r$O - r$E
  z <- sum(a * U) / sqrt(drop(t(a) %*% r$V %*% a))
  put(case, "trend_scores", a); put(case, "trend_z", z); put(case, "trend_chisq", z^2)
  put(case, "trend_p", pchisq(z^2, 1, lower.tail = FALSE))
  # the explicit formulas reproduce survdiff wherever survdiff has the weight
  if (weight %in% c("logrank", "fh") && gamma == 0) {
    f <- as.formula(paste0("Surv(", time, ", ", status, ") ~ ", group,
                           if (is.null(strata)) "" else paste0(" + strata(", strata, ")")))
    sd <- survdiff(f, d, rho = if (weight == "logrank") 0 else rho)
    stopifnot(abs(sd$chisq - r$chisq) < 1e-10 * max(1, sd$chisq))
  }
}
for (w in c("logrank", "wilcoxon", "tarone-ware", "peto", "modified-peto"))
  wlr_case(paste0("wlr_veteran_celltype_", w), veteran, "time", "status", "celltype", weight = w)
wlr_case("wlr_veteran_celltype_fh_1_1", veteran, "time", "status", "celltype", weight = "fh", rho = 1, gamma = 1)
wlr_case("wlr_veteran_celltype_fh_0_1", veteran, "time", "status", "celltype", weight = "fh", rho = 0, gamma = 1)
wlr_case("wlr_veteran_celltype_fh_0.5_0", veteran, "time", "status", "celltype", weight = "fh", rho = 0.5, gamma = 0)
for (w in c("wilcoxon", "peto"))
  wlr_case(paste0("wlr_veteran_trt_strata_", w), veteran, "time", "status", "trt", strata = "celltype", weight = w)
wlr_case("wlr_lung_ecog_tarone-ware", lung[!is.na(lung$ph_ecog) & lung$ph_ecog < 3, ], "time", "status", "ph_ecog",
         weight = "tarone-ware")
wlr_case("wlr_lung_ecog_logrank_scores", lung[!is.na(lung$ph_ecog) & lung$ph_ecog < 3, ], "time", "status", "ph_ecog",
         weight = "logrank", scores = c(0, 1, 2))
wlr_case("wlr_pbc_stage_modified-peto", transform(pbc[!is.na(pbc$stage), ], dead = as.numeric(status == 2)),
         "time", "dead", "stage", weight = "modified-peto")
wlr_case("wlr_colon_rx_strata_fh_1_1", colon, "time", "status", "rx", strata = "sex", weight = "fh", rho = 1, gamma = 1)

# ---- 3. competing risks: Aalen-Johansen (survfit multi-state), Gray's test, cause-specific Cox ----
cr_case <- function(case, d, time, status, strata = NULL, labels, weights = NULL, entry = NULL) {
  d$ev <- factor(d[[status]], 0:length(labels), c("censor", labels))
  d$wt <- if (is.null(weights)) 1 else d[[weights]]
  d$rowid <- seq_len(nrow(d))
  y <- if (is.null(entry)) Surv(d[[time]], d$ev) else Surv(d[[entry]], d[[time]], d$ev)
  f <- if (is.null(strata)) survfit(y ~ 1, weights = d$wt, id = d$rowid) else survfit(y ~ d[[strata]], weights = d$wt, id = d$rowid)
  nstr <- if (is.null(f$strata)) length(f$time) else f$strata
  start <- cumsum(c(0, nstr))
  tt <- c(); est <- c(); se <- c(); lo <- c(); up <- c(); nr <- c(); ne <- c()
  for (s in seq_along(nstr)) {
    idx <- (start[s] + 1):start[s + 1]
    for (k in seq_along(labels)) {
      tt <- c(tt, f$time[idx]); est <- c(est, f$pstate[idx, k + 1]); se <- c(se, f$std.err[idx, k + 1])
      lo <- c(lo, f$lower[idx, k + 1]); up <- c(up, f$upper[idx, k + 1])
      nr <- c(nr, f$n.risk[idx, 1]); ne <- c(ne, f$n.event[idx, k + 1])
    }
  }
  put(case, "states", f$states); put(case, "time", tt); put(case, "n_risk", nr); put(case, "n_event", ne)
  put(case, "estimate", est); put(case, "std_err", se); put(case, "lower", lo); put(case, "upper", up)
  if (!is.null(strata) && is.null(weights) && is.null(entry)) {
    ci <- cuminc(d[[time]], d[[status]], d[[strata]], cencode = 0)
    put(case, "gray_stat", ci$Tests[, "stat"]); put(case, "gray_p", ci$Tests[, "pv"]); put(case, "gray_df", ci$Tests[, "df"])
  }
}
cr_case("cr_mgus2", mgus2, "etime", "event", labels = c("pcm", "death"))
# delayed entry: entry = 3 (age mod 7), rows with etime <= entry dropped
cr_case("cr_mgus2_sex_entry", transform(mgus2, entry = (age %% 7) * 3)[mgus2$etime > (mgus2$age %% 7) * 3, ], "etime", "event",
        strata = "sex", labels = c("pcm", "death"), entry = "entry")
cr_case("cr_mgus2_sex_weighted", transform(mgus2, w = 1 + (id %% 4) / 4), "etime", "event", strata = "sex",
        labels = c("pcm", "death"), weights = "w")
cr_case("cr_mgus2_sex", mgus2, "etime", "event", strata = "sex", labels = c("pcm", "death"))
cr_case("cr_pbc_trt", pbc[!is.na(pbc$trt), ], "time", "status", strata = "trt", labels = c("transplant", "death"))
# three groups, with tied times
cr_case("cr_pbc_stage", transform(pbc[!is.na(pbc$stage) & pbc$stage > 1, ], tm = round(time / 100)), "tm", "status",
        strata = "stage", labels = c("transplant", "death"))
# Gray's test with rho = 1, and stratified
gr <- cuminc(mgus2$etime, mgus2$event, mgus2$sex, rho = 1, cencode = 0)
put("gray_mgus2_sex_rho1", "stat", gr$Tests[, "stat"]); put("gray_mgus2_sex_rho1", "p", gr$Tests[, "pv"])
pt <- pbc[!is.na(pbc$trt), ]
gs <- cuminc(pt$time, pt$status, pt$trt, strata = pt$sex, cencode = 0)
put("gray_pbc_trt_strata_sex", "stat", gs$Tests[, "stat"]); put("gray_pbc_trt_strata_sex", "p", gs$Tests[, "pv"])
# cause-specific Cox: cause 1 (progression), other causes censored
cs <- coxph(Surv(etime, event == 1) ~ age + hgb, mgus2)
put("cs_mgus2_pcm", "coef", coef(cs)); put("cs_mgus2_pcm", "se", sqrt(diag(cs$var))); put("cs_mgus2_pcm", "loglik", cs$loglik)

# ---- 4. Cox completed: residuals, predicted curves, baseline hazard, concordance, AIC ----------
coxdiag_case <- function(case, fit, newdata, data = NULL, strata = NULL) {
  put(case, "coef", coef(fit)); put(case, "aic", AIC(fit)); put(case, "means", fit$means)
  for (type in c("martingale", "deviance", "score", "schoenfeld", "scaledsch", "dfbeta", "dfbetas")) {
    r <- residuals(fit, type = type)
    put(case, paste0("res_", type), as.vector(as.matrix(r)))   # column-major
    if (type == "schoenfeld") put(case, "res_schoenfeld_time", as.numeric(if (is.matrix(r)) rownames(r) else names(r)))
  }
  cc <- concordance(fit)
  if (!is.null(strata) && is.null(data$start)) {
    # In a stratified fit R's linear predictor separates two exactly tied pairs by rounding (1e-16), which moves
    # them from tied.x to concordant; the reference is concordance() on the predictor rounded to 10 digits.
    lp <- round(fit$linear.predictors, 10); st <- data[[strata]]
    cc <- concordance(Surv(data$time, data$status) ~ lp + strata(st), reverse = TRUE)
  }
  put(case, "concordance", cc$concordance); put(case, "concordance_se", sqrt(cc$var))
  cnt <- if (is.matrix(cc$count)) colSums(cc$count) else cc$count
  put(case, "concordance_count", cnt[1:4])
  sf <- survfit(fit, newdata = newdata)
  nstr <- if (is.null(sf$strata)) length(sf$time) else sf$strata
  start <- cumsum(c(0, nstr))
  m <- function(x) if (is.matrix(x)) x else matrix(x, ncol = 1)
  tt <- c(); ch <- c(); se <- c(); sv <- c(); lo <- c(); up <- c(); nr <- c()
  for (r in seq_len(nrow(newdata))) for (s in seq_along(nstr)) {
    idx <- (start[s] + 1):start[s + 1]
    tt <- c(tt, sf$time[idx]); nr <- c(nr, sf$n.risk[idx]); ch <- c(ch, m(sf$cumhaz)[idx, r])
    se <- c(se, m(sf$std.err)[idx, r]); sv <- c(sv, m(sf$surv)[idx, r])
    lo <- c(lo, m(sf$lower)[idx, r]); up <- c(up, m(sf$upper)[idx, r])
  }
  put(case, "pred_time", tt); put(case, "pred_n_risk", nr); put(case, "pred_cumhaz", ch); put(case, "pred_std_err", se)
  put(case, "pred_surv", sv); put(case, "pred_lower", lo); put(case, "pred_upper", up)
  put(case, "pred_newdata", as.vector(as.matrix(newdata)))
  b <- basehaz(fit, centered = TRUE); put(case, "basehaz_centered", b$hazard)
  b0 <- basehaz(fit, centered = FALSE); put(case, "basehaz_zero", b0$hazard)
}
lungc <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph_ecog")]), ]
nd <- data.frame(age = c(60, 70), sex = c(1, 2), ph_ecog = c(0, 2))
coxdiag_case("coxdiag_lung_efron", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc), nd)
coxdiag_case("coxdiag_lung_breslow", coxph(Surv(time, status) ~ age + sex + ph_ecog, lungc, ties = "breslow"), nd)
coxdiag_case("coxdiag_lung_strata", coxph(Surv(time, status) ~ age + ph_ecog + strata(sex), lungc), nd[, c("age", "ph_ecog")],
             data = lungc, strata = "sex")
# counting-process data, strata and non-integer case weights (robust variance by R's default)
heartw <- read.csv("heart.csv")
coxdiag_case("coxdiag_heart_weighted", coxph(Surv(start, stop, event) ~ age + year + transplant + strata(surgery), heartw, weights = w),
             data.frame(age = c(-10, 5), year = c(2, 4), transplant = c(0, 1)))
coxdiag_case("coxdiag_heart_efron", coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heartw),
             data.frame(age = c(-10, 5), year = c(2, 4), surgery = c(0, 1), transplant = c(0, 1)))
ties <- read.csv("ties.csv")
coxdiag_case("coxdiag_ties_efron", coxph(Surv(time, status) ~ x + g, ties), data.frame(x = c(0, 1), g = c(1, 2)))

# ---- 4. cox.zph with the km, rank, identity and log transforms --------------------------------
heart <- read.csv("heart.csv")
# the Cox cases of make_fixtures.R: lung complete on inst as well
lungi <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph_ecog", "inst")]), ]
zph_fits <- list(
  cox_lung_efron = coxph(Surv(time, status) ~ age + sex + ph_ecog, lungi),
  cox_lung_strata_efron = coxph(Surv(time, status) ~ age + ph_ecog + strata(sex), lungi),
  cox_heart_efron = coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart, cluster = id),
  cox_veteran_efron = coxph(Surv(time, status) ~ trt + karno + age + factor(celltype), veteran),
  cox_colon_efron = coxph(Surv(time, status) ~ factor(rx) + age + nodes + sex, colon[!is.na(colon$nodes), ]))
for (nm in names(zph_fits)) for (tr in c("km", "rank", "identity", "log")) {
  z <- cox.zph(zph_fits[[nm]], transform = tr)
  case <- paste0("zph_", nm, "_", tr)
  put(case, "terms", rownames(z$table)); put(case, "chisq", z$table[, "chisq"])
  put(case, "df", z$table[, "df"]); put(case, "p", z$table[, "p"])
}

# ---- 4. timefix: nearly tied times merged as aeqSurv, on by default ---------------------------
nt <- data.frame(t = c(1, 1 + 1e-9, 2, 2, 3 * (1 + 2e-9), 3, 4, 5, 5 + 1e-7, 6),
                 s = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1), x = c(0.5, 1.2, -0.3, 0.8, 1.1, -1, 0.2, 0, 1.5, -0.7),
                 g = c(1, 2, 1, 2, 1, 2, 1, 2, 1, 2))
put("timefix", "time", nt$t); put("timefix", "status", nt$s); put("timefix", "x", nt$x); put("timefix", "g", nt$g)
for (fix in c(TRUE, FALSE)) {
  sfx <- if (fix) "on" else "off"
  f <- survfit(Surv(t, s) ~ 1, nt, timefix = fix)
  put("timefix", paste0("km_time_", sfx), f$time); put("timefix", paste0("km_surv_", sfx), f$surv)
  put("timefix", paste0("cox_coef_", sfx), coef(coxph(Surv(t, s) ~ x, nt, control = coxph.control(timefix = fix))))
  # survdiff(timefix = FALSE) fails in survival 3.5.3 (model.frame error), so "off" uses the explicit formulas
  # above, which compare times exactly; "on" is survdiff's default.
  put("timefix", paste0("logrank_chisq_", sfx),
      if (fix) survdiff(Surv(t, s) ~ g, nt)$chisq else wlr(nt$t, nt$s, nt$g, weight = "logrank")$chisq)
}

# ---- write ---------------------------------------------------------------------------------
out <- do.call(rbind, rows)
write.table(out, "estimators_reference.csv", sep = ",", row.names = FALSE, quote = FALSE)
cat("wrote", nrow(out), "reference rows\n")
