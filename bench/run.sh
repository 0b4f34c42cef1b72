#!/usr/bin/env bash
# Runs the JMH benchmarks (they print figures and are not CI gates).
#
#   bash bench/run.sh                 short but meaningful run of every benchmark
#   bash bench/run.sh --smoke         one very short iteration of each (CI: they compile and run)
#   bash bench/run.sh ARGS...         any JMH arguments, e.g. 'PlanBenchmark.plan$' -p acceleratorCount=1024
#   bash bench/run.sh --smoke ARGS... smoke settings plus more JMH arguments
#   bash bench/run.sh -h              JMH's own help (bash bench/run.sh -l lists the benchmarks)
#
# Builds first when bench/target/benchmarks.jar is missing or older than any source or pom
# (./mvnw -q -B -DskipTests install from the repository root; set MVN_ARGS=-o to build offline,
# BENCH_BUILD=1 to force a build, BENCH_BUILD=0 to never build). JAVA_HOME, if set, picks the JVM.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="bench/target/benchmarks.jar"

needs_build() {
  case "${BENCH_BUILD:-auto}" in
    1) return 0 ;;
    0) return 1 ;;
  esac
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find pom.xml core io bench -newer "$jar" \
    \( -name pom.xml -o -path '*/src/main/*' \) -type f -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "bench/run.sh: building (./mvnw -q -B ${MVN_ARGS:+$MVN_ARGS }-DskipTests install)" >&2
  # shellcheck disable=SC2086
  ./mvnw -q -B ${MVN_ARGS:-} -DskipTests install
fi

java="java"
if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
fi

if [[ "${1:-}" == "--smoke" ]]; then
  shift
  # One 100 ms iteration of every benchmark and size, no warm-up; -foe fails on any exception.
  args=(-f 1 -wi 0 -i 1 -r 100ms -foe true "$@")
elif [[ $# -eq 0 ]]; then
  # About 8 s a benchmark and size (3 x 1 s warm-up, 5 x 1 s measured) in one fork.
  args=(-f 1 -wi 3 -w 1s -i 5 -r 1s -foe true
    -rf json -rff bench/target/jmh-result.json)
else
  args=("$@")
fi

"$java" -jar "$jar" "${args[@]}"
