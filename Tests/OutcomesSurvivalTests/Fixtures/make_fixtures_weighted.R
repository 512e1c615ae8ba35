# Reference values for IPT-weighted survival fits (issue 13's generic part):
#   coxph(Surv(time, status) ~ treat, weights = w, robust = TRUE)        weighted Cox, sandwich variance
#   survfit(Surv(time, status) ~ treat, weights = w)                       weighted Kaplan-Meier
#   survreg(Surv(left, right, type = "interval2") ~ treat, weights = w,
#           dist = "weibull") with the weighted sandwich (see below)      weighted interval-censored Weibull
# The weights are stabilized ATE weights from glm(treat ~ x1 + x2 + site, binomial), written into the data file
# so the survival tests need no propensity code. Run: Rscript make_fixtures_weighted.R (in this folder).
suppressPackageStartupMessages(library(survival))
set.seed(20260413)
n <- 160
x1 <- round(rnorm(n, 50, 10), 1)
x2 <- rbinom(n, 1, 0.4)
site <- sample(c("a", "b", "c"), n, replace = TRUE)
treat <- rbinom(n, 1, plogis(-2 + 0.03 * x1 + 0.8 * x2 + 0.3 * (site == "b")))
rate <- 0.01 * exp(-0.7 * treat + 0.5 * x2 + 0.02 * (x1 - 50))
t_true <- rexp(n, rate)
cens <- runif(n, 20, 250)
time <- round(pmin(t_true, cens), 1) + 0.5
status <- as.integer(t_true <= cens)
# Interval form: visits every 14 to 42 days; relapse in (last visit before, first visit after].
left <- numeric(n); right <- rep(NA_real_, n)
for (i in 1:n) {
  v <- cumsum(sample(14:42, 20, replace = TRUE))
  v <- v[v <= cens[i]]
  before <- v[v < t_true[i]]; after <- v[v >= t_true[i]]
  left[i] <- if (length(before)) max(before) else 0
  if (length(after)) right[i] <- min(after) else left[i] <- if (length(v)) max(v) else 1
  if (left[i] == 0 && is.na(right[i])) left[i] <- 1
}
ps <- fitted(glm(treat ~ x1 + x2 + site, family = binomial))
p1 <- mean(treat)
w <- ifelse(treat == 1, p1 / ps, (1 - p1) / (1 - ps))
d <- data.frame(time, status, treat, w = sprintf("%.17g", w), left, right = ifelse(is.na(right), "", right))
write.csv(d, "weighted_strategy.csv", row.names = FALSE, quote = FALSE)
w <- as.numeric(d$w)

fmt <- function(x) paste(sprintf("%.17g", x), collapse = " ")
out <- c("case,quantity,values")
add <- function(case, q, x) out <<- c(out, paste0(case, ",", q, ",", fmt(x)))

cx <- coxph(Surv(time, status) ~ treat, weights = w, robust = TRUE, ties = "efron")
s <- summary(cx)
add("cox", "coef", coef(cx))
add("cox", "robust_se", sqrt(diag(cx$var)))
add("cox", "naive_se", sqrt(diag(cx$naive.var)))
add("cox", "hr_lower", s$conf.int[, "lower .95"])
add("cox", "hr_upper", s$conf.int[, "upper .95"])
add("cox", "p", s$coefficients[, "Pr(>|z|)"])

for (g in 0:1) {
  k <- survfit(Surv(time, status) ~ 1, weights = w, subset = treat == g)
  sm <- summary(k, times = c(84, 182), extend = TRUE)
  add(paste0("km", g), "surv_84_182", sm$surv)
  add(paste0("km", g), "rmst_182", summary(k, rmean = 182)$table[["rmean"]])
}

# survreg's own robust = TRUE (survival 3.5.3) leaves the weights out of the sandwich's middle (it returns
# V (sum s s') V, the same with and without weights), which is not the variance of the weighted estimating equation
# sum w s = 0. The reference is therefore the explicit sandwich V (sum w^2 s s') V, as coxph(robust = TRUE) and
# sandwich::sandwich use for weighted fits, with V = survreg's inverse information and s each row's score
# (central differences of its log-likelihood, step 1e-6); survreg's value is written too, for the record.
lw <- ifelse(left == 0, NA, left)
sr <- survreg(Surv(lw, right, type = "interval2") ~ treat, weights = w, dist = "weibull")
th <- c(coef(sr), log(sr$scale)); V <- sr$var
rowll <- function(th) {
  eta <- th[1] + th[2] * treat; s <- exp(th[3])
  Fw <- function(t) 1 - exp(-exp((log(t) - eta) / s))
  ifelse(is.na(right), log(1 - Fw(left)), ifelse(left == 0, log(Fw(right)), log(Fw(right) - Fw(left))))
}
S <- sapply(1:3, function(k) { e <- rep(0, 3); e[k] <- 1e-6; (rowll(th + e) - rowll(th - e)) / 2e-6 })
R <- V %*% crossprod(S * w) %*% V
add("survreg", "coef", coef(sr))
add("survreg", "scale", sr$scale)
add("survreg", "robust_var", as.vector(R))
add("survreg", "survreg_robust_true_var", as.vector(survreg(Surv(lw, right, type = "interval2") ~ treat, weights = w,
                                                            dist = "weibull", robust = TRUE)$var))
beta <- coef(sr)[["treat"]]; sc <- sr$scale
g <- c(0, -1 / sc, beta / sc)  # gradient of -beta/scale in (intercept, beta, log scale)
add("survreg", "log_hr", -beta / sc)
add("survreg", "log_hr_se", sqrt(drop(t(g) %*% R %*% g)))
writeLines(out, "weighted_reference.csv")
