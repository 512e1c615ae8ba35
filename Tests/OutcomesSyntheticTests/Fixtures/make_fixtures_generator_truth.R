# Independent derivation of the generator's true values (Tests/OutcomesSyntheticTests/SyntheticTruthValuesTests.swift).
# Run from this directory: Rscript make_fixtures_generator_truth.R  (writes generator_truth.csv)
# Model defaults as in Sources/OutcomesSynthetic/SyntheticCohortModel.swift.
median_days <- c(maintenance = 150, as_needed = 60)
mult_severe <- 1.3; mult_remitter <- 0.75
p_severe <- pnorm((20 - 0.5 - 18) / 4, lower.tail = FALSE)
p_remit <- 0.5
kinds <- expand.grid(severe = c(FALSE, TRUE), remitter = c(FALSE, TRUE))
kinds$share <- ifelse(kinds$severe, p_severe, 1 - p_severe) * ifelse(kinds$remitter, p_remit, 1 - p_remit)
kinds$mult <- ifelse(kinds$severe, mult_severe, 1) * ifelse(kinds$remitter, mult_remitter, 1)
p_maint_confounded <- function(severe, remitter) plogis(-1.0 + 1.2 * severe + 1.0 * (!remitter))

mixture <- function(strategy, weights) {
  list(w = weights / sum(weights), rate = log(2) / median_days[[strategy]] * kinds$mult)
}
S <- function(m, t) sapply(t, function(u) sum(m$w * exp(-m$rate * u)))
f <- function(m, t) sapply(t, function(u) sum(m$w * m$rate * exp(-m$rate * u)))
med <- function(m) uniroot(function(t) S(m, t) - 0.5, c(0, 5000), tol = 1e-10)$root
rmst <- function(m, tau) integrate(function(t) S(m, t), 0, tau, rel.tol = 1e-12)$value

rows <- list()
add <- function(name, value) rows[[length(rows) + 1]] <<- data.frame(quantity = name, value = sprintf("%.10f", value))

# Marginal hazard ratio: root of the population Cox score, 1:1 randomization, no censoring.
m0 <- mixture("as_needed", kinds$share); m1 <- mixture("maintenance", kinds$share)
# Upper limit where every component has fallen below exp(-60); the integrand is negligible beyond.
upper <- 60 / min(c(m0$rate, m1$rate))
score <- function(beta) integrate(function(t) f(m1, t) - S(m1, t) * exp(beta) * (f(m0, t) + f(m1, t)) /
                                    (S(m0, t) + S(m1, t) * exp(beta)), 0, upper, rel.tol = 1e-12, subdivisions = 1000)$value
add("relapse_marginal_hazard_ratio", exp(uniroot(score, c(-3, 1), tol = 1e-12)$root))

for (assignment in c("random", "confounded")) {
  for (strategy in c("maintenance", "as_needed")) {
    p <- if (assignment == "random") rep(if (strategy == "maintenance") 0.45 else 0.55, 4) else {
      pm <- p_maint_confounded(kinds$severe, kinds$remitter); if (strategy == "maintenance") pm else 1 - pm }
    m <- mixture(strategy, kinds$share * p)
    add(paste(assignment, strategy, "median", sep = "/"), med(m))
    for (d in c(28, 56, 84, 112)) add(paste(assignment, strategy, paste0("relapse_free_", d), sep = "/"), S(m, d))
    add(paste(assignment, strategy, "rmst_182", sep = "/"), rmst(m, 182))
  }
}

# Tolerability of the induction series.
ae <- c(nausea = 0.12, dizziness = 0.10, dissociation = 0.25, bp = 0.08, headache = 0.07)
per_event <- sum(c(0.72, 0.23, 0.05) * c(0, 0.02, 0.30))
q <- 1 - prod(1 - ae * per_event)
r <- 0.02; i <- 0.015
counts <- c(4, 5, 6, 7, 8); shares <- c(0.05, 0.10, 0.70, 0.08, 0.07)
tolerated <- function(clean) sum(shares * sapply(counts, function(n) {
  k <- seq_len(n - 1); sum(clean^k * (1 - r)^(k - 1) * r) + clean^n * (1 - r)^(n - 1) }))
add("tolerated_ae_only", tolerated(1 - q))
add("tolerated_also_interruptions", tolerated((1 - q) * (1 - i)))

write.csv(do.call(rbind, rows), "generator_truth.csv", row.names = FALSE, quote = FALSE)
