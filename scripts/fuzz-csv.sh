#!/usr/bin/env bash
# Fuzzes the CSV reader and the assessments schema with libFuzzer + AddressSanitizer.
# Usage: scripts/fuzz-csv.sh [SECONDS]   (default 60). Crashing inputs are written to .fuzz/crashes/.
# The build lives in its own scratch folder so it does not evict the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift build --scratch-path .build-fuzz --product outcomes-fuzz-csv \
  --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING -c debug
mkdir -p .fuzz/corpus .fuzz/crashes
cp -n Tests/OutcomesTabularTests/Fixtures/malformed/*.csv .fuzz/corpus/ 2>/dev/null || true
cp -n datasets/sample/assessments.csv .fuzz/corpus/sample_assessments.csv 2>/dev/null || true
SWIFT_BACKTRACE=enable=no .build-fuzz/debug/outcomes-fuzz-csv .fuzz/corpus \
  -max_total_time="$seconds" -max_len=4096 -artifact_prefix=.fuzz/crashes/ -print_final_stats=1
