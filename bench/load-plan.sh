#!/usr/bin/env bash
# Load test of POST /api/plan: starts `ironworks serve` on a free loopback port with a fresh data
# directory, keeps CLIENTS connections busy with plans for SECONDS (after a 3-second warm-up),
# prints throughput and p50/p90/p99 latency, and stops the server. Bounded in time (at most 120 s
# a run), hence in requests; loopback only.
#   bash bench/load-plan.sh [SECONDS (default 10)] [CLIENTS (default 50)] [SCENARIO]
# It runs twice: every request the same text (answered from the plans the server remembers by
# text), then every text different (each one planned; the parallel-configuration search is
# remembered across requests either way).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds="${1:-10}"
if ((seconds < 1 || seconds > 120)); then
  echo "load-plan.sh: SECONDS must be 1 to 120" >&2
  exit 2
fi
clients="${2:-50}"
scenario="${3:-examples/h100-1024-training-cluster.yaml}"
build_cli load-plan.sh
serve load-plan.sh
echo "server $url, scenario $scenario"

# The client: wrk (Debian's package, installed here when missing and possible) costs the two
# cores far less than a JVM client, so the figures are the server's; LOAD_CLIENT=java uses
# bench/load/LoadPlan.java instead.
client="${LOAD_CLIENT:-wrk}"
if [[ "$client" == wrk ]] && ! command -v wrk >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "load-plan.sh: installing wrk (apt-get)" >&2
    (apt-get install -y -q wrk >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null)) || true
  fi
  if ! command -v wrk >/dev/null 2>&1; then
    echo "load-plan.sh: no wrk; using the JVM client (its own CPU use weighs on the figures)" >&2
    client=java
  fi
fi
for vary in "" --vary; do
  echo
  texts=identical
  [[ -n "$vary" ]] && texts=distinct
  if [[ "$client" == wrk ]]; then
    echo "measuring: $clients connections on 2 wrk threads for $seconds s, $texts texts," \
      "$(nproc) cores"
    export SCENARIO="$scenario" VARY="${vary:+1}"
    wrk -t2 -c"$clients" -d3s -s bench/load/plan.lua "$url" >/dev/null
    wrk -t2 -c"$clients" -d"${seconds}s" -s bench/load/plan.lua "$url" | sed -n '/^requests /,$p'
  else
    "$java" bench/load/LoadPlan.java "$url" "$scenario" --clients "$clients" \
      --requests 1000000 --warmup 1000 --max-seconds "$seconds" $vary
  fi
done
