#!/usr/bin/env bash
# Runs every libFuzzer target (csv, plan, claims, iso8601) for SECONDS each (default 60), two at a time.
# Skips, saying so, when the toolchain cannot build with -sanitize=fuzzer. Fails when a target crashes;
# the crashing input is in .fuzz/TARGET/crashes/ (add it as a regression test, see scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
cat > "$probe/probe.swift" <<'SWIFT'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { 0 }
SWIFT
if ! swiftc -sanitize=fuzzer,address -parse-as-library "$probe/probe.swift" -o "$probe/probe" >"$probe/log" 2>&1; then
  echo "fuzz: skipped: this toolchain cannot build with -sanitize=fuzzer ($(head -n 1 "$probe/log"))"
  exit 0
fi
targets=(csv plan claims iso8601)
for t in "${targets[@]}"; do
  swift build --scratch-path .build-fuzz --product "outcomes-fuzz-$t" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -c debug
done
status=0
run() { FUZZ_SKIP_BUILD=1 scripts/fuzz.sh "$1" "$seconds" > ".fuzz-$1.log" 2>&1 || { echo "fuzz: $1 FAILED (log .fuzz-$1.log, input in .fuzz/$1/crashes/)"; tail -n 30 ".fuzz-$1.log"; return 1; }; echo "fuzz: $1 ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' ".fuzz-$1.log" | grep -o '[0-9]*$') inputs in ${seconds} s)"; }
for pair in "csv plan" "claims iso8601"; do
  set -- $pair
  run "$1" & a=$!
  run "$2" & b=$!
  wait $a || status=1
  wait $b || status=1
done
[ $status -ne 0 ] || rm -f .fuzz-*.log
exit $status
