# Reference for CensoringWeighting (pooled logistic inverse-probability-of-censoring weights), issue 13.
# Person-period rows: 80 subjects, up to 8 periods each, censoring hazard depending on x and the period.
# Weight of a row = prod over the subject's earlier rows of (1 - p_num) / (1 - p_den), where p_den is from
# glm(censored ~ x + period + I(period^2), binomial) and p_num from glm(censored ~ period + I(period^2), binomial).
# Run: Rscript make_fixtures_censoring.R (in this folder).
set.seed(7)
rows <- list()
for (id in 1:80) {
  x <- round(rnorm(1), 3)
  for (k in 0:7) {
    c <- rbinom(1, 1, plogis(-3 + 0.8 * x + 0.15 * k))
    rows[[length(rows) + 1]] <- data.frame(id = id, x = x, period = k, censored = c)
    if (c == 1) break
  }
}
d <- do.call(rbind, rows)
den <- fitted(glm(censored ~ x + period + I(period^2), family = binomial, data = d))
num <- fitted(glm(censored ~ period + I(period^2), family = binomial, data = d))
ratio <- (1 - num) / (1 - den)
w <- ave(ratio, d$id, FUN = function(r) c(1, cumprod(r)[-length(r)]))
d$weight <- sprintf("%.17g", w)
write.csv(d, "censoring_weights.csv", row.names = FALSE, quote = FALSE)
