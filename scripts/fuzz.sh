#!/usr/bin/env bash
# Fuzzes one reader with libFuzzer + AddressSanitizer.
# Usage: scripts/fuzz.sh TARGET [SECONDS]   TARGET: csv, plan, claims or iso8601; SECONDS default 60.
# Corpus: .fuzz/TARGET/corpus (seeded from the repository's examples); crashing inputs go to .fuzz/TARGET/crashes/.
# Every crash found is added as a regression test (Tests/*/FuzzRegressionTests.swift).
# swiftc keeps only the last -sanitize= flag it is given, so "fuzzer,address" is passed again as one flag last
# (without it the code has AddressSanitizer but no coverage, and libFuzzer fuzzes blind).
# The build lives in its own scratch folder so it does not evict the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh csv|plan|claims|iso8601 [SECONDS]}"
seconds="${2:-60}"
case "$target" in
  csv|plan|claims|iso8601) ;;
  *) echo "fuzz.sh: unknown target '$target' (csv, plan, claims, iso8601)" >&2; exit 64 ;;
esac
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  swift build --scratch-path .build-fuzz --product "outcomes-fuzz-$target" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -c debug
fi
corpus=".fuzz/$target/corpus"; crashes=".fuzz/$target/crashes"
mkdir -p "$corpus" "$crashes"
case "$target" in
  csv)
    cp -n Tests/OutcomesTabularTests/Fixtures/malformed/*.csv "$corpus/" 2>/dev/null || true
    cp -n datasets/sample/assessments.csv "$corpus/sample_assessments.csv" 2>/dev/null || true ;;
  plan)
    cp -n Tests/OutcomesClinicalTests/Fixtures/fuzz-seeds/*.plan.yaml "$corpus/" 2>/dev/null || true ;;
  claims)
    cp -n datasets/claims/*.yaml "$corpus/" 2>/dev/null || true ;;
  iso8601)
    for t in 2024-03-10 2024-03-10T09:00 2024-03-10T09:00:00 2024-03-10T09:00:00.250 2024-03-10T09:00:00Z \
             2024-03-10T09:00:00+05:30 2024-03-10T09:00:00-0400 "2024-02-29 23:59:59"; do
      printf '%s' "$t" > "$corpus/seed-$(printf '%s' "$t" | tr -c 'A-Za-z0-9' '_')"
    done ;;
esac
SWIFT_BACKTRACE=enable=no ".build-fuzz/debug/outcomes-fuzz-$target" "$corpus" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$crashes/" -print_final_stats=1
