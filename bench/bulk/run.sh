#!/usr/bin/env bash
# Bulk triage (issue 17): how long one bulk classification of BULK insights takes, end to end, through a real
# `vigil serve` on SQLite (default) or a throwaway local PostgreSQL (DATABASE=postgres, bench/postgres.sh).
#
#   bash bench/bulk/run.sh                       # ROUNDS=60 BULK=1000 INSIGHTS=20000 WARMUP=10
#   DATABASE=postgres bash bench/bulk/run.sh
#
# Each round sends one POST …/vigil/accounts/ACCOUNT/insights/bulk/classification naming BULK distinct insights
# (a window moving through INSIGHTS), alternately classifying them false_positive and resetting them, so every
# round changes all BULK insights (BULK change-log entries in one transaction). One client, one request at a
# time; curl's time_total is the latency. Prints p50, p90, p99 and max after WARMUP unmeasured rounds, checks
# every answer was a 200 with applied=true and changed all BULK insights.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${ROUNDS:-60}" BULK="${BULK:-1000}" INSIGHTS="${INSIGHTS:-20000}" WARMUP="${WARMUP:-10}"
DATABASE="${DATABASE:-sqlite}"
ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
tmp="$(mktemp -d)"
vigil_pid=""
cleanup() {
  if [ -n "$vigil_pid" ]; then kill "$vigil_pid" 2>/dev/null; wait "$vigil_pid" 2>/dev/null || true; fi
  if [ "$DATABASE" = postgres ]; then pg_stop; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
log() { echo "bulk: $*" >&2; }

store=(--data-dir "$tmp/data")
if [ "$DATABASE" = postgres ]; then
  source bench/postgres.sh
  pg_start "$tmp/pg"
  store=(--database-url "$PG_URL")
fi
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" 'BEGIN {
  for (i = 1; i <= n; i++) printf "{\"id\":\"bulk-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\",\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"host-%06d.example.com\"}\n", i, acct, i
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" "${store[@]}" >&2
token="$(./vigil token create "${store[@]}" --name bench --permission edit --account "$ACCOUNT")"
./vigil serve "${store[@]}" --host 127.0.0.1 --port 0 >"$tmp/vigil.log" 2>&1 &
vigil_pid=$!
port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$tmp/vigil.log" | head -n1 || true)"
  [ -n "$port" ] && break
  sleep 0.25
done
[ -n "$port" ] || { cat "$tmp/vigil.log" >&2; exit 1; }
url="http://127.0.0.1:$port/client/v4/vigil/accounts/$ACCOUNT/insights/bulk/classification"

: >"$tmp/times"
windows=$((INSIGHTS / BULK))
for round in $(seq 1 $((WARMUP + ROUNDS))); do
  window=$(((round - 1) / 2 % windows))
  if [ $((round % 2)) -eq 1 ]; then change='"classification":"false_positive"'; else change='"classification":null'; fi
  awk -v from=$((window * BULK + 1)) -v n="$BULK" -v change="$change" 'BEGIN {
    printf "{\"ids\":["; for (i = 0; i < n; i++) printf "%s\"bulk-%06d\"", (i ? "," : ""), from + i; printf "],%s}", change
  }' >"$tmp/body.json"
  answer="$(curl -sS -o "$tmp/answer.json" -w '%{http_code} %{time_total}' -X POST "$url" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "@$tmp/body.json")"
  status="${answer% *}"
  [ "$status" = 200 ] && grep -q '"applied":true' "$tmp/answer.json" || { log "round $round: $status $(cat "$tmp/answer.json")"; exit 1; }
  grep -q "\"change\":$BULK" "$tmp/answer.json" || { log "round $round did not change all $BULK: $(head -c 300 "$tmp/answer.json")"; exit 1; }
  [ "$round" -gt "$WARMUP" ] && echo "${answer#* }" >>"$tmp/times"
done
sort -n "$tmp/times" | awk -v db="$DATABASE" -v bulk="$BULK" '{ t[NR] = $1 * 1000 } END {
  n = NR; i50 = int(n * 0.50 + 0.5); i90 = int(n * 0.90 + 0.5); i99 = int(n * 0.99 + 0.5)
  if (i99 > n) i99 = n
  printf "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |\n", db, bulk, n, t[i50], t[i90], t[i99], t[n]
}'
