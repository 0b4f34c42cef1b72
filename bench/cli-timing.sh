#!/usr/bin/env bash
# Times the CLI end to end, JVM start included:
#   java -jar cli/target/ironworks.jar plan examples/h100-1024-training-cluster.yaml --format json
# RUNS times (default 10; first argument overrides) and prints min/median/max wall seconds.
# Builds the CLI jar first if it is missing (MVN_ARGS=-o builds offline).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-10}"
scenario="examples/h100-1024-training-cluster.yaml"
build_cli cli-timing.sh

# One untimed run checks that it works (and warms the page cache).
"$java" -jar "$jar" plan "$scenario" --format json >/dev/null

times=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s.%N)
  "$java" -jar "$jar" plan "$scenario" --format json >/dev/null
  end=$(date +%s.%N)
  t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
  times+=("$t")
  printf 'run %2d: %s s\n' "$i" "$t"
done

printf '%s\n' "${times[@]}" | sort -g | awk -v n="$runs" '
  { v[NR] = $1 }
  END {
    median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "ironworks plan %s --format json, %d runs: min %.3f s, median %.3f s, max %.3f s\n",
      "'"$scenario"'", n, v[1], median, v[n]
  }'
