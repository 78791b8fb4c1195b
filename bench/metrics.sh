#!/usr/bin/env bash
# The cost of /metrics: the durable, audited classification PATCH with metrics off (no --metrics-port: meters
# are no-ops) and on (--metrics-port: Micrometer's Prometheus registry, scraped once a second while wrk runs,
# as a Prometheus would), alternated in one session so both see the same machine. Each run gets a fresh
# copy of the same seeded data directory and a fresh server, a warm-up on insights of its own, then the
# measured run. With metrics on, the scrape's PATCH count is checked against wrk's 200s.
#
#   bash bench/metrics.sh
#
# Environment (all optional): ROUNDS=3 (each round is one run off and one on; the order flips every round),
# DURATION=10s, WARMUP=5s, CONNECTIONS=64, THREADS=2, INSIGHTS=10000, VIGIL_HEAP=256m.
# Prints a markdown table (each run, medians, on/off ratio) on stdout; wrk outputs and server logs go to
# bench/target/metrics-<timestamp>/. Everything runs on 127.0.0.1; every process started here is stopped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
INSIGHTS="${INSIGHTS:-10000}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is required (apt-get install wrk)"

log "building vigil if needed"
./vigil --version >/dev/null
out="bench/target/metrics-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tmp="$(mktemp -d -t vigil-bench-metrics.XXXXXX)"
vigil_pid="" scraper_pid=""
stop_pid() {
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { stop_pid "$scraper_pid"; stop_pid "$vigil_pid"; rm -rf "$tmp"; }
trap cleanup EXIT

log "seeding $INSIGHTS insights (+ as many for the warm-ups)"
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" 'BEGIN {
  fmt = "{\"id\":\"%s-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\"," \
        "\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"host-%06d.example.com\"}\n"
  for (i = 1; i <= n; i++) { printf fmt, "bench", i, acct, i; printf fmt, "warm", i, acct, i }
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" --data-dir "$tmp/template" >&2
token="$(./vigil token create --data-dir "$tmp/template" --name bench --permission edit --account "$ACCOUNT")"

headers=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
run() { # round mode(off|on)
  local name="$1-$2" metrics_args=() port metrics_port=""
  rm -rf "$tmp/data" && cp -r "$tmp/template" "$tmp/data"
  [ "$2" = on ] && metrics_args=(--metrics-port 0)
  : >"$out/$name.log"
  ./vigil serve --data-dir "$tmp/data" --port 0 "${metrics_args[@]}" >"$out/$name.log" 2>&1 &
  vigil_pid=$!
  for _ in $(seq 1 240); do
    port="$(sed -n 's#.*serving http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/$name.log" | head -n1 || true)"
    [ "$2" = on ] && metrics_port="$(sed -n 's#^Metrics: http://127\.0\.0\.1:\([0-9][0-9]*\)/metrics#\1#p' "$out/$name.log" | head -n1 || true)"
    [ -n "$port" ] && { [ "$2" = off ] || [ -n "$metrics_port" ]; } && break
    sleep 0.25
  done
  [ -n "$port" ] || die "vigil did not start; see $out/$name.log"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${headers[@]}" -s bench/wrk/bench.lua \
    "http://127.0.0.1:$port" -- patch "$ACCOUNT" warm "$INSIGHTS" "$THREADS" >"$out/$name.warmup.txt" 2>&1
  if [ "$2" = on ]; then
    (while :; do curl -fsS -o /dev/null "http://127.0.0.1:$metrics_port/metrics" || true; sleep 1; done) &
    scraper_pid=$!
  fi
  log "run $name: wrk ${DURATION}"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" -s bench/wrk/bench.lua \
    "http://127.0.0.1:$port" -- patch "$ACCOUNT" bench "$INSIGHTS" "$THREADS" >"$out/$name.wrk.txt" 2>&1
  stop_pid "$scraper_pid"; scraper_pid=""
  local ok rps p50 p99 check="-"
  ok="$(awk '$1 == "BENCH" && $2 == "status_200" { print $3 }' "$out/$name.wrk.txt")"
  rps="$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$out/$name.wrk.txt")"
  p50="$(awk '$1 == "BENCH" && $2 == "p50_us" { printf "%.2f", $3 / 1000 }' "$out/$name.wrk.txt")"
  p99="$(awk '$1 == "BENCH" && $2 == "p99_us" { printf "%.2f", $3 / 1000 }' "$out/$name.wrk.txt")"
  if [ "$2" = on ]; then
    local counted warm_ok
    warm_ok="$(awk '$1 == "BENCH" && $2 == "status_200" { print $3 }' "$out/$name.warmup.txt")"
    counted="$(curl -fsS "http://127.0.0.1:$metrics_port/metrics" \
      | awk '/^http_server_requests_seconds_count\{.*method="PATCH".*status="200"/ { printf "%d", $2 }')"
    # wrk stops counting with requests still in flight (at most CONNECTIONS per wrk run, warm-up and
    # measured): the server answered and counted those too.
    local extra=$((counted - ok - warm_ok))
    check="$counted = $((ok + warm_ok)) + $extra in flight"
    { [ "$extra" -ge 0 ] && [ "$extra" -le $((2 * CONNECTIONS)) ]; } || check="$check MISMATCH"
  fi
  stop_pid "$vigil_pid"; vigil_pid=""
  echo "$1 $2 $rps $p50 $p99 ${ok:-0} $check" >>"$out/results.txt"
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then run "$round" off; run "$round" on; else run "$round" on; run "$round" off; fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| round | metrics | PATCH req/s | p50 (ms) | p99 (ms) | 200s | scrape's PATCH 200 count = wrk's 200s (incl. warm-up) + in flight at wrk's end |"
echo "|---|---|---:|---:|---:|---:|---|"
awk '{ c = $7; for (i = 8; i <= NF; i++) c = c " " $i; printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, c }' "$out/results.txt"
off="$(awk '$2 == "off" { print $3 }' "$out/results.txt" | median)"
on="$(awk '$2 == "on" { print $3 }' "$out/results.txt" | median)"
ratios="$(awk '{ r[$1, $2] = $3 } END { for (k = 1; k <= '"$ROUNDS"'; k++) printf "%.3f\n", r[k, "on"] / r[k, "off"] }' "$out/results.txt")"
echo
echo "median req/s: off $off, on $on; on/off of the medians: $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }');" \
  "per round: $(echo "$ratios" | paste -sd ' ' -); median of the per-round ratios: $(echo "$ratios" | median)"
log "details in $out"
