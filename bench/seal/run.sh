#!/usr/bin/env bash
# Sealing on and off, side by side (issue 16): the durable, audited classification PATCH of bench/run.sh against
# one Vigil build started with the change log sealed every SEAL_EVERY (`serve --seal-every 1s`, the default) and
# with sealing off (`--seal-every 0`), alternated on one database; then the sealing delay of every entry made
# while sealing was on, from the database.
#
#   bash bench/seal/run.sh
#   DATABASE=postgres bash bench/seal/run.sh
#
# Each of ROUNDS rounds has one run with sealing on and one with it off, in the order on/off, off/on, on/off…
# A run: start `./vigil serve` with that setting, WARMUP of PATCH on warm-up insights of its own, CHECKPOINT
# (postgres), wait for the machine to be quiet, DURATION of PATCH measured (wrk + bench/wrk/bench.lua, as in
# bench/run.sh), 2 s for the requests in flight to commit, stop the server (it seals what waits at shutdown).
# Every run walks insights of its own (r1on-000001…, w1on-…), all imported at the start, so every request is a
# real change (one commit, one entry) without resetting anything behind the log's back: at the end
# `vigil audit checkpoint` and `vigil audit verify` must find the log intact. After a run with sealing off,
# `vigil audit checkpoint` seals its entries, so the next server with sealing on does not start with a backlog.
#
# Sealing delay: for each entry whose changed_at_ms lies in a sealing-on run's measured window, its seal's
# sealed_at_ms minus its changed_at_ms (audit_log.position between the seal's first_position and
# last_position); p50/p99/max per run and over all of them.
#
# Environment (all optional; the names and defaults of bench/run.sh where they overlap):
#   DURATION=15s  WARMUP=5s  CONNECTIONS=64  THREADS=2  INSIGHTS=10000 (per run)  VIGIL_HEAP=256m
#   QUIET_WAIT=120   before each measured run, wait up to this many seconds for < 0.15 cores busy elsewhere
#   DATABASE=sqlite  or postgres (a throwaway local cluster, bench/postgres.sh; one node)
#   ROUNDS=3         rounds of one run with sealing on and one with it off
#   SEAL_EVERY=1s    the period of the sealing-on runs
#
# Prints a markdown report on stdout (also in bench/target/seal-<timestamp>/results.md, with the raw wrk outputs
# and server logs); progress goes to stderr. Everything runs on 127.0.0.1; every process started here is
# stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DATABASE="${DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "seal bench: DATABASE must be sqlite or postgres" >&2; exit 1 ;; esac
readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
readonly WARM_INSIGHTS=2000
with_unit() { if [[ $1 =~ ^[0-9]+$ ]]; then echo "${1}s"; else echo "$1"; fi; }
DURATION="$(with_unit "${DURATION:-15s}")"
WARMUP="$(with_unit "${WARMUP:-5s}")"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
INSIGHTS="${INSIGHTS:-10000}"
QUIET_WAIT="${QUIET_WAIT:-120}"
ROUNDS="${ROUNDS:-3}"
SEAL_EVERY="${SEAL_EVERY:-1s}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"

log() { echo "seal bench: $*" >&2; }
die() { log "$*"; exit 1; }
[[ $DURATION =~ ^[0-9]+s$ && $WARMUP =~ ^[0-9]+s$ ]] || die "DURATION/WARMUP must be seconds, like 15 or 15s"
[ "$INSIGHTS" -ge "$THREADS" ] || die "INSIGHTS must be >= THREADS"
for tool in wrk curl; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
[ "$DATABASE" = postgres ] || command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is required (apt-get install sqlite3)"
apt_install() { return 1; } # bench/postgres.sh installs PostgreSQL through this; here it must be installed already

log "building vigil if needed"
./vigil --version >/dev/null
out="bench/target/seal-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tmp="$(mktemp -d -t vigil-seal-bench.XXXXXX)"
data="$tmp/data"
vigil_pid="" server_java=java
[ "$DATABASE" = postgres ] && source bench/postgres.sh

stop_pid() { # pid: TERM, wait up to 30 s (a server seals what waits at shutdown), then KILL
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  set +e
  stop_pid "$vigil_pid"
  [ "$DATABASE" = postgres ] && pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- measuring (as in bench/run.sh)
clk_tck="$(getconf CLK_TCK)"
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
servers_ticks() {
  local t
  t="$(proc_ticks "$vigil_pid")"
  [ "$DATABASE" = postgres ] && t=$((t + $(pg_ticks)))
  echo "$t"
}
wait_quiet() { # waits (bounded) until processes other than the servers use < 0.15 cores
  local waited=0 m0 s0 m1 s1
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    m0="$(machine_ticks)"; s0="$(servers_ticks)"
    sleep 1
    m1="$(machine_ticks)"; s1="$(servers_ticks)"
    [ $(((m1 - m0) - (s1 - s0))) -lt $((clk_tck * 15 / 100)) ] && return 0
    waited=$((waited + 1))
    if [ $((waited % 15)) -eq 0 ]; then log "waiting for other processes to go idle ($waited s)"; fi
  done
  log "the machine is still busy after ${QUIET_WAIT} s; measuring anyway (see the other CPU column)"
}
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- database
store=(--data-dir "$data") # with PostgreSQL the data directory still holds the sealing key
if [ "$DATABASE" = postgres ]; then
  pg_start "$tmp/pg" || die "could not start PostgreSQL (apt-get install postgresql)"
  store+=(--database-url "$PG_URL")
  sql() { pg_sql "$1"; }
else
  sql() { sqlite3 -readonly "$data/vigil.db" "$1"; }
fi
run_names=()
for ((r = 1; r <= ROUNDS; r++)); do
  if [ $((r % 2)) -eq 1 ]; then run_names+=("r${r}on" "r${r}off"); else run_names+=("r${r}off" "r${r}on"); fi
done
log "importing $((${#run_names[@]} * (INSIGHTS + WARM_INSIGHTS))) insights (${#run_names[@]} runs × $INSIGHTS + $WARM_INSIGHTS for warm-up) into a fresh $DATABASE database"
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" -v w="$WARM_INSIGHTS" -v runs="${run_names[*]}" 'BEGIN {
  split("Low Moderate Critical", sev, " ")
  fmt = "{\"id\":\"%s-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\"," \
        "\"issue_type\":\"insecure_configuration\",\"severity\":\"%s\",\"subject\":\"host-%06d.example.com\"}\n"
  k = split(runs, name, " ")
  for (j = 1; j <= k; j++) {
    for (i = 1; i <= n; i++) printf fmt, name[j], i, acct, sev[i % 3 + 1], i
    warm = "w" substr(name[j], 2)
    for (i = 1; i <= w; i++) printf fmt, warm, i, acct, sev[i % 3 + 1], i
  }
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" "${store[@]}" >&2
token="$(./vigil token create "${store[@]}" --name bench --permission edit --account "$ACCOUNT")"
[ -n "$token" ] || die "no token"
patch_headers=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

start_vigil() { # name seal_every
  local port=""
  ./vigil serve "${store[@]}" --host 127.0.0.1 --port 0 --seal-every "$2" >"$out/$1.log" 2>&1 &
  vigil_pid=$! # ./vigil execs java, so this is the JVM
  for _ in $(seq 1 240); do
    kill -0 "$vigil_pid" 2>/dev/null || { cat "$out/$1.log" >&2; die "vigil exited"; }
    port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/$1.log" | head -n1 || true)"
    [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    port=""
    sleep 0.5
  done
  [ -n "$port" ] || die "vigil did not start; see $out/$1.log"
  vigil="http://127.0.0.1:$port"
  server_java="$(readlink "/proc/$vigil_pid/exe")"
}

wrk_patch() { # file duration prefix count
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "${patch_headers[@]}" -s bench/wrk/bench.lua "$vigil" \
    -- patch "$ACCOUNT" "$3" "$4" "$THREADS" >"$1" 2>&1 || { cat "$1" >&2; die "wrk failed ($1)"; }
}

run_one() { # name (r<round>on or r<round>off)
  local name="$1" setting a0 a1 s0 s1 v0 v1 c0 c1 m0 m1 t0 t1
  case "$name" in *on) setting="$SEAL_EVERY" ;; *) setting=0 ;; esac
  log "$name: vigil serve --seal-every $setting; ${WARMUP} warm-up, ${DURATION} measured"
  start_vigil "$name" "$setting"
  wrk_patch "$out/$name.warmup.wrk.txt" "$WARMUP" "w${name#r}" "$WARM_INSIGHTS"
  [ "$DATABASE" = postgres ] && sql 'CHECKPOINT' >/dev/null
  sleep 2
  wait_quiet
  a0="$(sql 'SELECT count(*) FROM audit_log')"
  s0="$(sql 'SELECT count(*) FROM audit_seals')"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/$name.metrics"
  v0="$(servers_ticks)"; c0="$(children_ticks)"; m0="$(machine_ticks)"; t0="$(now_ms)"
  wrk_patch "$out/$name.wrk.txt" "$DURATION" "$name" "$INSIGHTS"
  m1="$(machine_ticks)"; c1="$(children_ticks)"; v1="$(servers_ticks)"
  sleep 2 # the requests in flight when wrk stopped commit, and (sealing on) a round seals them
  t1="$(now_ms)"
  a1="$(sql 'SELECT count(*) FROM audit_log')"
  s1="$(sql 'SELECT count(*) FROM audit_seals')"
  stop_pid "$vigil_pid"
  vigil_pid=""
  {
    sed -n 's/^BENCH //p' "$out/$name.wrk.txt"
    echo "window_ms $t0 $t1"
    echo "audit_added $((a1 - a0))"
    echo "seals_added $((s1 - s0))"
    awk -v v="$((v1 - v0))" -v c="$((c1 - c0))" -v m="$((m1 - m0))" -v t="$clk_tck" 'BEGIN {
      o = m - v - c; if (o < 0) o = 0
      printf "server_cpu_s %.2f\nwrk_cpu_s %.2f\nother_cpu_s %.2f\n", v / t, c / t, o / t }'
  } >>"$out/$name.metrics"
  if [ "$setting" = 0 ]; then
    log "$name: sealing its entries (vigil audit checkpoint) before the next run"
    ./vigil audit checkpoint "${store[@]}" >/dev/null
  fi
}

for name in "${run_names[@]}"; do run_one "$name"; done

log "sealing what waits, then verifying the whole log"
./vigil audit checkpoint "${store[@]}" >"$out/checkpoint.txt"
verify_status=0
./vigil audit verify "${store[@]}" >"$out/verify.txt" 2>&1 || verify_status=$?

# ---------------------------------------------------------------- sealing delay
for name in "${run_names[@]}"; do
  case "$name" in *on) ;; *) continue ;; esac
  read -r t0 t1 < <(awk '$1 == "window_ms" { print $2, $3 }' "$out/$name.metrics")
  sql "SELECT s.sealed_at_ms - a.changed_at_ms FROM audit_log a JOIN audit_seals s
         ON a.position BETWEEN s.first_position AND s.last_position
       WHERE a.changed_at_ms BETWEEN $t0 AND $t1" >"$out/$name.delays"
done
unsealed_on="$(for name in "${run_names[@]}"; do
  case "$name" in *on) awk '$1 == "window_ms" { print $2, $3 }' "$out/$name.metrics" ;; esac
done | while read -r t0 t1; do sql "SELECT count(*) FROM audit_log WHERE position IS NULL AND changed_at_ms BETWEEN $t0 AND $t1"; done | awk '{ s += $1 } END { print s + 0 }')"

# ---------------------------------------------------------------- report
metric() { awk -v k="$2" '$1 == k { print $2; found = 1 } END { if (!found) print 0 }' "$out/$1.metrics"; }
rps() { awk -v r="$(metric "$1" requests)" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v u="$(metric "$1" "$2")" 'BEGIN { printf "%.2f", u / 1000 }'; }
cores() { awk -v c="$(metric "$1" "$2")" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.2f", c / (d / 1e6) }'; }
non_2xx() { awk '$1 ~ /^status_/ { s = substr($1, 8) + 0; if (s < 200 || s > 299) n += $2 } END { print n + 0 }' "$out/$1.metrics"; }
audit_check() { # every 200 wrote one entry (plus up to the requests unanswered when wrk stopped)
  local ok added unanswered
  ok="$(metric "$1" status_200)" added="$(metric "$1" audit_added)"
  unanswered=$(($(metric "$1" sent) - $(metric "$1" answered)))
  if [ "$added" -ge "$ok" ] && [ "$added" -le $((ok + unanswered)) ]; then echo "ok ($added)"; else echo "**MISMATCH** ($added entries, $ok 200s)"; fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
runs_of() { for name in "${run_names[@]}"; do case "$name" in *"$1") echo "$name" ;; esac; done; }
percentiles() { # files...: p50 p99 max count of the delays in them
  cat "$@" | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- - - 0"; exit }
    printf "%d %d %d %d\n", v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.99) + 1], v[NR], NR }'
}

{
  echo "### Sealing on and off: classification PATCH on $DATABASE"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1);" \
    "$("$server_java" -version 2>&1 | head -n1);" \
    "$(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)$([ "$DATABASE" = postgres ] && echo "; $("$PG_BIN/postgres" --version)")"
  echo "- commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes');" \
    "$ROUNDS rounds, each one run with \`--seal-every $SEAL_EVERY\` and one with \`--seal-every 0\`, alternating which goes first;" \
    "per run a fresh server, ${WARMUP} warm-up, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency over $INSIGHTS insights of its own;" \
    "-Xmx$VIGIL_HEAP -XX:+UseSerialGC"
  echo
  echo "| run | sealing | req/s | p50 (ms) | p99 (ms) | non-2xx | entries = 200s | seals made | server CPU (cores) | wrk CPU | other CPU | load avg |"
  echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"
  for name in "${run_names[@]}"; do
    case "$name" in *on) label="every $SEAL_EVERY" ;; *) label="off" ;; esac
    echo "| ${name%o*} | $label | $(rps "$name") | $(ms "$name" p50_us) | $(ms "$name" p99_us) | $(non_2xx "$name") |" \
      "$(audit_check "$name") | $(metric "$name" seals_added) | $(cores "$name" server_cpu_s) | $(cores "$name" wrk_cpu_s) |" \
      "$(cores "$name" other_cpu_s) | $(metric "$name" load) $(awk '$1 == "load" { print $3, $4 }' "$out/$name.metrics") |"
  done
  echo
  on_rps="$(for n in $(runs_of on); do rps "$n"; echo; done | median)"
  off_rps="$(for n in $(runs_of off); do rps "$n"; echo; done | median)"
  on_p99="$(for n in $(runs_of on); do ms "$n" p99_us; echo; done | median | xargs printf "%.2f")"
  off_p99="$(for n in $(runs_of off); do ms "$n" p99_us; echo; done | median | xargs printf "%.2f")"
  spread() { for n in $(runs_of "$1"); do rps "$n"; echo; done | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
  ratio="$(awk -v a="$on_rps" -v b="$off_rps" 'BEGIN { printf "%.1f", 100 * a / b }')"
  round_ratios="$(for ((r = 1; r <= ROUNDS; r++)); do
    awk -v a="$(rps "r${r}on")" -v b="$(rps "r${r}off")" 'BEGIN { printf "%.1f\n", 100 * a / b }'; done)"
  echo "| median of $ROUNDS | req/s (spread) | p99 (ms) |"
  echo "|---|---:|---:|"
  echo "| sealing every $SEAL_EVERY | $(printf '%.0f' "$on_rps") ($(spread on)) | $on_p99 |"
  echo "| sealing off | $(printf '%.0f' "$off_rps") ($(spread off)) | $off_p99 |"
  echo "| **on / off** | **${ratio}%** (per round: $(echo "$round_ratios" | paste -sd' ' | sed 's/ /%, /g')%) | |"
  echo
  verdict="$(awk -v r="$ratio" 'BEGIN { print (r >= 90 ? "met" : "**missed**") }')"
  echo "Target: PATCH throughput with sealing on >= 90% of sealing off: ${ratio}% — $verdict."
  echo
  echo "Sealing delay (sealed_at_ms of the entry's seal − the entry's changed_at_ms), entries made in the measured" \
    "window of the sealing-on runs (and the 2 s after, while the server still ran):"
  echo
  echo "| run | entries | p50 (ms) | p99 (ms) | max (ms) |"
  echo "|---|---:|---:|---:|---:|"
  for name in $(runs_of on); do
    read -r p50 p99 max count < <(percentiles "$out/$name.delays")
    echo "| ${name%on} | $count | $p50 | $p99 | $max |"
  done
  files=()
  for name in $(runs_of on); do files+=("$out/$name.delays"); done
  read -r p50 p99 max count < <(percentiles "${files[@]}")
  echo "| **all** | $count | **$p50** | **$p99** | **$max** |"
  echo
  echo "Entries of the sealing-on runs still unsealed when the last server stopped: $unsealed_on." \
    "At the end: \`vigil audit checkpoint\` then \`vigil audit verify\`: $(tr '\n' ' ' <"$out/verify.txt")(exit $verify_status)."
  echo
  echo "Raw outputs: $out/"
} | tee "$out/results.md"
[ "$verify_status" = 0 ] || die "vigil audit verify found the log broken; see $out/verify.txt"
