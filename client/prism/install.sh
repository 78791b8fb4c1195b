#!/usr/bin/env bash
# Installs Stoplight Prism (pinned in package-lock.json) into client/prism/node_modules for the Java client's
# shape check, client/src/test/java/io/vigil/client/prism/PrismShapeTest.java: npm ci, only when node_modules is
# missing or does not match the lock file. Then `mvn verify` runs the check; without Prism it is skipped (and fails
# under CI=true). Needs Node.js >= 20.
#
#   bash client/prism/install.sh && mvn verify
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v node >/dev/null || { echo "prism: needs Node.js >= 20 (node not found)" >&2; exit 1; }
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || { echo "prism: needs Node.js >= 20, found $(node --version)" >&2; exit 1; }

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.prism-lock-sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "prism: npm ci (node_modules missing or stale)" >&2
  # --ignore-scripts: Prism needs no install script (one of its dependencies' only phones home).
  timeout 300 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2
  echo "$lock_hash" >"$stamp"
fi
