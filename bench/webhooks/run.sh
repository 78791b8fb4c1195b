#!/usr/bin/env bash
# Webhooks and PATCH throughput, side by side (issue 18): the durable, audited classification PATCH of bench/run.sh
# against one Vigil build with no webhook subscription, with one subscription to a healthy receiver, and with one
# to a receiver that hangs every delivery (past Vigil's 10 s answer timeout), alternated on one database; and the
# delivery lag (arrival at the healthy receiver minus the change's time) under that load.
#
#   bash bench/webhooks/run.sh
#   DATABASE=postgres bash bench/webhooks/run.sh
#
# Each of ROUNDS rounds has one run of each kind, the order rotated each round. A run: set the subscriptions with
# `vigil webhook` (server stopped), start `./vigil serve --allow-private-webhook-targets`, WARMUP of PATCH on
# warm-up insights of its own, wait for the machine to be quiet, DURATION of PATCH measured (wrk +
# bench/wrk/bench.lua, as in bench/run.sh), then wait (up to DRAIN s) until the healthy receiver has every change
# of the run, read its lag figures, stop the server. The receivers are bench/webhooks/Receiver.java (JDK only).
#
# Environment (all optional; the names and defaults of bench/expiry/run.sh where they overlap):
#   DURATION=15s  WARMUP=5s  CONNECTIONS=64  THREADS=2  INSIGHTS=10000 (per run)  VIGIL_HEAP=256m
#   QUIET_WAIT=120   before each measured run, wait up to this many seconds for < 0.15 cores busy elsewhere
#   DATABASE=sqlite  or postgres (a throwaway local cluster, bench/postgres.sh; one node)
#   ROUNDS=3         rounds of one run of each kind
#   DRAIN=120        seconds to wait for the healthy receiver to catch up after a run
#   RATE=            offer about this many PATCHes a second (bench/webhooks/paced.lua) instead of as many as the
#                    server takes: the API's latency and the delivery lag at a load below saturation
#
# Prints a markdown report on stdout (also in bench/target/webhooks-<timestamp>/results.md, with the raw wrk
# outputs and server logs); progress goes to stderr. Everything runs on 127.0.0.1; every process started here is
# stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DATABASE="${DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "webhooks bench: DATABASE must be sqlite or postgres" >&2; exit 1 ;; esac
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
DRAIN="${DRAIN:-120}"
RATE="${RATE:-}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"

log() { echo "webhooks bench: $*" >&2; }
die() { log "$*"; exit 1; }
[[ $DURATION =~ ^[0-9]+s$ && $WARMUP =~ ^[0-9]+s$ ]] || die "DURATION/WARMUP must be seconds, like 15 or 15s"
for tool in wrk curl java; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
[ "$DATABASE" = postgres ] || command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is required (apt-get install sqlite3)"
apt_install() { return 1; } # bench/postgres.sh installs PostgreSQL through this; here it must be installed already

log "building vigil if needed"
./vigil --version >/dev/null
out="bench/target/webhooks-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tmp="$(mktemp -d -t vigil-webhooks-bench.XXXXXX)"
data="$tmp/data"
vigil_pid="" server_java=java healthy_pid="" hanging_pid=""
[ "$DATABASE" = postgres ] && source bench/postgres.sh

stop_pid() { # pid: TERM, wait up to 30 s, then KILL
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
  stop_pid "$healthy_pid"
  stop_pid "$hanging_pid"
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

# ---------------------------------------------------------------- receivers
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
receiver_up() { # port
  for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$1/stats" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "a receiver did not start; see $out/receiver-*.log"
}
healthy_port="$(free_port)"
java bench/webhooks/Receiver.java "$healthy_port" ok >"$out/receiver-ok.log" 2>&1 &
healthy_pid=$!
hanging_port="$(free_port)"
java bench/webhooks/Receiver.java "$hanging_port" hang >"$out/receiver-hang.log" 2>&1 &
hanging_pid=$!
receiver_up "$healthy_port"
receiver_up "$hanging_port"
log "receivers: healthy on $healthy_port, hanging on $hanging_port"

# ---------------------------------------------------------------- database
store=(--data-dir "$data")
if [ "$DATABASE" = postgres ]; then
  pg_start "$tmp/pg" || die "could not start PostgreSQL (apt-get install postgresql)"
  store+=(--database-url "$PG_URL")
  sql() { pg_sql "$1"; }
else
  sql() { sqlite3 -readonly "$data/vigil.db" "$1"; }
fi
kinds=(none healthy hanging)
run_names=()
for ((r = 1; r <= ROUNDS; r++)); do
  for ((k = 0; k < 3; k++)); do run_names+=("r${r}${kinds[$(((k + r - 1) % 3))]}"); done
done
log "importing $((${#run_names[@]} * (INSIGHTS + WARM_INSIGHTS))) insights into a fresh $DATABASE database"
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
rm -f "$tmp/insights.jsonl"
token="$(./vigil token create "${store[@]}" --name bench --permission edit --account "$ACCOUNT")"
[ -n "$token" ] || die "no token"
patch_headers=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

subscribe() { # kind: remove every subscription, then add the kind's one (the server is stopped)
  local id
  for id in $(./vigil webhook list --account "$ACCOUNT" "${store[@]}" | awk 'NR > 1 { print $1 }'); do
    ./vigil webhook remove "$id" --account "$ACCOUNT" "${store[@]}" >/dev/null
  done
  case "$1" in
    healthy) ./vigil webhook add "http://127.0.0.1:$healthy_port/hook" --account "$ACCOUNT" --allow-private-webhook-targets "${store[@]}" >/dev/null ;;
    hanging) ./vigil webhook add "http://127.0.0.1:$hanging_port/hook" --account "$ACCOUNT" --allow-private-webhook-targets "${store[@]}" >/dev/null ;;
  esac
}

start_vigil() { # name
  local port=""
  ./vigil serve "${store[@]}" --host 127.0.0.1 --port 0 --allow-private-webhook-targets >"$out/$1.log" 2>&1 &
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
  local script=bench/wrk/bench.lua pace=()
  if [ -n "$RATE" ]; then script=bench/webhooks/paced.lua pace=(0 $((CONNECTIONS * 1000 / RATE))); fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "${patch_headers[@]}" -s "$script" "$vigil" \
    -- patch "$ACCOUNT" "$3" "$4" "$THREADS" "${pace[@]}" >"$1" 2>&1 || { cat "$1" >&2; die "wrk failed ($1)"; }
}

stats() { curl -fsS "http://127.0.0.1:$healthy_port/stats"; }
stat_of() { awk -v k="$2" '{ for (i = 1; i < NF; i += 2) if ($i == k) print $(i + 1) }' <<<"$1"; }

run_one() { # name (r<round><kind>)
  local name="$1" kind a0 a1 v0 v1 c0 c1 m0 m1 t0 t1 window got waited=0
  kind="${name#r[0-9]}"; kind="${kind#[0-9]}"
  log "$name: subscription: $kind; ${WARMUP} warm-up, ${DURATION} measured"
  subscribe "$kind"
  start_vigil "$name"
  wrk_patch "$out/$name.warmup.wrk.txt" "$WARMUP" "w${name#r}" "$WARM_INSIGHTS"
  [ "$DATABASE" = postgres ] && sql 'CHECKPOINT' >/dev/null
  sleep 2
  wait_quiet
  if [ "$kind" = healthy ]; then # the warm-up's deliveries, drained before the measured window opens
    got=-1
    for _ in $(seq 1 "$DRAIN"); do
      sleep 1
      window="$(stats)"; [ "$(stat_of "$window" count)" = "$got" ] && break; got="$(stat_of "$window" count)"
    done
    curl -fsS "http://127.0.0.1:$healthy_port/reset" >/dev/null
  fi
  a0="$(sql "SELECT count(*) FROM audit_log")"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/$name.metrics"
  v0="$(servers_ticks)"; c0="$(children_ticks)"; m0="$(machine_ticks)"; t0="$(now_ms)"
  wrk_patch "$out/$name.wrk.txt" "$DURATION" "$name" "$INSIGHTS"
  m1="$(machine_ticks)"; c1="$(children_ticks)"; v1="$(servers_ticks)"
  sleep 2 # the requests in flight when wrk stopped commit
  t1="$(now_ms)"
  a1="$(sql "SELECT count(*) FROM audit_log")"
  if [ "$kind" = healthy ]; then # wait until every change of the run arrived, then read the lag figures
    got=0 window=""
    while [ "$waited" -lt "$DRAIN" ]; do
      sleep 1; waited=$((waited + 1))
      window="$(stats)"
      got="$(stat_of "$window" count)"
      [ "$got" -ge $((a1 - a0)) ] && break
    done
    echo "$window" >"$out/$name.lag"
    echo "delivered $got" >>"$out/$name.metrics"
    echo "drain_s $waited" >>"$out/$name.metrics"
  fi
  stop_pid "$vigil_pid"
  vigil_pid=""
  {
    sed -n 's/^BENCH //p' "$out/$name.wrk.txt"
    echo "window_ms $t0 $t1"
    echo "audit_added $((a1 - a0))"
    awk -v v="$((v1 - v0))" -v c="$((c1 - c0))" -v m="$((m1 - m0))" -v t="$clk_tck" 'BEGIN {
      o = m - v - c; if (o < 0) o = 0
      printf "server_cpu_s %.2f\nwrk_cpu_s %.2f\nother_cpu_s %.2f\n", v / t, c / t, o / t }'
  } >>"$out/$name.metrics"
}

for name in "${run_names[@]}"; do run_one "$name"; done

# ---------------------------------------------------------------- report
metric() { awk -v k="$2" '$1 == k { print $2; found = 1 } END { if (!found) print 0 }' "$out/$1.metrics"; }
rps() { awk -v r="$(metric "$1" requests)" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v u="$(metric "$1" "$2")" 'BEGIN { printf "%.2f", u / 1000 }'; }
cores() { awk -v c="$(metric "$1" "$2")" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.2f", c / (d / 1e6) }'; }
non_2xx() { awk '$1 ~ /^status_/ { s = substr($1, 8) + 0; if (s < 200 || s > 299) n += $2 } END { print n + 0 }' "$out/$1.metrics"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
runs_of() { for name in "${run_names[@]}"; do case "$name" in *"$1") echo "$name" ;; esac; done; }
lag() { # name q: the run's quantile, from the healthy receiver
  [ -f "$out/$1.lag" ] || { echo "-"; return; }
  awk -v k="$2" '{ for (i = 1; i < NF; i += 2) if ($i == k && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' "$out/$1.lag"
}

{
  echo "### Webhooks: classification PATCH on $DATABASE with no subscription, a healthy one, a hanging one$([ -n "$RATE" ] && echo ", about $RATE offered a second")"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1);" \
    "$("$server_java" -version 2>&1 | head -n1);" \
    "$(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)$([ "$DATABASE" = postgres ] && echo "; $("$PG_BIN/postgres" --version)")"
  echo "- commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes');" \
    "$ROUNDS rounds, each one run of each kind, the order rotated; per run a fresh server, ${WARMUP} warm-up, then" \
    "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency over $INSIGHTS insights of its own; -Xmx$VIGIL_HEAP -XX:+UseSerialGC"
  echo
  echo "| run | subscription | req/s | p50 (ms) | p99 (ms) | non-2xx | entries | delivered (healthy) | drain after wrk (s) | lag p50 / p99 / max (ms) | server CPU (cores) | other CPU | load avg |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"
  for name in "${run_names[@]}"; do
    kind="${name#r[0-9]}"; kind="${kind#[0-9]}"
    echo "| ${name%"$kind"} | $kind | $(rps "$name") | $(ms "$name" p50_us) | $(ms "$name" p99_us) | $(non_2xx "$name") |" \
      "$(metric "$name" audit_added) | $([ "$kind" = healthy ] && metric "$name" delivered || echo -) |" \
      "$([ "$kind" = healthy ] && metric "$name" drain_s || echo -) |" \
      "$([ "$kind" = healthy ] && echo "$(lag "$name" p50_ms) / $(lag "$name" p99_ms) / $(lag "$name" max_ms)" || echo -) |" \
      "$(cores "$name" server_cpu_s) | $(cores "$name" other_cpu_s) | $(metric "$name" load) $(awk '$1 == "load" { print $3, $4 }' "$out/$name.metrics") |"
  done
  echo
  med() { for n in $(runs_of "$1"); do rps "$n"; echo; done | median; }
  none_rps="$(med none)" healthy_rps="$(med healthy)" hanging_rps="$(med hanging)"
  pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * a / b }'; }
  per_round() { for ((r = 1; r <= ROUNDS; r++)); do pct "$(rps "r${r}$1")" "$(rps "r${r}none")"; echo; done | paste -sd' ' | sed 's/ /%, /g'; }
  echo "| median of $ROUNDS | req/s | vs no subscription |"
  echo "|---|---:|---|"
  echo "| no subscription | $(printf '%.0f' "$none_rps") | |"
  echo "| healthy receiver | $(printf '%.0f' "$healthy_rps") | **$(pct "$healthy_rps" "$none_rps")%** (per round: $(per_round healthy)%) |"
  echo "| hanging receiver | $(printf '%.0f' "$hanging_rps") | **$(pct "$hanging_rps" "$none_rps")%** (per round: $(per_round hanging)%) |"
  echo
  echo "Targets: PATCH throughput with a healthy subscription >= 90% of none: $(pct "$healthy_rps" "$none_rps")%;" \
    "with a hanging receiver >= 90%: $(pct "$hanging_rps" "$none_rps")%."
  echo
  echo "Raw outputs: $out/"
} | tee "$out/results.md"
