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

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-10}"
if ((seconds < 1 || seconds > 120)); then
  echo "load-plan.sh: SECONDS must be 1 to 120" >&2
  exit 2
fi
clients="${2:-50}"
scenario="${3:-examples/h100-1024-training-cluster.yaml}"
jar="cli/target/ironworks.jar"
java="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi

if [[ ! -f "$jar" ]]; then
  echo "load-plan.sh: building the CLI jar" >&2
  ./mvnw -q -B ${MVN_ARGS:-} -Dmaven.test.skip=true -pl cli -am package
fi

data="$(mktemp -d)"
log="$data/serve.log"
"$java" ${IRONWORKS_JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port 0 --data "$data" >"$log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -1 || true)"
  [[ -n "$url" ]] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "load-plan.sh: the server did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "load-plan.sh: the server did not start within 30 s" >&2
  exit 1
fi
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
