#!/usr/bin/env bash
# Installs what the web module's browser tests drive: Debian's Chromium and its WebDriver, at
# /usr/bin/chromium and /usr/bin/chromedriver. Does nothing when both are there. Needs apt-get
# and root (or sudo without a password). `.ci/run` runs it before the tests; a developer runs it
# once:
#   bash scripts/setup-test-browser.sh
# Without the browser `./mvnw -B verify` fails and says so; -DskipBrowserTests leaves the browser
# tests out instead.
set -euo pipefail

chromium=/usr/bin/chromium
chromedriver=/usr/bin/chromedriver

if [[ -x "$chromium" && -x "$chromedriver" ]]; then
  echo "setup-test-browser: $("$chromium" --version 2>/dev/null || echo chromium), $("$chromedriver" --version | cut -d' ' -f1-2) already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-test-browser: $chromium or $chromedriver is missing and there is no apt-get:" >&2
  echo "  install Chromium and a chromedriver of the same version at those paths," >&2
  echo "  or build with -DskipBrowserTests to leave the browser tests out" >&2
  exit 1
fi

as_root=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "setup-test-browser: installing chromium and chromium-driver needs root;" >&2
    echo "  run: sudo apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi

echo "setup-test-browser: installing chromium and chromium-driver (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver
"$chromium" --version
"$chromedriver" --version
