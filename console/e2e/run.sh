#!/usr/bin/env bash
# Web console suite: the console in headless Chromium (Debian's `chromium`, driven by the pinned
# playwright-core, whose own browser download is never used) against a real `./vigil serve --demo`.
# Installs Chromium with apt-get when /usr/bin/chromium is missing (sudo when not root), npm-installs
# from the lock file only when node_modules is missing or stale, builds Vigil if needed, then runs
# test/*.test.js with node's test runner. Screenshots land in console/e2e/artifacts/ (git-ignored).
#
#   bash console/e2e/run.sh            # from the repo root (or from anywhere)
#
# Environment: CONSOLE_E2E_TIMEOUT (seconds for the whole run, default 420: a clean machine installs
# Chromium (~1 min) and builds Vigil (~40 s); the tests take ~20 s), CHROMIUM_PATH (default /usr/bin/chromium).
set -euo pipefail

e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$e2e"

budget="${CONSOLE_E2E_TIMEOUT:-420}"
deadline=$((SECONDS + budget))
remaining() {
  local left=$((deadline - SECONDS))
  if [ "$left" -le 0 ]; then echo "console e2e: time budget ($budget s) used up" >&2; exit 124; fi
  echo "$left"
}

command -v node >/dev/null || { echo "console e2e: needs Node.js >= 20 (node not found)" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || { echo "console e2e: needs Node.js >= 20, found $(node --version)" >&2; exit 1; }

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] && [ "$chromium" != /usr/bin/chromium ]; then
  echo "console e2e: CHROMIUM_PATH=$chromium is not an executable" >&2
  exit 1
fi
if [ ! -x "$chromium" ]; then
  echo "console e2e: installing Debian's chromium (apt-get)" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  timeout "$(remaining)" $sudo apt-get update -qq >&2
  # With its recommended packages: they bring the fonts the pages and screenshots are drawn with.
  timeout "$(remaining)" $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=120 chromium >&2
fi

# npm ci only when node_modules does not match package-lock.json (stamp = the lock file's hash).
lock_hash="$(node -e 'const c=require("node:crypto"),f=require("node:fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync("package-lock.json")).digest("hex"))')"
stamp="node_modules/.console-e2e-lock-sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "console e2e: npm ci (node_modules missing or stale)" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout "$(remaining)" npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" >"$stamp"
fi

# Build once up front (./vigil rebuilds only when sources changed), so a build failure reads as one.
timeout "$(remaining)" ../../vigil --version >/dev/null

# The servers' data dirs go in here; removed even when the tests are killed by the time budget.
VIGIL_E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/vigil-console-e2e.XXXXXX")"
export VIGIL_E2E_TMP
trap 'rm -rf "$VIGIL_E2E_TMP"' EXIT
rm -rf artifacts
status=0
# timeout signals its whole process group: the test process, Chromium and the Vigil server.
timeout --kill-after=10 "$(remaining)" node --test \
  --test-reporter=spec \
  --test-concurrency=1 \
  --test-timeout=120000 \
  test/*.test.js || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "console e2e: stopped: the time budget (CONSOLE_E2E_TIMEOUT=$budget s) ran out" >&2
fi
echo "console e2e: screenshots in console/e2e/artifacts/" >&2
exit "$status"
