#!/usr/bin/env bash
# Benchmark of the durable, audited classification PATCH, side by side with the trivial GET /livez
# (same HTTP stack), a trivial PATCH server on the same HTTP stack (bench/trivial/TrivialPatch.java: the
# same route, request and reply, but no auth, JSON or database) and a WireMock stub of the same PATCH route.
#
#   bash bench/run.sh
#
# Environment (all optional):
#   DURATION=30s      length of each measured wrk run (plain seconds or wrk time units)
#   WARMUP=10s        length of each warm-up run (one per target, before any measured run)
#   CONNECTIONS=64    wrk connections;   THREADS=2  wrk threads
#   INSIGHTS=10000    insights the measured PATCH run walks (split between the wrk threads)
#   VIGIL_HEAP=256m   heap of every JVM (read by ./vigil; the trivial PATCH server and WireMock get the
#                     same flags)
#   QUIET_WAIT=180    before each measured run, wait up to this many seconds for the rest of the
#                     machine to be idle (< 0.15 cores busy outside the servers); 0 skips it
#   DATABASE=sqlite   or postgres: Vigil on a throwaway local PostgreSQL (bench/postgres.sh: initdb in a
#                     temp dir, fsync and synchronous_commit on, stopped and deleted on exit). Instead of
#                     /livez, the trivial PATCH and WireMock it then measures, in ROUNDS interleaved rounds:
#                     PostgreSQL's own rate for the same write, one transaction per request, from two clients
#                     (pgbench with bench/pgbench/per-op.sql and CONNECTIONS clients; the Java JDBC client
#                     bench/pgbench/PerOpJdbc.java with CONNECTIONS virtual threads on a pool of Vigil's
#                     size), and Vigil's PATCH with each node count in NODES
#   NODES="1 2"       (postgres) node counts to measure; with n nodes, n `vigil serve` processes share the
#                     database and n wrk processes share the load (CONNECTIONS/n connections and
#                     THREADS/n threads each)
#   ROUNDS=3          (postgres) rounds of [pgbench, JDBC per-op, Vigil on each node count]; the report gives
#                     each run and the medians
#
# Prints a markdown table on stdout; progress goes to stderr. Raw wrk outputs, RSS samples and
# server logs go to bench/target/run-<timestamp>/. Everything runs on 127.0.0.1 only, and every
# process started here is stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
DATABASE="${DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "bench: DATABASE must be sqlite or postgres" >&2; exit 1 ;; esac

readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
readonly WIREMOCK_VERSION=3.13.2
# WIREMOCK_FLAGS=default runs the stub as WireMock ships (request journal and logging on, as measured in
# shared/notes); the default here turns both off, the fastest WireMock we could make.
if [ "${WIREMOCK_FLAGS:-fast}" = default ]; then WIREMOCK_FLAGS=""; else WIREMOCK_FLAGS="--no-request-journal --disable-request-logging"; fi
readonly WARM_INSIGHTS=2000

with_unit() { if [[ $1 =~ ^[0-9]+$ ]]; then echo "${1}s"; else echo "$1"; fi; }
DURATION="$(with_unit "${DURATION:-30s}")"
WARMUP="$(with_unit "${WARMUP:-10s}")"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
INSIGHTS="${INSIGHTS:-10000}"
QUIET_WAIT="${QUIET_WAIT:-180}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"
NODES="${NODES:-1 2}"
ROUNDS="${ROUNDS:-3}"

log() { echo "bench: $*" >&2; }
die() { log "$*"; exit 1; }

seconds_of() { # wrk duration (30s, 2m, 1h) -> whole seconds
  local v="${1%[smh]}"
  case "$1" in *m) echo $((v * 60)) ;; *h) echo $((v * 3600)) ;; *) echo "$v" ;; esac
}
[[ $DURATION =~ ^[0-9]+[smh]$ && $WARMUP =~ ^[0-9]+[smh]$ ]] || die "DURATION/WARMUP must look like 30 or 30s"
[ "$INSIGHTS" -ge "$THREADS" ] || die "INSIGHTS must be >= THREADS"
if [ "$DATABASE" = postgres ]; then
  for n in $NODES; do
    [ $((THREADS % n)) -eq 0 ] && [ $((CONNECTIONS % n)) -eq 0 ] || die "THREADS and CONNECTIONS must divide by every NODES count"
  done
  [ "$INSIGHTS" -ge "$CONNECTIONS" ] || die "INSIGHTS must be >= CONNECTIONS (pgbench clients own insights)"
fi

# ---------------------------------------------------------------- tools
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  as_root apt-get install -y -q "$1" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q "$1" >/dev/null 2>&1; }
}
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  apt_install wrk || die "wrk is missing and could not be installed (apt-get install wrk)"
fi
have_sqlite=1
if [ "$DATABASE" = postgres ]; then
  : # the audit check uses psql, which bench/postgres.sh installs with the server
elif ! command -v sqlite3 >/dev/null 2>&1; then
  log "installing sqlite3 (for the audit check)"
  apt_install sqlite3 || { have_sqlite=0; log "no sqlite3: the audit check is skipped"; }
fi
command -v curl >/dev/null 2>&1 || die "curl is required"

mkdir -p bench/target
wiremock_jar="bench/target/wiremock-standalone-$WIREMOCK_VERSION.jar"
if [ "$DATABASE" = sqlite ] && [ ! -f "$wiremock_jar" ]; then
  log "fetching WireMock $WIREMOCK_VERSION from Maven Central"
  # Run from bench/ (no pom there) so Maven does not load the project's pom.xml.
  (cd bench && mvn -B -q dependency:copy \
    "-Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION" "-DoutputDirectory=$PWD/target") >&2
  [ -f "$wiremock_jar" ] || die "could not fetch WireMock"
fi

log "building vigil if needed"
./vigil --version >/dev/null

out="bench/target/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

# ---------------------------------------------------------------- processes and cleanup
tmp="$(mktemp -d -t vigil-bench.XXXXXX)"
data="$tmp/data"
vigil_pid="" wiremock_pid="" trivial_pid="" jdbc_pid="" sampler_pid=""
node_pids=() # postgres: the nodes
[ "$DATABASE" = postgres ] && source bench/postgres.sh

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
  stop_pid "$sampler_pid"
  stop_pid "$wiremock_pid"
  stop_pid "$trivial_pid"
  stop_pid "$jdbc_pid"
  stop_pid "$vigil_pid"
  for pid in "${node_pids[@]}"; do stop_pid "$pid"; done
  [ "$DATABASE" = postgres ] && pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { # a port nothing listens on (the server binds it a moment later)
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# ---------------------------------------------------------------- measuring
clk_tck="$(getconf CLK_TCK)"
proc_ticks() { # utime + stime of a process (0 once it is gone)
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; } # of this shell's waited-for children
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # all CPUs busy

sample_rss() { # pid max_seconds file: VmRSS in kB every 0.2 s, bounded
  local pid="$1" max=$(($2 * 5 + 100)) i=0 key value rest
  while [ "$i" -lt "$max" ] && [ -r "/proc/$pid/status" ]; do
    while read -r key value rest; do
      [ "$key" = "VmRSS:" ] && echo "$value"
    done <"/proc/$pid/status"
    sleep 0.2
    i=$((i + 1))
  done >"$3"
}

servers_ticks() { echo $(($(proc_ticks "$vigil_pid") + $(proc_ticks "$wiremock_pid") + $(proc_ticks "$trivial_pid"))); }
wait_quiet() { # waits (bounded) until processes other than the servers use < 0.15 cores
  local waited=0 m0 s0 m1 s1 other
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    m0="$(machine_ticks)"; s0="$(servers_ticks)"
    sleep 1
    m1="$(machine_ticks)"; s1="$(servers_ticks)"
    other=$(((m1 - m0) - (s1 - s0)))
    if [ "$other" -lt $((clk_tck * 15 / 100)) ]; then return 0; fi
    waited=$((waited + 1))
    if [ $((waited % 15)) -eq 0 ]; then log "waiting for other processes to go idle ($waited s)"; fi
  done
  log "the machine is still busy after ${QUIET_WAIT} s; measuring anyway (see the other CPU column)"
}

vm_hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

audit_rows() { sqlite3 -readonly "$data/vigil.db" 'SELECT count(*) FROM audit_log;'; }

run_wrk() { # name server_pid duration url [wrk options...] -- script args
  local name="$1" server_pid="$2" duration="$3" url="$4"
  shift 4
  kill -0 "$server_pid" 2>/dev/null || die "the server for $name (pid $server_pid) is gone; see $out/*.log"
  local wrk_opts=() script_args=()
  while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do wrk_opts+=("$1"); shift; done
  [ "$#" -gt 0 ] && shift
  script_args=("$@")
  log "wrk $name: ${duration} against $url"
  sample_rss "$server_pid" "$(seconds_of "$duration")" "$out/$name.rss" &
  sampler_pid=$!
  local s0 c0 m0 s1 c1 m1
  s0="$(proc_ticks "$server_pid")"
  c0="$(children_ticks)"
  m0="$(machine_ticks)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "${wrk_opts[@]}" \
    -s bench/wrk/bench.lua "$url" -- "${script_args[@]}" >"$out/$name.wrk.txt" 2>&1 \
    || { cat "$out/$name.wrk.txt" >&2; die "wrk $name failed"; }
  m1="$(machine_ticks)"
  c1="$(children_ticks)"
  s1="$(proc_ticks "$server_pid")"
  stop_pid "$sampler_pid"
  sampler_pid=""
  {
    grep '^BENCH ' "$out/$name.wrk.txt" | sed 's/^BENCH //'
    echo "server_cpu_s $(awk -v a="$s0" -v b="$s1" -v t="$clk_tck" 'BEGIN { printf "%.2f", (b - a) / t }')"
    echo "wrk_cpu_s $(awk -v a="$c0" -v b="$c1" -v t="$clk_tck" 'BEGIN { printf "%.2f", (b - a) / t }')"
    # CPU used by anything else on the machine (other processes, kernel threads) meanwhile
    echo "other_cpu_s $(awk -v m="$((m1 - m0))" -v s="$((s1 - s0))" -v c="$((c1 - c0))" -v t="$clk_tck" \
      'BEGIN { o = (m - s - c) / t; printf "%.2f", o < 0 ? 0 : o }')"
    echo "rss_peak_kb $(sort -n "$out/$name.rss" | tail -n1)"
  } >"$out/$name.metrics"
}

metric() { awk -v k="$2" '$1 == k { print $2; found = 1 } END { if (!found) print 0 }' "$out/$1.metrics"; }
non_2xx() { awk '$1 ~ /^status_/ { s = substr($1, 8) + 0; if (s < 200 || s > 299) n += $2 } END { print n + 0 }' "$out/$1.metrics"; }
ok_200() { metric "$1" status_200; }

# ---------------------------------------------------------------- data
store=(--data-dir "$data")
pgb_insights=0 # postgres: insights of pgbench's own walk, pgb-NNNNNN
if [ "$DATABASE" = postgres ]; then
  pg_start "$tmp/pg" || die "could not start PostgreSQL"
  store=(--database-url "$PG_URL")
  pgb_insights="$INSIGHTS"
fi
log "importing $INSIGHTS + $WARM_INSIGHTS insights (+ $pgb_insights for pgbench) into a fresh $DATABASE database"
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" -v w="$WARM_INSIGHTS" -v p="$pgb_insights" 'BEGIN {
  split("Low Moderate Critical", sev, " ")
  fmt = "{\"id\":\"%s-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\"," \
        "\"issue_type\":\"insecure_configuration\",\"severity\":\"%s\",\"subject\":\"host-%06d.example.com\"}\n"
  for (i = 1; i <= n; i++) printf fmt, "bench", i, acct, sev[i % 3 + 1], i
  for (i = 1; i <= w; i++) printf fmt, "warm", i, acct, sev[i % 3 + 1], i
  for (i = 1; i <= p; i++) printf fmt, "pgb", i, acct, sev[i % 3 + 1], i
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" "${store[@]}" >&2
token="$(./vigil token create "${store[@]}" --name bench --permission edit --account "$ACCOUNT")"
[ -n "$token" ] || die "no token"
[ "$DATABASE" = postgres ] && source bench/run-postgres.sh # runs the PostgreSQL benchmark, reports, exits

# ---------------------------------------------------------------- servers
log "starting vigil (-Xmx$VIGIL_HEAP, SerialGC, set by ./vigil)"
: >"$out/vigil.log"
./vigil serve --data-dir "$data" --host 127.0.0.1 --port 0 >"$out/vigil.log" 2>&1 &
vigil_pid=$! # ./vigil execs java, so this is the JVM
vigil_port=""
for _ in $(seq 1 240); do
  kill -0 "$vigil_pid" 2>/dev/null || { cat "$out/vigil.log" >&2; die "vigil exited"; }
  vigil_port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/vigil.log" | head -n1 || true)"
  [ -n "$vigil_port" ] && curl -fsS "http://127.0.0.1:$vigil_port/livez" >/dev/null 2>&1 && break
  vigil_port=""
  sleep 0.5
done
[ -n "$vigil_port" ] || die "vigil did not start; see $out/vigil.log"
vigil="http://127.0.0.1:$vigil_port"

# WireMock runs on the very JVM the launcher picked for vigil, unless JAVA says otherwise.
JAVA="${JAVA:-$(readlink "/proc/$vigil_pid/exe")}"
wiremock_port="$(free_port)" || die "no free port"
log "starting WireMock $WIREMOCK_VERSION on port $wiremock_port"
"$JAVA" "-Xmx$VIGIL_HEAP" -XX:+UseSerialGC -jar "$wiremock_jar" \
  --port "$wiremock_port" --bind-address 127.0.0.1 --root-dir bench/wiremock \
  --disable-banner $WIREMOCK_FLAGS >"$out/wiremock.log" 2>&1 &
wiremock_pid=$!
wiremock="http://127.0.0.1:$wiremock_port"
probe="/client/v4/accounts/$ACCOUNT/security-center/insights/probe/classification"
for _ in $(seq 1 240); do
  kill -0 "$wiremock_pid" 2>/dev/null || { cat "$out/wiremock.log" >&2; die "WireMock exited"; }
  curl -fsS -X PATCH -H 'Content-Type: application/json' -d '{"classification":null}' \
    "$wiremock$probe" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS -X PATCH -H 'Content-Type: application/json' -d '{"classification":null}' "$wiremock$probe" \
  >/dev/null || die "WireMock did not start; see $out/wiremock.log"

# The trivial PATCH: the same JDK HttpServer setup as Vigil's, on the same JVM with the same flags as ./vigil
# gives the server, run from source by the JDK's source launcher.
log "starting the trivial PATCH server (bench/trivial/TrivialPatch.java)"
"$JAVA" "-Xmx$VIGIL_HEAP" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED bench/trivial/TrivialPatch.java 0 \
  >"$out/trivial.log" 2>&1 &
trivial_pid=$!
trivial_port=""
for _ in $(seq 1 240); do
  kill -0 "$trivial_pid" 2>/dev/null || { cat "$out/trivial.log" >&2; die "the trivial PATCH server exited"; }
  trivial_port="$(sed -n 's#^trivial-patch listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p' "$out/trivial.log" | head -n1 || true)"
  [ -n "$trivial_port" ] && break
  sleep 0.25
done
[ -n "$trivial_port" ] || die "the trivial PATCH server did not start; see $out/trivial.log"
trivial="http://127.0.0.1:$trivial_port"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -X PATCH -H 'Content-Type: application/json' \
  -d '{"classification":null}' "$trivial$probe")" = 200 ] || die "the trivial PATCH server does not answer 200; see $out/trivial.log"

patch_headers=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

log "warming up (${WARMUP} per target)"
run_wrk warmup-patch "$vigil_pid" "$WARMUP" "$vigil" "${patch_headers[@]}" \
  -- patch "$ACCOUNT" warm "$WARM_INSIGHTS" "$THREADS"
run_wrk warmup-livez "$vigil_pid" "$WARMUP" "$vigil/livez" -- get
run_wrk warmup-trivial "$trivial_pid" "$WARMUP" "$trivial" "${patch_headers[@]}" \
  -- patch "$ACCOUNT" warm "$WARM_INSIGHTS" "$THREADS"
run_wrk warmup-wiremock "$wiremock_pid" "$WARMUP" "$wiremock" "${patch_headers[@]}" \
  -- patch "$ACCOUNT" warm "$WARM_INSIGHTS" "$THREADS"
sleep 2
wait_quiet

audit_before=""
[ "$have_sqlite" = 1 ] && audit_before="$(audit_rows)"
run_wrk patch "$vigil_pid" "$DURATION" "$vigil" "${patch_headers[@]}" \
  -- patch "$ACCOUNT" bench "$INSIGHTS" "$THREADS"
sleep 2 # let the requests that were in flight when wrk stopped commit
audit_after=""
[ "$have_sqlite" = 1 ] && audit_after="$(audit_rows)"
hwm_kb="$(vm_hwm_kb "$vigil_pid")"
wait_quiet
run_wrk livez "$vigil_pid" "$DURATION" "$vigil/livez" -- get
sleep 2
wait_quiet
run_wrk trivial "$trivial_pid" "$DURATION" "$trivial" "${patch_headers[@]}" \
  -- patch "$ACCOUNT" bench "$INSIGHTS" "$THREADS"
sleep 2
wait_quiet
run_wrk wiremock "$wiremock_pid" "$DURATION" "$wiremock" "${patch_headers[@]}" \
  -- patch "$ACCOUNT" bench "$INSIGHTS" "$THREADS"

# ---------------------------------------------------------------- report
rps() { awk -v r="$(metric "$1" requests)" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v u="$(metric "$1" "$2")" 'BEGIN { printf "%.2f", u / 1000 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
cores() { awk -v c="$(metric "$1" "$2")" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.2f", c / (d / 1e6) }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

duration_s="$(seconds_of "$DURATION")"
patch_rps="$(rps patch)" livez_rps="$(rps livez)" trivial_rps="$(rps trivial)" wiremock_rps="$(rps wiremock)"
patch_p99="$(ms patch p99_us)"
patch_rss_mb="$(mb "$(metric patch rss_peak_kb)")"
vs_livez="$(awk -v a="$patch_rps" -v b="$livez_rps" 'BEGIN { printf "%.0f", 100 * a / b }')"
vs_trivial="$(awk -v a="$patch_rps" -v b="$trivial_rps" 'BEGIN { printf "%.0f", 100 * a / b }')"
vs_wiremock="$(awk -v a="$patch_rps" -v b="$wiremock_rps" 'BEGIN { printf "%.2f", a / b }')"

{
  echo "### Vigil classification PATCH benchmark"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1);" \
    "$("$JAVA" -version 2>&1 | head -n1); $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "- commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes');" \
    "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, after ${WARMUP} of warm-up per target;" \
    "every JVM -Xmx$VIGIL_HEAP -XX:+UseSerialGC"
  echo "- PATCH walks $INSIGHTS insights, alternately setting false_positive and resetting to null:" \
    "every request is a durable, audited change"
  echo
  echo "| Target | req/s | p50 (ms) | p99 (ms) | non-2xx | socket errors | server CPU (cores) | wrk CPU (cores) | other CPU (cores) | server peak RSS (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for t in patch livez trivial wiremock; do
    case "$t" in
      patch) label="Vigil PATCH classification (durable, audited)" ;;
      livez) label="Vigil GET /livez (trivial)" ;;
      trivial) label="Trivial PATCH, same stack (JDK HttpServer, virtual threads; reads the body, fixed reply)" ;;
      wiremock) label="WireMock $WIREMOCK_VERSION PATCH stub (${WIREMOCK_FLAGS:-as shipped})" ;;
    esac
    echo "| $label | $(rps "$t") | $(ms "$t" p50_us) | $(ms "$t" p99_us) | $(non_2xx "$t") |" \
      "$(metric "$t" socket_errors) | $(cores "$t" server_cpu_s) | $(cores "$t" wrk_cpu_s) | $(cores "$t" other_cpu_s) |" \
      "$(mb "$(metric "$t" rss_peak_kb)") |"
  done
  echo
  echo "| Target | Figure | Verdict |"
  echo "|---|---|---|"
  echo "| PATCH throughput >= 50% of the trivial PATCH on the same stack (same route, request and reply) | ${vs_trivial}% ($patch_rps / $trivial_rps) | $(verdict "$vs_trivial >= 50") |"
  echo "| PATCH throughput >= 50% of GET /livez | ${vs_livez}% ($patch_rps / $livez_rps) | $(verdict "$vs_livez >= 50") |"
  echo "| PATCH throughput >= 5x WireMock | ${vs_wiremock}x | $(verdict "$vs_wiremock >= 5") |"
  echo "| PATCH p99 <= 50 ms | ${patch_p99} ms | $(verdict "$patch_p99 <= 50") |"
  echo "| Vigil RSS <= 300 MB (peak sampled during the PATCH run) | ${patch_rss_mb} MB (VmHWM since start: $(mb "$hwm_kb") MB) | $(verdict "$patch_rss_mb <= 300") |"
  echo
  ok="$(ok_200 patch)"
  unanswered=$(($(metric patch sent) - $(metric patch answered)))
  status_list="$(awk '$1 ~ /^status_/ { printf "%s%s=%s", sep, substr($1, 8), $2; sep = ", " }' "$out/patch.metrics")"
  echo "PATCH statuses: ${status_list:-none}; requests sent but unanswered when wrk stopped: $unanswered."
  trivial_statuses="$(awk '$1 ~ /^status_/ { printf "%s%s=%s", sep, substr($1, 8), $2; sep = ", " }' "$out/trivial.metrics")"
  echo "Trivial PATCH statuses: ${trivial_statuses:-none} (every answer must be a 200 like Vigil's)."
  if [ -n "$audit_before" ] && [ -n "$audit_after" ]; then
    added=$((audit_after - audit_before))
    if [ "$added" -ge "$ok" ] && [ "$added" -le $((ok + unanswered)) ]; then check="consistent"; else check="**MISMATCH**"; fi
    echo "Audit rows added during the PATCH run: $added; 200 responses: $ok" \
      "(+ up to $unanswered committed after wrk stopped counting): $check."
  else
    echo "Audit check skipped (no sqlite3)."
  fi
  echo
  echo "Raw outputs: $out/ (over ${duration_s} s per target)."
} | tee "$out/results.md"
