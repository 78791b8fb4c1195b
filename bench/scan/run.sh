#!/usr/bin/env bash
# On-demand scans (issue 31): how long one scan takes whose scanner prints COUNT insights, and what a scan running
# does to the classification PATCH beside it, through a real `vigil serve` on SQLite (default) or a throwaway local
# PostgreSQL (DATABASE=postgres, bench/postgres.sh).
#
#   bash bench/scan/run.sh                # SCANS=7 ROUNDS=7 COUNT=10000 DROP=100 WARMUP=10
#   DATABASE=postgres bash bench/scan/run.sh
#
# The server runs one scanner, bench/scan/scanner.sh: an account's first scan prints COUNT new insights; its second
# (the repeat) prints the same insights unchanged but for the first DROP, which it leaves out (so the repeat also
# resolves DROP). Every scan is of an account of its own (Cloudflare's quota: 5 scans per account a day).
#
#   (a) scan duration alone: SCANS accounts, each scanned twice (first, repeat). Two durations: the run, from when
#       the scanner started (it notes the time) to the GET that first lists the scan completed (polled every 20 ms),
#       and what a client sees, from the POST (which adds the 0-1 s the scan waits for the server's scan job, which
#       looks every second);
#   (b) PATCH throughput (bench/wrk/bench.lua's classification PATCH, wrk -t THREADS -c CONNECTIONS, over
#       PATCH_INSIGHTS insights of another account) alone, and beside a first scan and beside a repeat scan: wrk
#       starts when the scanner does and is stopped (SIGINT: it reports what it did) when the scan is listed
#       completed; the run alone lasts as long as the median first scan's run (at least 2 s). ROUNDS rounds, the
#       order of the three runs rotated.
#
# Prints markdown tables on stdout; progress goes to stderr; raw wrk outputs and the server's log go to
# bench/target/scan-<timestamp>/. Every process started here is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SCANS="${SCANS:-7}" ROUNDS="${ROUNDS:-7}" COUNT="${COUNT:-10000}" DROP="${DROP:-100}"
CONNECTIONS="${CONNECTIONS:-64}" THREADS="${THREADS:-2}" PATCH_INSIGHTS="${PATCH_INSIGHTS:-10000}"
WARMUP="${WARMUP:-10}"
DATABASE="${DATABASE:-sqlite}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"
readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
scan_account() { printf '5ca9%028x' "$1"; } # the k-th account scanned (0: the warm-up's)

log() { echo "scan bench: $*" >&2; }
die() { log "$*"; exit 1; }
command -v wrk >/dev/null 2>&1 || die "wrk is missing (apt-get install wrk)"
command -v curl >/dev/null 2>&1 || die "curl is required"

out="bench/target/scan-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tmp="$(mktemp -d -t vigil-scan-bench.XXXXXX)"
vigil_pid="" wrk_pid=""
stop_pid() { # pid: TERM, wait up to 10 s, then KILL
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  set +e
  stop_pid "$wrk_pid"
  stop_pid "$vigil_pid"
  [ "$DATABASE" = postgres ] && pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- data and server
store=(--data-dir "$tmp/data")
if [ "$DATABASE" = postgres ]; then
  source bench/postgres.sh
  pg_start "$tmp/pg" || die "could not start PostgreSQL"
  store=(--database-url "$PG_URL")
fi
log "building vigil if needed"
./vigil --version >/dev/null
log "importing $PATCH_INSIGHTS + 2000 insights for the PATCHes into a fresh $DATABASE database"
awk -v acct="$ACCOUNT" -v n="$PATCH_INSIGHTS" 'BEGIN {
  fmt = "{\"id\":\"%s-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\"," \
        "\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"host-%06d.example.com\"}\n"
  for (i = 1; i <= n; i++) printf fmt, "bench", i, acct, i
  for (i = 1; i <= 2000; i++) printf fmt, "warm", i, acct, i
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" "${store[@]}" >&2
accounts=(--account "$ACCOUNT")
for k in $(seq 0 $((SCANS + ROUNDS))); do accounts+=(--account "$(scan_account "$k")"); done
token="$(./vigil token create "${store[@]}" --name bench --permission edit "${accounts[@]}")"
[ -n "$token" ] || die "no token"

mkdir -p "$tmp/state"
scanner="bench=/bin/sh $PWD/bench/scan/scanner.sh $tmp/state $COUNT $DROP"
log "starting vigil with the scanner: $scanner"
./vigil serve "${store[@]}" --host 127.0.0.1 --port 0 --scanner "$scanner" >"$out/vigil.log" 2>&1 &
vigil_pid=$!
port=""
for _ in $(seq 1 240); do
  kill -0 "$vigil_pid" 2>/dev/null || { cat "$out/vigil.log" >&2; die "vigil exited"; }
  port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/vigil.log" | head -n1 || true)"
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/livez" >/dev/null 2>&1 && break
  port=""
  sleep 0.25
done
[ -n "$port" ] || die "vigil did not start; see $out/vigil.log"
vigil="http://127.0.0.1:$port"
auth=(-H "Authorization: Bearer $token")

# ---------------------------------------------------------------- scans
now() { date +%s.%N; }
start_scan() { # account -> the scan's id
  local answer
  answer="$(curl -sS "${auth[@]}" -H 'Content-Type: application/json' -d '{}' \
    "$vigil/client/v4/accounts/$1/security-center/insights/scans")"
  sed -n 's/.*"scan_id":"\([^"]*\)".*/\1/p' <<<"$answer" | grep . || die "scan of $1 not started: $answer"
}
scan_ended() { # account id: true once the list shows the scan completed; fails the run if it failed
  local list
  list="$(curl -sS "${auth[@]}" "$vigil/client/v4/accounts/$1/security-center/insights/scans")"
  grep -q "\"scan_id\":\"$2\",[^}]*\"status\":\"completed\"" <<<"$list" || return 1
  ! grep -q "\"scan_id\":\"$2\",[^}]*\"failure\"" <<<"$list" || die "scan $2 failed: $list"
}
wait_scan() { # account id
  local deadline=$((SECONDS + 600))
  until scan_ended "$1" "$2"; do
    [ "$SECONDS" -lt "$deadline" ] || die "scan $2 did not end within 600 s"
    sleep 0.02
  done
}
wait_started() { # id: waits until the scanner of scan id started; prints when
  local deadline=$((SECONDS + 60))
  until [ -s "$tmp/state/started-$1" ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "scan $1 did not start within 60 s"
    sleep 0.01
  done
  cat "$tmp/state/started-$1"
}
scan_seconds() { # account: runs one scan, prints its run's duration and the client's, in seconds
  local t0 id
  t0="$(now)"
  id="$(start_scan "$1")"
  wait_scan "$1" "$id"
  awk -v a="$t0" -v s="$(cat "$tmp/state/started-$id")" -v b="$(now)" 'BEGIN { printf "%.2f %.2f\n", b - s, b - a }'
}
insight_status() { # account subject
  curl -sS "${auth[@]}" "$vigil/client/v4/accounts/$1/security-center/insights?subject=$2" \
    | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' | head -n1
}

# ---------------------------------------------------------------- PATCH
patch_args=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json' -s bench/wrk/bench.lua "$vigil")
rate_of() { # wrk output file -> requests per second; fails the run on a non-2xx answer
  awk '$1 == "BENCH" && $2 == "requests" { r = $3 } $1 == "BENCH" && $2 == "duration_us" { d = $3 }
       $1 == "BENCH" && $2 ~ /^status_/ { s = substr($2, 8) + 0; if (s < 200 || s > 299) bad += $3 }
       END { if (bad > 0 || d == 0) exit 1; printf "%.0f\n", r / (d / 1e6) }' "$1" || die "PATCH run $1: a non-2xx answer"
}
patch_alone() { # name seconds: prints the rate
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --latency "${patch_args[@]}" \
    -- patch "$ACCOUNT" bench "$PATCH_INSIGHTS" "$THREADS" >"$out/$1.wrk.txt" 2>&1 || die "wrk $1 failed"
  rate_of "$out/$1.wrk.txt"
}
patch_beside_scan() { # name account: PATCH for as long as one scan of account runs; prints "rate seconds"
  local t0 id seconds
  id="$(start_scan "$2")"
  t0="$(wait_started "$id")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d600s --latency "${patch_args[@]}" \
    -- patch "$ACCOUNT" bench "$PATCH_INSIGHTS" "$THREADS" >"$out/$1.wrk.txt" 2>&1 &
  wrk_pid=$!
  wait_scan "$2" "$id"
  seconds="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')"
  kill -INT "$wrk_pid"
  wait "$wrk_pid" || die "wrk $1 failed"
  wrk_pid=""
  echo "$(rate_of "$out/$1.wrk.txt") $seconds"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---------------------------------------------------------------- runs
log "warming up: ${WARMUP} s of PATCH, then a first and a repeat scan"
patch_alone warmup "$WARMUP" >/dev/null
scan_seconds "$(scan_account 0)" >/dev/null
scan_seconds "$(scan_account 0)" >/dev/null

: >"$tmp/first" && : >"$tmp/repeat"
for k in $(seq 1 "$SCANS"); do
  acct="$(scan_account "$k")"
  first="$(scan_seconds "$acct")"
  repeat="$(scan_seconds "$acct")"
  [ "$(insight_status "$acct" host-000001.example.com)" = resolved ] || die "the repeat scan of $acct did not resolve what it left out"
  log "scan $k (run, from the POST): first $first s, repeat $repeat s"
  echo "$first" >>"$tmp/first" && echo "$repeat" >>"$tmp/repeat"
done
first_median="$(awk '{ print $1 }' "$tmp/first" | median)"
alone_seconds="$(awk -v s="$first_median" 'BEGIN { n = (s == int(s)) ? s : int(s) + 1; print (n < 2) ? 2 : n }')"

: >"$tmp/rounds"
for r in $(seq 1 "$ROUNDS"); do
  acct="$(scan_account $((SCANS + r)))"
  kinds=(alone first repeat)
  for shift in $(seq 1 $(((r - 1) % 3))); do kinds=("${kinds[@]:1}" "${kinds[0]}"); done
  alone="" first="" repeat=""
  for kind in "${kinds[@]}"; do
    sleep 1
    case "$kind" in
      alone) alone="$(patch_alone "r$r-alone" "$alone_seconds")" ;;
      first) first="$(patch_beside_scan "r$r-first" "$acct")" ;;
      repeat) repeat="$(patch_beside_scan "r$r-repeat" "$acct")" ;;
    esac
  done
  log "round $r (${kinds[*]}): PATCH req/s alone $alone; beside a first scan (req/s, its run in s) $first; beside a repeat $repeat"
  echo "$r $(IFS=,; echo "${kinds[*]}") $alone $first $repeat" >>"$tmp/rounds"
done

# ---------------------------------------------------------------- report
echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; $DATABASE; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $("$(readlink "/proc/$vigil_pid/exe")" -version 2>&1 | head -n1)"
echo "- scanner: $COUNT insights a first scan, the same less $DROP a repeat; PATCH: wrk -t$THREADS -c$CONNECTIONS over $PATCH_INSIGHTS insights; -Xmx$VIGIL_HEAP"
echo
echo "| scan of $COUNT insights, alone | runs (s) | run, median (s) | from the POST, median (s) |"
echo "|---|---|---:|---:|"
for kind in first repeat; do
  case "$kind" in first) label="first (all new)" ;; *) label="repeat (unchanged, $DROP resolved)" ;; esac
  echo "| $label | $(awk '{ print $1 }' "$tmp/$kind" | paste -sd' ') | $(awk '{ print $1 }' "$tmp/$kind" | median) | $(awk '{ print $2 }' "$tmp/$kind" | median) |"
done
echo
echo "| round | order | PATCH alone (req/s) | beside a first scan (req/s) | its run (s) | beside a repeat scan (req/s) | its run (s) |"
echo "|---|---|---:|---:|---:|---:|---:|"
awk '{ printf "| r%s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$tmp/rounds"
col() { awk -v c="$1" '{ print $c }' "$tmp/rounds" | median; }
awk -v a="$(col 3)" -v f="$(col 4)" -v fs="$(col 5)" -v r="$(col 6)" -v rs="$(col 7)" 'BEGIN {
  printf "| median | | %.0f | %.0f (%.2fx) | %s | %.0f (%.2fx) | %s |\n", a, f, f / a, fs, r, r / a, rs
}'
