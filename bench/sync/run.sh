#!/usr/bin/env bash
# Mirroring a large account from an upstream Vigil (issue 19): requests used and wall time of `vigil sync` against
# the minimum possible (every insight once at the largest page size), then of a second sync with nothing changed.
#
#   bash bench/sync/run.sh
#   INSIGHTS=10000 ZONES=3 bash bench/sync/run.sh
#
# Upstream: `./vigil serve` on a data directory of its own, INSIGHTS imported over ZONES zones and the account
# (one in ZONES+1 at account level), every tenth with an extended context, every 17th dismissed. Downstream: an
# empty data directory. Both SQLite, on 127.0.0.1. Prints a markdown report on stdout (also in
# bench/target/sync-<timestamp>/results.md); progress goes to stderr. Every process started here is stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
INSIGHTS="${INSIGHTS:-100000}"
ZONES="${ZONES:-10}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"
log() { echo "sync bench: $*" >&2; }
die() { log "$*"; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl is required"

log "building vigil if needed"
./vigil --version >/dev/null
out="bench/target/sync-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tmp="$(mktemp -d -t vigil-sync-bench.XXXXXX)"
pid=""
cleanup() {
  set +e
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "importing $INSIGHTS insights over $ZONES zones into the upstream"
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" -v zones="$ZONES" 'BEGIN {
  split("Low Moderate Critical", sev, " ")
  for (i = 1; i <= n; i++) {
    z = i % (zones + 1)
    zone = z == 0 ? "null" : sprintf("\"%032x\"", z)
    ctx = i % 10 == 0 ? sprintf(",\"context\":{\"records\":[{\"name\":\"host-%d\"}]}", i) : ""
    dis = i % 17 == 0 ? "true" : "false"
    printf "{\"id\":\"u-%07d\",\"account_id\":\"%s\",\"zone_id\":%s,\"issue_class\":\"dnssec_disabled\"," \
      "\"issue_type\":\"insecure_configuration\",\"severity\":\"%s\",\"subject\":\"host-%d.example.com\"," \
      "\"dismissed\":%s%s}\n", i, acct, zone, sev[i % 3 + 1], i, dis, ctx
  }
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" --data-dir "$tmp/up" >&2
./vigil token create --data-dir "$tmp/up" --name bench --permission read --account "$ACCOUNT" >"$tmp/token"

./vigil serve --data-dir "$tmp/up" --host 127.0.0.1 --port 0 >"$out/upstream.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/upstream.log" | head -n1 || true)"
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  port=""
  sleep 0.5
done
[ -n "$port" ] || die "upstream did not start; see $out/upstream.log"

sync_once() { # name
  local started ended
  started="$(date +%s%3N)"
  ./vigil sync --data-dir "$tmp/down" --account "$ACCOUNT" --from "http://127.0.0.1:$port/client/v4" \
    --token-file "$tmp/token" >"$out/$1.txt" 2>"$out/$1.err" || { cat "$out/$1.err" >&2; die "sync failed"; }
  ended="$(date +%s%3N)"
  echo "$((ended - started))" >"$out/$1.ms"
}
log "first sync (empty downstream)"
sync_once first
log "second sync (nothing changed upstream)"
sync_once second

field() { sed -n "s/^  $2:[[:space:]]*//p" "$out/$1.txt"; }
contexts=$((INSIGHTS / 10))
{
  echo "### Mirroring $INSIGHTS insights over $ZONES zones from an upstream Vigil"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes'); both sides SQLite on 127.0.0.1, -Xmx$VIGIL_HEAP"
  echo
  echo "| run | requests | listing minimum (insights ÷ 1,000) | + contexts | wall (s) | added | updated | resolved | decisions pulled |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for run in first second; do
    echo "| $run | $(field "$run" 'requests used') | $(((INSIGHTS + 999) / 1000)) | $([ $run = first ] && echo $contexts || echo 0) |" \
      "$(awk -v ms="$(cat "$out/$run.ms")" 'BEGIN { printf "%.1f", ms / 1000 }') | $(field "$run" 'insights added') |" \
      "$(field "$run" 'insights updated') | $(field "$run" 'insights resolved') | $(field "$run" 'decisions pulled') |"
  done
  echo
  echo "Raw outputs: $out/"
} | tee "$out/results.md"
