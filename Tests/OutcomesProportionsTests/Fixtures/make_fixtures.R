# Reference values for OutcomesProportions, computed with R (stats, metafor).
# Run from this directory: Rscript make_fixtures.R
# All numbers are written with 17 significant digits ("inf" for infinity, "NaN" when undefined).
suppressWarnings(suppressMessages(library(metafor)))
fmt <- function(v) ifelse(is.na(v), "NaN", ifelse(is.infinite(v), ifelse(v > 0, "inf", "-inf"), sprintf("%.17g", v)))
write_table <- function(df, file) {
  for (name in names(df)) if (is.numeric(df[[name]])) df[[name]] <- fmt(df[[name]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
counts <- list()
for (n in c(1, 5, 50, 400, 10000)) for (k in unique(c(0, 1, floor(n / 2), n - 1, n))) counts[[length(counts) + 1]] <- c(k, n)
counts[[length(counts) + 1]] <- c(42, 50)
counts[[length(counts) + 1]] <- c(8500, 10000)

# One proportion: intervals by five methods at three levels.
rows <- list()
for (kn in counts) for (level in c(0.8, 0.95, 0.99)) {
  k <- kn[1]; n <- kn[2]; alpha <- 1 - level; z <- qnorm(1 - alpha / 2)
  w <- suppressWarnings(prop.test(k, n, correct = FALSE, conf.level = level)$conf.int)
  e <- binom.test(k, n, conf.level = level)$conf.int
  j <- c(if (k == 0) 0 else qbeta(alpha / 2, k + 0.5, n - k + 0.5),
         if (k == n) 1 else qbeta(alpha / 2, k + 0.5, n - k + 0.5, lower.tail = FALSE))
  nt <- n + z^2; pt <- (k + z^2 / 2) / nt; h <- z * sqrt(pt * (1 - pt) / nt)
  ac <- c(max(0, pt - h), min(1, pt + h))
  # mid-p: limits where P(X > k) + P(X = k)/2 (lower) or P(X < k) + P(X = k)/2 (upper) equal alpha/2.
  mlo <- if (k == 0) 0 else uniroot(function(p) pbinom(k, n, p, lower.tail = FALSE) + dbinom(k, n, p) / 2 - alpha / 2,
                                    c(0, 1), tol = 1e-15)$root
  mup <- if (k == n) 1 else uniroot(function(p) pbinom(k - 1, n, p) + dbinom(k, n, p) / 2 - alpha / 2,
                                    c(0, 1), tol = 1e-15)$root
  for (m in list(list("wilson", w), list("exact", e), list("jeffreys", j), list("agresti-coull", ac), list("midp", c(mlo, mup))))
    rows[[length(rows) + 1]] <- data.frame(successes = k, trials = n, level = level, method = m[[1]],
                                           lower = m[[2]][1], upper = m[[2]][2])
}
write_table(do.call(rbind, rows), "one_proportion.csv")

# Exact binomial test (binom.test) p-values.
rows <- list()
for (kn in counts) for (claim in c(0, 0.05, 0.3, 0.5, 0.85, 0.999, 1)) for (alt in c("two.sided", "less", "greater")) {
  rows[[length(rows) + 1]] <- data.frame(successes = kn[1], trials = kn[2], claim = claim, alternative = alt,
                                         p_value = binom.test(kn[1], kn[2], claim, alternative = alt)$p.value)
}
# A seeded random grid of counts and claims.
set.seed(20261125)
for (i in 1:400) {
  n <- sample(c(1:80, 150, 999, 5000), 1); k <- sample(0:n, 1); claim <- round(runif(1), 3)
  alt <- sample(c("two.sided", "less", "greater"), 1)
  rows[[length(rows) + 1]] <- data.frame(successes = k, trials = n, claim = claim, alternative = alt,
                                         p_value = binom.test(k, n, claim, alternative = alt)$p.value)
}
write_table(do.call(rbind, rows), "binomial_test.csv")

# Two proportions: Newcombe method 10 (from prop.test Wilson limits), Pearson chi-square (prop.test correct=FALSE),
# Fisher's exact test. fisher.test finds its estimate and limits with uniroot at its default tolerance (about 1e-4),
# so the same conditional equations are also solved here on the log odds-ratio scale with tol = 1e-13.
dnhyper <- function(theta, m, n, k) {
  support <- max(0, k - n):min(k, m)
  d <- dhyper(support, m, n, k, log = TRUE) + theta * support
  d <- exp(d - max(d)); list(support = support, p = d / sum(d))
}
solve_theta <- function(f) uniroot(f, c(-1, 1), extendInt = "yes", tol = 1e-13, maxiter = 10000)$root
tight_fisher <- function(x, m, n, k, alpha) {
  lo <- max(0, k - n); hi <- min(k, m)
  mle <- if (x == lo) 0 else if (x == hi) Inf else
    exp(solve_theta(function(t) { d <- dnhyper(t, m, n, k); sum(d$support * d$p) - x }))
  lower <- if (x == lo) 0 else exp(solve_theta(function(t) { d <- dnhyper(t, m, n, k); sum(d$p[d$support >= x]) - alpha }))
  upper <- if (x == hi) Inf else exp(solve_theta(function(t) { d <- dnhyper(t, m, n, k); alpha - sum(d$p[d$support <= x]) }))
  c(mle, lower, upper)
}
pairs <- list(c(0, 1, 1, 1), c(3, 5, 1, 5), c(42, 50, 35, 50), c(340, 400, 320, 400), c(8500, 10000, 8410, 10000),
              c(0, 50, 5, 50), c(50, 50, 45, 50), c(7, 12, 7, 12), c(1, 400, 9, 10000), c(0, 5, 0, 7), c(12, 40, 30, 41))
rows <- list()
for (pr in pairs) for (level in c(0.9, 0.95)) {
  kA <- pr[1]; nA <- pr[2]; kB <- pr[3]; nB <- pr[4]
  wA <- suppressWarnings(prop.test(kA, nA, correct = FALSE, conf.level = level)$conf.int)
  wB <- suppressWarnings(prop.test(kB, nB, correct = FALSE, conf.level = level)$conf.int)
  pA <- kA / nA; pB <- kB / nB; d <- pA - pB
  nlo <- d - sqrt((pA - wA[1])^2 + (wB[2] - pB)^2)
  nup <- d + sqrt((wA[2] - pA)^2 + (pB - wB[1])^2)
  pt <- suppressWarnings(prop.test(c(kA, kB), c(nA, nB), correct = FALSE))
  tab <- matrix(c(kA, kB, nA - kA, nB - kB), 2)
  ft <- fisher.test(tab, conf.level = level)
  tight <- tight_fisher(kA, kA + kB, nA - kA + nB - kB, nA, (1 - level) / 2)
  rows[[length(rows) + 1]] <- data.frame(successes_a = kA, trials_a = nA, successes_b = kB, trials_b = nB, level = level,
    newcombe_lower = nlo, newcombe_upper = nup,
    pearson_statistic = unname(pt$statistic), pearson_p = pt$p.value,
    fisher_p = ft$p.value, fisher_or = tight[1], fisher_lower = tight[2], fisher_upper = tight[3],
    r_fisher_or = unname(ft$estimate), r_fisher_lower = ft$conf.int[1], r_fisher_upper = ft$conf.int[2])
}
write_table(do.call(rbind, rows), "two_proportions.csv")

# Fisher's exact p-values on a seeded random grid of tables.
set.seed(20261125)
rows <- list()
for (i in 1:300) {
  nA <- sample(1:120, 1); nB <- sample(1:120, 1); kA <- sample(0:nA, 1); kB <- sample(0:nB, 1)
  rows[[length(rows) + 1]] <- data.frame(successes_a = kA, trials_a = nA, successes_b = kB, trials_b = nB,
    fisher_p = fisher.test(matrix(c(kA, kB, nA - kA, nB - kB), 2))$p.value)
}
write_table(do.call(rbind, rows), "fisher_random.csv")

# Exact power of binom.test: binomial probability at the true rate of {k : binom.test p-value <= alpha}.
exact_power <- function(n, p0, p, alpha, alt) {
  reject <- sapply(0:n, function(k) binom.test(k, n, p0, alternative = alt)$p.value <= alpha)
  sum(dbinom((0:n)[reject], n, p))
}
rows <- list()
for (n in c(10, 50, 120)) for (p0 in c(0.5, 0.85)) for (p in c(0.6, 0.75, 0.95)) for (alt in c("two.sided", "less", "greater"))
  rows[[length(rows) + 1]] <- data.frame(trials = n, claim = p0, true_rate = p, alpha = 0.05, alternative = alt,
                                         power = exact_power(n, p0, p, 0.05, alt))
write_table(do.call(rbind, rows), "binomial_power.csv")

# Smallest n whose exact power reaches the target (searching n = 1, 2, ...).
rows <- list()
for (cfg in list(list(0.5, 0.75, "two.sided"), list(0.85, 0.95, "greater"), list(0.6, 0.4, "less"), list(0.3, 0.5, "two.sided"))) {
  n <- 1
  while (exact_power(n, cfg[[1]], cfg[[2]], 0.05, cfg[[3]]) < 0.8) n <- n + 1
  rows[[length(rows) + 1]] <- data.frame(claim = cfg[[1]], true_rate = cfg[[2]], alternative = cfg[[3]],
                                         alpha = 0.05, target_power = 0.8, minimal_trials = n)
}
write_table(do.call(rbind, rows), "binomial_sample_size.csv")

# Two-sample normal-approximation power and n per group (power.prop.test, strict = FALSE; n solved at tol 1e-12).
rows <- list()
for (pp in list(c(0.5, 0.75), c(0.85, 0.75), c(0.1, 0.12), c(0.6, 0.4))) for (sides in c("two.sided", "one.sided")) {
  pw <- power.prop.test(n = 60, p1 = pp[1], p2 = pp[2], alternative = sides)$power
  nn <- power.prop.test(power = 0.8, p1 = pp[1], p2 = pp[2], alternative = sides, tol = 1e-12)$n
  rows[[length(rows) + 1]] <- data.frame(rate_a = pp[1], rate_b = pp[2], alternative = sides, alpha = 0.05,
                                         per_group = 60, power = pw, target_power = 0.8, per_group_for_target = nn)
}
write_table(do.call(rbind, rows), "two_sample_power.csv")

# Random-effects pooling on the logit scale (metafor::rma, measure = "PLO"), tight convergence for REML.
sets <- list(
  heterogeneous = data.frame(xi = c(12, 30, 45, 8, 60, 22), ni = c(40, 50, 60, 30, 70, 25)),
  homogeneous = data.frame(xi = c(40, 42, 38, 41), ni = c(50, 50, 50, 50)),
  with_zero_and_full = data.frame(xi = c(0, 10, 7, 20), ni = c(15, 10, 20, 40)),
  two_studies = data.frame(xi = c(85, 160), ni = c(100, 200)))
rows <- list()
for (name in names(sets)) for (method in c("DL", "REML")) {
  d <- sets[[name]]
  fit <- rma(measure = "PLO", xi = d$xi, ni = d$ni, method = method, control = list(threshold = 1e-14, maxiter = 10000))
  rows[[length(rows) + 1]] <- data.frame(set = name, successes = paste(d$xi, collapse = " "), trials = paste(d$ni, collapse = " "),
    method = method, estimate = fit$b[1], se = fit$se, lower = fit$ci.lb, upper = fit$ci.ub, tau2 = fit$tau2,
    i2 = fit$I2, q = fit$QE, q_p = fit$QEp, proportion = plogis(fit$b[1]), proportion_lower = plogis(fit$ci.lb),
    proportion_upper = plogis(fit$ci.ub))
}
write_table(do.call(rbind, rows), "random_effects.csv")

# Central (equal-tailed) two-sided exact test: twice the smaller one-sided p-value, capped at 1; the test that
# inverts the Clopper-Pearson interval. Its exact power against a true rate sums dbinom over the rejection set.
rows <- list()
for (kn in list(c(0, 1), c(1, 1), c(0, 5), c(3, 5), c(5, 5), c(0, 50), c(40, 50), c(50, 50), c(300, 400), c(8500, 10000)))
  for (claim in c(0.05, 0.3, 0.5, 0.85, 0.999)) {
    k <- kn[1]; n <- kn[2]
    p <- min(1, 2 * min(pbinom(k, n, claim), pbinom(k - 1, n, claim, lower.tail = FALSE)))
    central <- function(j) min(1, 2 * min(pbinom(j, n, claim), pbinom(j - 1, n, claim, lower.tail = FALSE)))
    reject <- sapply(0:n, central) <= 0.05
    power <- sum(dbinom((0:n)[reject], n, 0.7))
    rows[[length(rows) + 1]] <- data.frame(successes = k, trials = n, claim = claim, p_value = p, power_at_0.7 = power)
  }
write_table(do.call(rbind, rows), "central_binomial_test.csv")

# Probability that the 95 % Clopper-Pearson interval decides about a band [low, high] (lies entirely inside it or
# entirely outside it) when the true rate is p, by summing dbinom over the deciding counts; and the smallest n
# (linear search) at which that probability reaches 0.8.
cp_limits <- function(k, n, level = 0.95) {
  a <- 1 - level
  cbind(ifelse(k == 0, 0, qbeta(a / 2, k, n - k + 1)), ifelse(k == n, 1, qbeta(1 - a / 2, k + 1, n - k)))
}
decide <- function(n, p, low, high) {
  k <- 0:n; ci <- cp_limits(k, n)
  sum(dbinom(k, n, p)[(ci[, 1] >= low & ci[, 2] <= high) | ci[, 2] < low | ci[, 1] > high])
}
rows <- list()
for (s in list(c(100, 0.865, 0.85, 0.95), c(600, 0.865, 0.85, 0.95), c(50, 0.7, 0.65, 0.75), c(400, 0.6, 0.65, 0.75),
               c(1, 0.5, 0.2, 0.8), c(10000, 0.72, 0.65, 0.75), c(355, 0.597, 0.65, 0.75))) {
  rows[[length(rows) + 1]] <- data.frame(trials = s[1], rate = s[2], low = s[3], high = s[4], probability = decide(s[1], s[2], s[3], s[4]))
}
write_table(do.call(rbind, rows), "band_decision.csv")
rows <- list()
for (s in list(c(0.865, 0.85, 0.95), c(0.7, 0.6, 0.8), c(0.5, 0.6, 0.8))) {
  n <- 1; while (decide(n, s[1], s[2], s[3]) < 0.8) n <- n + 1
  rows[[length(rows) + 1]] <- data.frame(rate = s[1], low = s[2], high = s[3], minimal_trials = n)
}
write_table(do.call(rbind, rows), "band_decision_sample_size.csv")
