# What the benchmark scripts that run the command line share; sourced, never run:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Moves to the repository root and sets $java (JAVA_HOME's, if set) and $jar (the CLI's jar).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="cli/target/ironworks.jar"
java="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi

# build_cli NAME: builds the CLI's jar when it is missing (MVN_ARGS=-o builds offline).
build_cli() {
  if [[ ! -f "$jar" ]]; then
    echo "$1: building the CLI jar" >&2
    # shellcheck disable=SC2086
    ./mvnw -q -B ${MVN_ARGS:-} -Dmaven.test.skip=true -pl cli -am package
  fi
}

# serve NAME: starts `ironworks serve` on a free loopback port with a fresh store, and sets $url,
# $data (a temporary folder, for the script's files too) and $log (the server's output). The
# server is stopped and $data removed when the script exits.
serve() {
  data="$(mktemp -d)"
  log="$data/serve.log"
  "$java" ${IRONWORKS_JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port 0 \
    --data "$data/store" >"$log" 2>&1 &
  server=$!
  trap stop_serving EXIT
  url=""
  for _ in $(seq 1 300); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -1 || true)"
    [[ -n "$url" ]] && return 0
    if ! kill -0 "$server" 2>/dev/null; then
      echo "$1: the server did not start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$1: the server did not start within 30 s" >&2
  exit 1
}

stop_serving() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
