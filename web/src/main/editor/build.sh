#!/usr/bin/env bash
# The scenario editor's part of the web module's build (web/pom.xml runs it):
#   build.sh bundle OUT_FILE   installs the locked npm packages when node_modules is missing or
#                              older than package-lock.json, then bundles src/ into OUT_FILE
#   build.sh test SKIP...      runs the editor's unit tests (node --test), unless an argument
#                              (the build's skipTests, maven.test.skip) is "true"
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "build.sh: Node.js and npm are needed to bundle the scenario editor (web/src/main/editor);" >&2
  echo "install them (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi

case "${1:-}" in
  bundle)
    if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
      npm ci --no-audit --no-fund --loglevel=error
    fi
    node build.mjs "$2"
    ;;
  test)
    shift
    for skip in "$@"; do
      if [[ "$skip" == true ]]; then
        exit 0
      fi
    done
    node --test test/
    ;;
  *)
    echo "usage: build.sh bundle OUT_FILE | build.sh test [SKIP...]" >&2
    exit 2
    ;;
esac
