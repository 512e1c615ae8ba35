# data.table::fread on the assessments file of `outcomes-benchmark ingest`, timed inside R (process start and
# package loading excluded): 1 and 2 threads, the time column as text, and parsed to POSIXct (UTC).
suppressPackageStartupMessages(library(data.table))
f <- commandArgs(TRUE)[1]
cat("version data.table", as.character(packageVersion("data.table")), R.version.string, "\n")
for (th in c(1L, 2L)) {
  t_text <- system.time(d <- fread(f, nThread = th, colClasses = c(time = "character")))[["elapsed"]]
  rm(d); invisible(gc())
  t_parsed <- system.time({
    d <- fread(f, nThread = th, tz = "UTC")
    if (!inherits(d$time, "POSIXct")) d[, time := as.POSIXct(time, format = "%Y-%m-%dT%H:%M:%OS", tz = "UTC")]
  })[["elapsed"]]
  stopifnot(inherits(d$time, "POSIXct"), nrow(d) > 0)
  rm(d); invisible(gc())
  cat(sprintf("fread%d_text %.3f\nfread%d_parsed %.3f\n", th, t_text, th, t_parsed))
}
