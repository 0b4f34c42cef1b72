#!/usr/bin/env bash
# Load test of POST /api/plan: starts `ironworks serve` on a free loopback port with a fresh data
# directory, sends REQUESTS plans from CLIENTS concurrent clients (after a warm-up), prints
# throughput and p50/p90/p99 latency, and stops the server. Bounded in requests and time.
#   bash bench/load-plan.sh [REQUESTS (default 5000)] [CLIENTS (default 50)] [SCENARIO]
# It runs twice: every request the same text (answered from the plans the server remembers by
# text), then every text different (each one planned; the parallel-configuration search is
# remembered across requests either way).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
requests="${1:-5000}"
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
for vary in "" --vary; do
  echo
  "$java" bench/load/LoadPlan.java "$url" "$scenario" --clients "$clients" --requests "$requests" \
    --warmup 1000 --max-seconds 120 $vary
done
