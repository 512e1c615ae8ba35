# Reference values for Tests/OutcomesModelsTests (R >= 4.0, stats, sandwich, nlme, lme4, lmerTest).
# Run from this directory:  Rscript make_fixtures_models.R
# Writes models_data.csv (the data), and per case <case>_terms.csv and models_fit.csv (term and model values).
suppressPackageStartupMessages({ library(sandwich) })
set.seed(20261204)
n <- 240
d <- data.frame(
  id = rep(1:60, each = 4),
  clinic = rep(c("north", "south", "east", "west", "central", "harbor"), length.out = 240)[rep(1:60, each = 4)],
  age = round(rnorm(n, 45, 12), 1),
  sex = sample(c("F", "M"), n, replace = TRUE),
  race = sample(c("asian", "black", "white"), n, replace = TRUE, prob = c(.2, .3, .5)),
  dx = sample(1:3, n, replace = TRUE),
  week = rep(c(0, 2, 4, 8), 60),
  exposure = round(runif(n, 0.5, 3), 2),
  w = sample(c(1, 2, 3), n, replace = TRUE)
)
lp <- -2 + 0.03 * d$age + 0.5 * (d$sex == "M") - 0.4 * (d$race == "white") + 0.3 * (d$dx == 3)
d$resp <- rbinom(n, 1, plogis(lp))
d$visits <- rpois(n, d$exposure * exp(0.2 + 0.01 * d$age - 0.3 * (d$sex == "M")))
u0 <- rnorm(60, 0, 3); u1 <- rnorm(60, 0, 0.4)
d$score <- round(20 + u0[d$id] + (-0.8 + u1[d$id]) * d$week + 0.05 * d$age + 1.5 * (d$sex == "M") + rnorm(n, 0, 2), 2)
d$age2 <- 2 * d$age                     # aliased with age
d$single <- "only"                      # single-level factor
# quasi-complete separation: every dx == 1 row responds
d$sep <- ifelse(d$dx == 1, 1, d$resp)
# missing values left out by na.omit
d$age[c(5, 77)] <- NA
d$race[130] <- NA
write.csv(d, "models_data.csv", row.names = FALSE, na = "NA")

d <- read.csv("models_data.csv")
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
models <- list()
put_terms <- function(case, fit, robust = NULL, cl = NULL) {
  cf <- coef(fit)
  se <- rep(NA_real_, length(cf)); names(se) <- names(cf)
  s <- summary(fit)$coefficients
  se[rownames(s)] <- s[, 2]
  out <- data.frame(term = names(cf), coef = fmt(cf), se = fmt(se))
  if (!is.null(robust)) { r <- rep(NA_real_, length(cf)); names(r) <- names(cf); r[colnames(robust)] <- sqrt(diag(robust)); out$hc0_se <- fmt(r) }
  if (!is.null(cl)) { r <- rep(NA_real_, length(cf)); names(r) <- names(cf); r[colnames(cl)] <- sqrt(diag(cl)); out$cl_se <- fmt(r) }
  write.csv(out, paste0(case, "_terms.csv"), row.names = FALSE, quote = FALSE)
}
put_model <- function(case, fit) {
  models[[length(models) + 1]] <<- data.frame(case = case,
    key = c("deviance", "null_deviance", "loglik", "aic", "df_residual", "df_null", "iterations", "n"),
    value = fmt(c(deviance(fit), fit$null.deviance, as.numeric(logLik(fit)), AIC(fit), fit$df.residual, fit$df.null, fit$iter, nobs(fit))))
}

# 1. Binomial: categorical with treatment contrasts, reference race = white, factor(dx), an interaction, HC0 and vcovCL.
d1 <- d; d1$race <- relevel(factor(d1$race), ref = "white")
f1 <- glm(resp ~ age + sex + race + factor(dx) + age:sex, family = binomial, data = d1)
put_terms("glm_binomial", f1, vcovHC(f1, type = "HC0"), vcovCL(f1, cluster = ~clinic))
put_model("glm_binomial", f1)

# 2. Poisson with an offset and prior weights; a crossing race*sex.
f2 <- glm(visits ~ age + race * sex + offset(log(exposure)), family = poisson, weights = w, data = d)
put_terms("glm_poisson", f2, vcovHC(f2, type = "HC0"))
put_model("glm_poisson", f2)

# 3. Rank-deficient: age2 = 2 age is aliased (NA).
f3 <- glm(resp ~ age + age2 + sex, family = binomial, data = d)
put_terms("glm_aliased", f3)
put_model("glm_aliased", f3)

# 4. Quasi-complete separation (warning: fitted probabilities numerically 0 or 1 occurred).
f4 <- withCallingHandlers(glm(sep ~ age + factor(dx), family = binomial, data = d),
                          warning = function(w) { message("case glm_separated warns: ", conditionMessage(w)); invokeRestart("muffleWarning") })
put_terms("glm_separated", f4)
put_model("glm_separated", f4)

write.csv(do.call(rbind, models), "models_fit.csv", row.names = FALSE, quote = FALSE)

# ---- Linear mixed models ----------------------------------------------------------------------------------
suppressPackageStartupMessages({ library(nlme); library(lme4); library(lmerTest) })
l <- d[!is.na(d$age), c("id", "score", "age", "sex", "week")]
l$arm <- ifelse(l$id %% 2 == 0, "active", "control")    # constant within a patient (between-patient term)
l <- l[!(l$id == 60 & l$week > 0), ]                      # patient 60 has a single observation
write.csv(l, "lmm_data.csv", row.names = FALSE)
l <- read.csv("lmm_data.csv")
tight_lmer <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-13, maxfun = 1e5), calc.derivs = FALSE)
tight_lme <- lmeControl(maxIter = 500, msMaxIter = 500, tolerance = 1e-13, msTol = 1e-15, niterEM = 100)
lmm_case <- function(case, reml) {
  f_lme <- lme(score ~ age + sex + arm + week, random = ~ 1 + week | id, data = l, method = if (reml) "REML" else "ML", control = tight_lme)
  f_lmer <- lmerTest::lmer(score ~ age + sex + arm + week + (1 + week | id), data = l, REML = reml, control = tight_lmer)
  tt <- summary(f_lme)$tTable
  st <- summary(f_lmer)$coefficients
  out <- data.frame(term = rownames(tt), coef = fmt(fixef(f_lmer)), se = fmt(st[, "Std. Error"]),
                    coef_nlme = fmt(tt[, "Value"]), se_nlme = fmt(tt[, "Std.Error"]), df = fmt(tt[, "DF"]), df_satterthwaite = fmt(st[, "df"]))
  write.csv(out, paste0(case, "_terms.csv"), row.names = FALSE, quote = FALSE)
  vc <- as.data.frame(VarCorr(f_lmer))
  models[[length(models) + 1]] <<- data.frame(case = case,
    key = c("loglik", "aic", "bic", "sigma", "var_intercept", "var_week", "corr", "loglik_nlme", "n", "groups"),
    value = fmt(c(as.numeric(logLik(f_lmer)), AIC(f_lmer), BIC(f_lmer), sigma(f_lmer), vc$vcov[1], vc$vcov[2], vc$sdcor[3],
                  as.numeric(logLik(f_lme)), nobs(f_lmer), ngrps(f_lmer))))
}
lmm_case("lmm_reml", TRUE)
lmm_case("lmm_ml", FALSE)

# ---- MMRM as a marginal GLS model (the mmrm package is not installable here; issue 11 allows nlme::gls) ----
# us = corSymm + varIdent; ar1 = corAR1 on the visit index (homogeneous variance); cs = corCompSymm.
m <- l
m$visit <- factor(m$week, levels = c(0, 2, 4, 8))
m$vi <- as.integer(m$visit)
# optim (BFGS) reaches the optimum more closely than the default nlminb here (log-likelihood higher by 3e-8).
tight_gls <- glsControl(maxIter = 500, msMaxIter = 5000, tolerance = 1e-14, msTol = 1e-16, opt = "optim", optimMethod = "BFGS")
mmrm_case <- function(case, cor, wts, reml) {
  f <- gls(score ~ age + sex + arm * visit, data = m, correlation = cor, weights = wts,
           method = if (reml) "REML" else "ML", control = tight_gls)
  tt <- summary(f)$tTable
  out <- data.frame(term = sub("^visit", "week", rownames(tt)), coef = fmt(tt[, "Value"]), se = fmt(tt[, "Std.Error"]))
  out$term <- gsub(":visit", ":week", out$term)
  write.csv(out, paste0(case, "_terms.csv"), row.names = FALSE, quote = FALSE)
  V <- getVarCov(f, individual = "1")         # subject 1 has all four visits
  models[[length(models) + 1]] <<- data.frame(case = case, key = c("loglik", "aic", "n", paste0("cov_", 1:16)),
    value = fmt(c(as.numeric(logLik(f)), AIC(f), nobs(f), as.vector(V))))
  # Least-squares means on emmeans' reference grid: age at its mean, sex levels weighted equally.
  grid <- expand.grid(visit = levels(m$visit), arm = sort(unique(m$arm)), sex = sort(unique(m$sex)))
  grid$age <- mean(m$age); grid$visit <- factor(grid$visit, levels = levels(m$visit))
  X <- model.matrix(~ age + sex + arm * visit, grid)
  by_arm <- aggregate(X, by = list(visit = grid$visit, arm = grid$arm), FUN = mean)
  by_visit <- aggregate(X, by = list(visit = grid$visit), FUN = mean)
  lsm <- function(L, labels) {
    L <- as.matrix(L)
    data.frame(labels, estimate = fmt(drop(L %*% coef(f))), se = fmt(sqrt(diag(L %*% vcov(f) %*% t(L)))))
  }
  write.csv(rbind(lsm(by_arm[, -(1:2)], data.frame(visit = by_arm$visit, arm = by_arm$arm)),
                  lsm(by_visit[, -1], data.frame(visit = by_visit$visit, arm = ""))),
            paste0(case, "_lsmeans.csv"), row.names = FALSE, quote = FALSE)
}
mmrm_case("mmrm_us_reml", corSymm(form = ~ vi | id), varIdent(form = ~ 1 | visit), TRUE)
mmrm_case("mmrm_us_ml", corSymm(form = ~ vi | id), varIdent(form = ~ 1 | visit), FALSE)
mmrm_case("mmrm_ar1_reml", corAR1(form = ~ vi | id), NULL, TRUE)
mmrm_case("mmrm_cs_reml", corCompSymm(form = ~ 1 | id), NULL, TRUE)


# ---- Propensity weighting (issue 13's generic part; WeightIt and cobalt are not installable, so explicit formulas) ----
# Treatment: sex (M, the second sorted level, treated); covariates age + race + exposure; rows with NA left out.
pw <- d[complete.cases(d[, c("sex", "age", "race", "exposure")]), ]
pw$row <- as.integer(rownames(pw))                       # the input's data-row number, from 1
tr <- pw$sex == "M"
ps <- fitted(glm(tr ~ age + race + exposure, family = binomial, data = pw))
wmean <- function(x, w) sum(w * x) / sum(w)
wvar <- function(x, w) { m <- wmean(x, w); sum(w * (x - m)^2) * sum(w) / (sum(w)^2 - sum(w^2)) }   # unbiased weighted
bin_var <- function(x, w) { p <- wmean(x, w); p * (1 - p) }                                        # cobalt, binary
weights_case <- function(case, w) {
  write.csv(data.frame(row = pw$row, ps = fmt(ps), weight = fmt(w)), paste0(case, "_weights.csv"), row.names = FALSE, quote = FALSE)
  X <- cbind(age = pw$age, raceasian = 1 * (pw$race == "asian"), raceblack = 1 * (pw$race == "black"),
             racewhite = 1 * (pw$race == "white"), exposure = pw$exposure)
  rows <- lapply(colnames(X), function(v) {
    x <- X[, v]; binary <- all(x %in% c(0, 1)); V <- if (binary) bin_var else wvar
    one <- rep(1, length(x))
    pooled <- sqrt((V(x[tr], one[tr]) + V(x[!tr], one[!tr])) / 2)
    data.frame(covariate = v,
               smd_before = fmt((wmean(x[tr], one[tr]) - wmean(x[!tr], one[!tr])) / pooled),
               smd_after = fmt((wmean(x[tr], w[tr]) - wmean(x[!tr], w[!tr])) / pooled),
               variance_ratio_before = if (binary) "NA" else fmt(wvar(x[tr], one[tr]) / wvar(x[!tr], one[!tr])),
               variance_ratio_after = if (binary) "NA" else fmt(wvar(x[tr], w[tr]) / wvar(x[!tr], w[!tr])))
  })
  write.csv(do.call(rbind, rows), paste0(case, "_balance.csv"), row.names = FALSE, quote = FALSE)
  ess <- function(w) sum(w)^2 / sum(w^2)
  models[[length(models) + 1]] <<- data.frame(case = case, key = c("ess_control", "ess_treated", "n_control", "n_treated"),
    value = fmt(c(ess(w[!tr]), ess(w[tr]), sum(!tr), sum(tr))))
}
# ATE, stabilized, truncated above the 95th percentile (type-7 quantile, as WeightIt::trim(at = 0.95)).
w_ate <- ifelse(tr, mean(tr) / ps, mean(!tr) / (1 - ps))
w_ate <- pmin(w_ate, quantile(w_ate, 0.95))
weights_case("weights_ate", w_ate)
# ATT: treated 1, controls e / (1 - e).
weights_case("weights_att", ifelse(tr, 1, ps / (1 - ps)))

write.csv(do.call(rbind, models), "models_fit.csv", row.names = FALSE, quote = FALSE)
