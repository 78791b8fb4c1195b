#!/usr/bin/env bash
# Official-SDK compatibility suite: installs the pinned `cloudflare` npm package (npm ci, from the lock
# file, only when node_modules is missing or stale), builds Vigil if needed, and runs the tests in
# compat/test/ with node's test runner, every file on its own Vigil started from one shared data dir
# (prepare.js). Exits non-zero on any failure or when the time budget runs out.
#
#   bash compat/run.sh                      # from the repo root (or from anywhere)
#   bash compat/run.sh test/auth.test.js    # only some files (paths relative to compat/)
#
# Environment: COMPAT_TIMEOUT (seconds for the whole run, default 300 — a clean clone's first Maven
# build takes ~40 s, the tests ~25 s), COMPAT_CONCURRENCY (test files run at once, default 3).
set -euo pipefail

compat="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$compat"

deadline=$((SECONDS + ${COMPAT_TIMEOUT:-300}))
remaining() {
  local left=$((deadline - SECONDS))
  if [ "$left" -le 0 ]; then echo "compat: time budget (${COMPAT_TIMEOUT:-300} s) used up" >&2; exit 124; fi
  echo "$left"
}

command -v node >/dev/null || { echo "compat: needs Node.js >= 20 (node not found)" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || { echo "compat: needs Node.js >= 20, found $(node --version)" >&2; exit 1; }

# npm ci only when node_modules does not match package-lock.json (stamp = the lock file's hash).
lock_hash="$(node -e 'const c=require("node:crypto"),f=require("node:fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync("package-lock.json")).digest("hex"))')"
stamp="node_modules/.compat-lock-sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "compat: npm ci (node_modules missing or stale)" >&2
  timeout "$(remaining)" npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$lock_hash" >"$stamp"
fi

# Build once up front (./vigil rebuilds only when sources changed), so a build failure reads as one.
timeout "$(remaining)" ../vigil --version >/dev/null

if [ "$#" -gt 0 ]; then files=("$@"); else files=(test/*.test.js); fi
# Every test file's data dir goes in here; removed even when the tests are killed by the time budget.
VIGIL_COMPAT_TMP="$(mktemp -d "${TMPDIR:-/tmp}/vigil-compat-run.XXXXXX")"
export VIGIL_COMPAT_TMP
trap 'rm -rf "$VIGIL_COMPAT_TMP"' EXIT
# The fixture import and the credentials, once: every test file starts from a copy (harness.js).
VIGIL_COMPAT_TEMPLATE="$VIGIL_COMPAT_TMP/template"
timeout --kill-after=10 "$(remaining)" node prepare.js "$VIGIL_COMPAT_TEMPLATE"
export VIGIL_COMPAT_TEMPLATE
# timeout signals its whole process group: the test processes and the Vigil servers they started.
status=0
timeout --kill-after=10 "$(remaining)" node --test \
  --test-reporter=spec \
  --test-concurrency="${COMPAT_CONCURRENCY:-3}" \
  --test-timeout=60000 \
  "${files[@]}" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "compat: stopped: the time budget (COMPAT_TIMEOUT=${COMPAT_TIMEOUT:-300} s) ran out" >&2
fi
exit "$status"
