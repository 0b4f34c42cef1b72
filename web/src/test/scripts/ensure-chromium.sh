#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver for the browser tests when either is missing.
# Runs before the web module's tests (exec-maven-plugin); -DskipBrowserTests skips it.
# Arguments: the build's skipTests and maven.test.skip; either true means no tests, no install.
set -euo pipefail

for skip in "$@"; do
  if [[ "$skip" == true ]]; then
    exit 0
  fi
done

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing and there is no apt-get;" >&2
  echo "install Chromium and chromedriver, or build with -DskipBrowserTests" >&2
  exit 1
fi

as_root=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "ensure-chromium: not root and no sudo: cannot install chromium chromium-driver;" >&2
    echo "install them, or build with -DskipBrowserTests" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing chromium and chromium-driver (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver
/usr/bin/chromium --version
/usr/bin/chromedriver --version
