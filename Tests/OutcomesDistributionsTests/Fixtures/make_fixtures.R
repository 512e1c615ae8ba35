# Reference values for OutcomesDistributions, computed with base R (stats).
# Run from this directory: Rscript make_fixtures.R   (writes distributions.csv)
# Columns: distribution, function, param1, param2, argument, value; numbers with 17 significant digits.
rows <- list()
add <- function(dist, fun, p1, p2, arg, value) {
  rows[[length(rows) + 1]] <<- data.frame(distribution = dist, fun = fun, param1 = p1, param2 = p2,
                                          argument = arg, value = value)
}
fmt <- function(v) ifelse(is.na(v), "NaN", ifelse(is.infinite(v), ifelse(v > 0, "inf", "-inf"), sprintf("%.17g", v)))

lowP <- c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10)
# R's qf (via qbeta) can be off by up to ~1e-6 relative deep in a tail (for example qf(1e-10, 3, 1e4):
# pf at R's answer gives 1.0000020e-10). Quantile references for chi-squared, beta, t and F are therefore
# R's quantile refined by Newton steps on the log tail with R's own p-function and density.
polish <- function(x, target, lower, pfun, dfun) {
  for (i in 1:6) {
    if (!is.finite(x) || x == 0) return(x)
    tail <- pfun(x, lower.tail = lower)
    slope <- if (lower) dfun(x) else -dfun(x)
    if (!is.finite(tail) || tail <= 0 || slope == 0) return(x)
    step <- (log(tail) - log(target)) * tail / slope
    if (!is.finite(step)) return(x)
    x <- x - step
  }
  x
}

upQ <- c(1e-300, 1e-50, 1e-15, 1e-6, 0.01, 0.05, 0.2, 0.8)

# Normal
for (x in c(-37, -30, -20, -10, -5, -3, -1.96, -1, -0.5, -1e-5, 0, 0.3, 1, 2.5, 5, 8.3, 10, 20, 37)) {
  add("normal", "cdf", NA, NA, x, pnorm(x))
  add("normal", "sf", NA, NA, x, pnorm(x, lower.tail = FALSE))
  add("normal", "density", NA, NA, x, dnorm(x))
}
for (x in c(-1000, -100, -40, -25, -20.5, -19, -5, 0, 3, 9))
  add("normal", "log_cdf", NA, NA, x, pnorm(x, log.p = TRUE))
for (p in lowP) add("normal", "quantile", NA, NA, p, qnorm(p))
for (q in upQ) add("normal", "upper_quantile", NA, NA, q, qnorm(q, lower.tail = FALSE))

# Log-gamma
for (x in c(1e-10, 0.1, 0.5, 1.5, 2.5, 3.7, 10, 100, 12345.6, 1e10))
  add("special", "log_gamma", NA, NA, x, lgamma(x))

# Chi-squared
for (df in c(0.5, 1, 2, 3, 7.5, 10, 50, 200, 1000, 10000)) {
  for (r in c(0.001, 0.1, 0.5, 0.9, 1, 1.2, 1.5, 3, 10)) {
    x <- df * r
    add("chisq", "cdf", df, NA, x, pchisq(x, df))
    add("chisq", "sf", df, NA, x, pchisq(x, df, lower.tail = FALSE))
  }
  for (p in lowP[lowP >= 1e-20]) add("chisq", "quantile", df, NA, p,
    polish(qchisq(p, df), p, TRUE, function(x, ...) pchisq(x, df, ...), function(x) dchisq(x, df)))
  for (q in upQ[upQ >= 1e-50]) add("chisq", "upper_quantile", df, NA, q,
    polish(qchisq(q, df, lower.tail = FALSE), q, FALSE, function(x, ...) pchisq(x, df, ...), function(x) dchisq(x, df)))
}

# Chi-squared tails on the log scale, including ones that underflow.
for (df in c(1, 2, 7.5, 100, 5000)) {
  for (x in c(0.5, 30, 800, 5000, 1e5)) add("chisq", "log_sf", df, NA, x, pchisq(x, df, lower.tail = FALSE, log.p = TRUE))
  for (r in c(1e-6, 0.01, 0.3, 2)) add("chisq", "log_cdf", df, NA, df * r, pchisq(df * r, df, log.p = TRUE))
}

# Beta
shapes <- list(c(0.5, 0.5), c(1, 1), c(2, 5), c(0.5, 20), c(10, 0.5), c(50, 30), c(1, 400), c(401, 1),
               c(3, 9998), c(5000.5, 5000.5), c(12.5, 387.5))
for (s in shapes) {
  for (x in c(1e-8, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.9999)) {
    add("beta", "cdf", s[1], s[2], x, pbeta(x, s[1], s[2]))
    add("beta", "sf", s[1], s[2], x, pbeta(x, s[1], s[2], lower.tail = FALSE))
  }
  for (p in lowP[lowP >= 1e-100]) add("beta", "quantile", s[1], s[2], p,
    polish(qbeta(p, s[1], s[2]), p, TRUE, function(x, ...) pbeta(x, s[1], s[2], ...), function(x) dbeta(x, s[1], s[2])))
  for (q in upQ[upQ >= 1e-50]) add("beta", "upper_quantile", s[1], s[2], q,
    polish(qbeta(q, s[1], s[2], lower.tail = FALSE), q, FALSE, function(x, ...) pbeta(x, s[1], s[2], ...), function(x) dbeta(x, s[1], s[2])))
}

# Binomial
for (np in list(c(1, 0.3), c(5, 0.5), c(50, 0.85), c(400, 0.02), c(10000, 0.5), c(10000, 0.001))) {
  n <- np[1]; p <- np[2]
  for (k in unique(c(0, 1, floor(n / 4), floor(n * p), n - 1, n))) {
    add("binomial", "pmf", n, p, k, dbinom(k, n, p))
    add("binomial", "cdf", n, p, k, pbinom(k, n, p))
    add("binomial", "sf", n, p, k, pbinom(k, n, p, lower.tail = FALSE))
  }
  for (pr in c(0.001, 0.025, 0.3, 0.5, 0.975, 0.999)) add("binomial", "quantile", n, p, pr, qbinom(pr, n, p))
}

# Student t
for (df in c(1, 2, 3, 5.5, 10, 30, 100, 1000, 1e5)) {
  for (t in c(-50, -10, -3, -1, -0.1, 1e-6, 0.5, 2, 4, 20, 1000)) {
    add("t", "cdf", df, NA, t, pt(t, df))
    add("t", "sf", df, NA, t, pt(t, df, lower.tail = FALSE))
  }
  for (p in c(1e-12, 1e-4, 0.025, 0.4, 0.5, 0.6, 0.975, 0.9999)) add("t", "quantile", df, NA, p,
    polish(qt(p, df), p, TRUE, function(x, ...) pt(x, df, ...), function(x) dt(x, df)))
  for (q in c(1e-15, 1e-8, 0.05)) add("t", "upper_quantile", df, NA, q,
    polish(qt(q, df, lower.tail = FALSE), q, FALSE, function(x, ...) pt(x, df, ...), function(x) dt(x, df)))
}

# F
for (d in list(c(1, 1), c(1, 10), c(2, 3), c(5, 20), c(10, 100), c(30, 7), c(100, 1000), c(3, 1e4))) {
  for (x in c(1e-6, 0.01, 0.2, 0.9, 1, 1.5, 3, 10, 100, 1e4)) {
    add("f", "cdf", d[1], d[2], x, pf(x, d[1], d[2]))
    add("f", "sf", d[1], d[2], x, pf(x, d[1], d[2], lower.tail = FALSE))
  }
  for (p in c(1e-10, 1e-3, 0.05, 0.5, 0.95, 0.999)) add("f", "quantile", d[1], d[2], p,
    polish(qf(p, d[1], d[2]), p, TRUE, function(x, ...) pf(x, d[1], d[2], ...), function(x) df(x, d[1], d[2])))
  for (q in c(1e-12, 1e-6, 0.01)) add("f", "upper_quantile", d[1], d[2], q,
    polish(qf(q, d[1], d[2], lower.tail = FALSE), q, FALSE, function(x, ...) pf(x, d[1], d[2], ...), function(x) df(x, d[1], d[2])))
}

# A seeded random grid over shapes, degrees of freedom and arguments (quantile references polished as above).
set.seed(20261125)
for (i in 1:300) {
  a <- exp(runif(1, log(0.2), log(5000))); b <- exp(runif(1, log(0.2), log(5000)))
  x <- qbeta(runif(1, 0.001, 0.999), a, b)
  add("beta", "cdf", a, b, x, pbeta(x, a, b)); add("beta", "sf", a, b, x, pbeta(x, a, b, lower.tail = FALSE))
  p <- 10^runif(1, -12, -0.31)
  add("beta", "quantile", a, b, p, polish(qbeta(p, a, b), p, TRUE, function(x, ...) pbeta(x, a, b, ...), function(x) dbeta(x, a, b)))
  add("beta", "upper_quantile", a, b, p,
      polish(qbeta(p, a, b, lower.tail = FALSE), p, FALSE, function(x, ...) pbeta(x, a, b, ...), function(x) dbeta(x, a, b)))
  df <- exp(runif(1, log(0.3), log(20000))); xx <- qchisq(runif(1, 0.0001, 0.9999), df)
  add("chisq", "cdf", df, NA, xx, pchisq(xx, df)); add("chisq", "sf", df, NA, xx, pchisq(xx, df, lower.tail = FALSE))
  add("chisq", "quantile", df, NA, p, polish(qchisq(p, df), p, TRUE, function(x, ...) pchisq(x, df, ...), function(x) dchisq(x, df)))
  add("chisq", "upper_quantile", df, NA, p,
      polish(qchisq(p, df, lower.tail = FALSE), p, FALSE, function(x, ...) pchisq(x, df, ...), function(x) dchisq(x, df)))
  nu <- exp(runif(1, log(0.5), log(50000))); t <- rnorm(1) * 5
  add("t", "cdf", nu, NA, t, pt(t, nu)); add("t", "sf", nu, NA, t, pt(t, nu, lower.tail = FALSE))
  add("t", "upper_quantile", nu, NA, p,
      polish(qt(p, nu, lower.tail = FALSE), p, FALSE, function(x, ...) pt(x, nu, ...), function(x) dt(x, nu)))
  n <- sample(c(1:60, 100, 500, 2000, 30000), 1); pr <- runif(1); k <- sample(0:n, 1)
  add("binomial", "pmf", n, pr, k, dbinom(k, n, pr)); add("binomial", "cdf", n, pr, k, pbinom(k, n, pr))
  add("binomial", "sf", n, pr, k, pbinom(k, n, pr, lower.tail = FALSE))
  d1 <- exp(runif(1, log(0.5), log(2000))); d2 <- exp(runif(1, log(0.5), log(2000))); fx <- exp(rnorm(1))
  add("f", "cdf", d1, d2, fx, pf(fx, d1, d2)); add("f", "sf", d1, d2, fx, pf(fx, d1, d2, lower.tail = FALSE))
}

out <- do.call(rbind, rows)
out$param1 <- fmt(out$param1); out$param2 <- fmt(out$param2)
out$argument <- fmt(out$argument); out$value <- fmt(out$value)
write.csv(out, "distributions.csv", row.names = FALSE, quote = FALSE)
