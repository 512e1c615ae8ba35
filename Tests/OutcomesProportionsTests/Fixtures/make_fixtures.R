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
