#!/usr/bin/env bash
# One large facility-and-cost sweep end to end (`ironworks sweep`: evaluation, points.csv, the
# Parquet files), with the heap capped, and what it took:
#
#   bash bench/sweep-scale.sh [COUNTS] [HEAP] [THREADS]     defaults: 1 1g 2
#
# The space is COUNTS cluster sizes × 998,400 other designs (4 accelerators × 4 regions × 3
# coolings × 8 horizons × 10 utilisations × 26 electricity prices × 10 carbon-free fractions):
# COUNTS=1 is about 1M designs, COUNTS=100 about 100M (about 22 GB of CSV and 2 GB of Parquet
# on disk while it runs; the folder is removed at the end unless KEEP=1). Prints the designs, the
# wall time, designs per second, and the heap: the largest heap left after any collection (what
# the sweep holds) and the most the JVM committed. Builds the CLI first if needed (./ironworks).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts="${1:-1}"
heap="${2:-1g}"
threads="${3:-2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ironworks-sweep-scale.XXXXXX")"
trap '[[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"' EXIT

cat >"$work/base.yaml" <<'YAML'
name: sweep-scale
cluster:
  accelerator: nvidia-h100-sxm-80gb
  count: 2048
  fabric: {kind: infiniband-ndr, topology: rail-optimized}
  storage: {capacityPetabytes: 5, writeGigabytesPerSecond: 250}
site:
  region: us-texas
  cooling: liquid-cold-plate
finance:
  horizonYears: 4
  utilization: 0.85
workload:
  training: {model: a 70B run, tokens: 2e12, durationDays: 20}
YAML
cat >"$work/space.yaml" <<YAML
base: base.yaml
axes:
  cluster.accelerator: [nvidia-h100-sxm-80gb, nvidia-b200, nvidia-a100-80gb, amd-mi300x]
  cluster.count: {from: 1024, to: $((1024 * counts)), step: 1024}
  site.region: [us-texas, norway, iceland, us-virginia]
  site.cooling: [air, liquid-cold-plate, immersion]
  finance.horizonYears: [2, 3, 4, 5, 6, 7, 8, 9]
  finance.utilization: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
  site.electricityUsdPerKwh: {from: 0.04, to: 0.29, step: 0.01}
  site.carbonFreeEnergyFraction: {from: 0, to: 0.9, step: 0.1}
constraints: {capexUsd: {max: 1.5e9}, facilityPowerMw: {max: 100}}
objectives: [cost.tcoUsd, energy.emissionsTco2ePerYear, power.facilityPowerMw]
YAML

designs=$((998400 * counts))
"$root/ironworks" --version >/dev/null # builds first if needed, outside the time measured
start=$(date +%s.%N)
IRONWORKS_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$work/gc.log" \
  "$root/ironworks" sweep "$work/space.yaml" --out "$work/out" --yes --threads "$threads" \
  >"$work/stdout.txt"
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
# G1's lines end "<before>M-><after>M(<committed>M) <pause>ms".
read -r after committed < <(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$work/gc.log" \
  | sed -E 's/[0-9]+M->([0-9]+)M\(([0-9]+)M\)/\1 \2/' \
  | sort -n -k1,1 | tail -1 || echo "0 0")
max_committed=$(grep -oE '\([0-9]+M\)' "$work/gc.log" | tr -d '()M' | sort -n | tail -1 || echo 0)
printf 'designs               %d\n' "$designs"
printf 'threads               %d\n' "$threads"
printf 'wall seconds          %.1f\n' "$seconds"
printf 'designs per second    %.0f\n' "$(awk -v n="$designs" -v s="$seconds" 'BEGIN { print n / s }')"
printf 'heap cap              %s\n' "$heap"
printf 'largest heap after GC %s MB\n' "${after:-0}"
printf 'most heap committed   %s MB\n' "${max_committed:-0}"
printf 'collections           %d\n' "$(grep -c 'Pause' "$work/gc.log" || true)"
printf 'points.csv            %s\n' "$(du -h "$work/out/points.csv" | cut -f1)"
printf 'points.parquet        %s\n' "$(du -h "$work/out/points.parquet" | cut -f1)"
