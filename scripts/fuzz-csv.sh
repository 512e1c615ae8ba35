#!/usr/bin/env bash
# Fuzzes the CSV reader and the assessments schema (kept for existing instructions; see scripts/fuzz.sh).
# Usage: scripts/fuzz-csv.sh [SECONDS]   (default 60). Crashing inputs are written to .fuzz/csv/crashes/.
exec "$(dirname "$0")/fuzz.sh" csv "${1:-60}"
