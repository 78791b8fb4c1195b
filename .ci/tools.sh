#!/usr/bin/env bash
# Third-party tools the test suite runs against Vigil, installed with apt-get when missing (as root, or
# through sudo): promtool (Debian's `prometheus` package) checks a /metrics scrape in MetricsTest, openssl
# and curl are TLS clients in TlsTest. In CI (CI=true) those tests fail when a tool is missing; elsewhere
# they skip with a message that names this script.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}
need() { # command, package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "tools: installing $2 (for $1)" >&2
  as_root apt-get install -y -q --no-install-recommends "$2" >/dev/null \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q --no-install-recommends "$2" >/dev/null; }
  command -v "$1" >/dev/null 2>&1 || { echo "tools: $1 is still missing after installing $2" >&2; exit 1; }
}

need promtool prometheus
need curl curl
