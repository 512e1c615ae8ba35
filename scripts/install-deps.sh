#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages InfusionOutcomes needs, only those missing; sudo only when not root.
set -euo pipefail
need=()
for p in libopenblas-dev liblapacke-dev libcsv-dev pkg-config; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
command -v swift >/dev/null || { echo "swift not found: install Swift 6 (https://swift.org/install) and put it on PATH" >&2; exit 2; }
