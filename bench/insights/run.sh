#!/usr/bin/env bash
# Benchmark of the Insights read endpoints (list, counts, audit log) and of the import, on a million
# insights (bench/insights/RESULTS.md has the figures and the analysis).
#
#   bash bench/insights/run.sh
#
# Environment (all optional):
#   COUNT=1000000 ZONES=100 SEED=1   the generated insights (file cached in bench/insights/target/)
#   FLIPS=300000        insights whose status a second import flips: that many status audit entries
#   DURATION=20s        each measured wrk run;  WARMUP=5s  a warm-up run of the same URL before it
#   CONNECTIONS=16      wrk connections;        THREADS=2  wrk threads
#   AUDIT_PAGE=10000    the deep audit-log page (walked by cursor, PER_PAGE entries a page)
#   PER_PAGE=25         page size of every list and audit request;  DEEP_PAGE=500  the deep list page
#   VIGIL_HEAP=256m     JVM heap (the launcher's default)
#   QUIET_WAIT=30       before each measured run, wait up to this many seconds for the rest of the
#                       machine to use < 0.3 cores; 0 skips it (the load is reported either way)
#   DRAIN_WAIT=600      after each wrk run, wait up to this many seconds for the server to finish the
#                       requests wrk left in flight (slow endpoints leave a backlog that would delay the next run)
#   SERIAL=5            requests of one client, one at a time (curl), per target: the uncontended latency;
#                       for the deep list pages also SERIAL "first-time" requests, each right after a
#                       dismissal (which makes the server forget the list positions it remembered)
#   ROUNDS=3            measured wrk runs per target; the table shows the round with the lowest p99 and
#                       the p99 of every round (the machine may be shared: see the other-CPU column)
#   KEEP_DB=0           1: keep a copy of the database in bench/insights/target/ for bench/insights/diagnose.sh
#   DATABASE=sqlite     or postgres: the same on a throwaway local PostgreSQL (bench/postgres.sh: initdb in a
#                       temp dir, fsync on, stopped and deleted on exit); "server CPU" is then Vigil's JVM plus
#                       PostgreSQL, and the import's CPU and RSS are the CLI's alone. KEEP_DB is SQLite only
#   TARGETS=""          only the targets with these names (space-separated, e.g. "list-a-p1 list-a-deep
#                       count-class"); empty: all of them
#
# Prints a markdown report on stdout (progress on stderr) and writes it, with the raw wrk outputs, the
# import's /usr/bin/time output, RSS samples and the server log, to bench/insights/target/run-<timestamp>/.
# Only 127.0.0.1 is loaded; every step is bounded in time; every process started here is stopped on exit.
# The server and the CLI run from a copy of the jar that ./vigil builds (other engineers may rebuild
# target/ meanwhile), with the JVM flags ./vigil uses.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=bench/insights

readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
with_unit() { if [[ $1 =~ ^[0-9]+$ ]]; then echo "${1}s"; else echo "$1"; fi; }
COUNT="${COUNT:-1000000}"
ZONES="${ZONES:-100}"
SEED="${SEED:-1}"
FLIPS="${FLIPS:-300000}"
DURATION="$(with_unit "${DURATION:-20s}")"
WARMUP="$(with_unit "${WARMUP:-5s}")"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
AUDIT_PAGE="${AUDIT_PAGE:-10000}"
PER_PAGE="${PER_PAGE:-25}"
DEEP_PAGE="${DEEP_PAGE:-500}"
HEAP="${VIGIL_HEAP:-256m}"
QUIET_WAIT="${QUIET_WAIT:-30}"
DRAIN_WAIT="${DRAIN_WAIT:-600}"
SERIAL="${SERIAL:-5}"
ROUNDS="${ROUNDS:-3}"
KEEP_DB="${KEEP_DB:-0}"
DATABASE="${DATABASE:-sqlite}"
TARGETS="${TARGETS:-}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "insights-bench: DATABASE must be sqlite or postgres" >&2; exit 1 ;; esac

log() { echo "insights-bench: $*" >&2; }
die() { log "$*"; exit 1; }
[ $((FLIPS)) -ge $((AUDIT_PAGE * PER_PAGE + 1)) ] \
  || die "FLIPS ($FLIPS) must exceed AUDIT_PAGE * PER_PAGE ($((AUDIT_PAGE * PER_PAGE))) audit entries"
[ "$FLIPS" -le "$COUNT" ] || die "FLIPS must be <= COUNT"

# ---------------------------------------------------------------- tools
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi; }
apt_install() { # package
  command -v apt-get >/dev/null 2>&1 || return 1
  as_root apt-get install -y -q "$1" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q "$1" >/dev/null 2>&1; }
}
need() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2"
  apt_install "$2" || die "$1 is missing and could not be installed (apt-get install $2)"
}
need wrk wrk
need curl curl
need jq jq
[ "$DATABASE" = sqlite ] && need sqlite3 sqlite3
[ -x /usr/bin/time ] || { log "installing time"; apt_install time || die "/usr/bin/time is missing (apt-get install time)"; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | cut -d. -f1; }
find_java() { # the newest JDK >= 21: JAVA_HOME, then java on PATH, then /usr/lib/jvm
  local c v best="" best_v=0
  for c in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$(java_major "$c")"; v="${v:-0}"
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  [ -n "$best" ] && echo "$best"
}
JAVA="$(find_java)" || die "needs a JDK >= 21 (JAVA_HOME, PATH or /usr/lib/jvm)"

# ---------------------------------------------------------------- build, temp dir, cleanup
log "building vigil if needed"
./vigil --version >/dev/null
tmp="$(mktemp -d -t vigil-insights-bench.XXXXXX)"
data="$tmp/data"
mkdir -p "$tmp/jar"
cp server/target/vigil.jar "$tmp/jar/" && cp -r server/target/lib "$tmp/jar/"
vigil() { "$JAVA" "-Xmx$HEAP" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$tmp/jar/vigil.jar" "$@"; }
vigil_exec() { exec "$JAVA" "-Xmx$HEAP" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$tmp/jar/vigil.jar" "$@"; }
dirty=""
[ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || dirty=" + uncommitted changes in server/"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo none)$dirty"

out="$here/target/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
server_pid="" sampler_pid="" churn_pid=""
stop_pid() { # pid: TERM, wait up to 10 s, then KILL
  local pid="$1" i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
[ "$DATABASE" = postgres ] && source bench/postgres.sh
cleanup() {
  set +e; stop_pid "$churn_pid"; stop_pid "$sampler_pid"; stop_pid "$server_pid"
  [ "$DATABASE" = postgres ] && pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- the insight files (cached)
gen_hash="$(sha256sum "$here/GenerateInsights.java" | cut -c1-8)"
file="$here/target/insights-n$COUNT-z$ZONES-s$SEED-$gen_hash.jsonl"
flips="$here/target/flips-n$COUNT-z$ZONES-s$SEED-f$FLIPS-$gen_hash.jsonl"
generate() { # output options...
  local target="$1"; shift
  [ -s "$target" ] && { log "reusing $target"; return 0; }
  log "generating $target"
  timeout 600 "$JAVA" "$here/GenerateInsights.java" --count "$COUNT" --zones "$ZONES" --seed "$SEED" "$@" >"$target.tmp"
  mv "$target.tmp" "$target"
}
generate "$file"
generate "$flips" --flip-status "$FLIPS"

# ---------------------------------------------------------------- imports
store=(--data-dir "$data")
if [ "$DATABASE" = postgres ]; then
  pg_start "$tmp/pg" || die "could not start PostgreSQL"
  store=(--database-url "$PG_URL")
fi
timed_import() { # name file: imports with /usr/bin/time -v, bounded
  log "importing $2 (timed)"
  timeout 1800 /usr/bin/time -v -o "$out/$1.time" "$JAVA" "-Xmx$HEAP" -XX:+UseSerialGC \
    --enable-native-access=ALL-UNNAMED -jar "$tmp/jar/vigil.jar" insights import "$2" "${store[@]}" \
    >"$out/$1.log" 2>&1 || { cat "$out/$1.log" >&2; die "import $1 failed"; }
  grep -q "rejected 0 lines" "$out/$1.log" || { cat "$out/$1.log" >&2; die "import $1 rejected lines"; }
}
wall_s() { # /usr/bin/time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.33" -> seconds
  awk -F'): ' '/Elapsed \(wall clock\) time/ { n = split($2, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$out/$1.time"
}
max_rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/$1.time"; }
cpu_s() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$out/$1.time"; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

import_load="$(load_avg)"
timed_import import "$file"
flips_load="$(load_avg)"
timed_import flips "$flips"
[ "$DATABASE" = sqlite ] && db_mb="$(du -sm "$data" | cut -f1)"
sql() { if [ "$DATABASE" = postgres ]; then pg_sql "$1"; else sqlite3 -readonly "$data/vigil.db" "$1"; fi; }
[ "$DATABASE" = postgres ] && db_mb="$(pg_sql "SELECT pg_database_size('$PG_DATABASE') / 1048576")"
audit_rows="$(sql 'SELECT count(*) FROM audit_log')"
token="$(vigil token create "${store[@]}" --name bench --permission read --account "$ACCOUNT")"
[ -n "$token" ] || die "no token"
edit_token="$(vigil token create "${store[@]}" --name bench-dismiss --permission edit --account "$ACCOUNT")"
[ -n "$edit_token" ] || die "no edit token"
toggled="$(head -n1 "$file" | jq -r .id)" # the insight the first-time measurements dismiss and restore

# ---------------------------------------------------------------- server
log "starting the server"
vigil_exec serve "${store[@]}" --host 127.0.0.1 --port 0 >"$out/server.log" 2>&1 &
server_pid=$! # the background subshell execs java: this is the JVM
port=""
for _ in $(seq 1 240); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; die "the server exited"; }
  port="$(sed -n 's#.*Vigil is serving http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/server.log" | head -n1)"
  [ -n "$port" ] && break
  sleep 0.25
done
[ -n "$port" ] || die "the server did not start; see $out/server.log"
base="http://127.0.0.1:$port/client/v4"
insights="/accounts/$ACCOUNT/security-center/insights"
auth=(-H "Authorization: Bearer $token")

# The zone with the most insights (for the zone-scoped row).
top_zone="$(sql \
  'SELECT zone_id FROM insights WHERE zone_id IS NOT NULL GROUP BY zone_id ORDER BY count(*) DESC LIMIT 1')"

# ---------------------------------------------------------------- audit-log walk
log "walking the audit log to page $AUDIT_PAGE ($PER_PAGE a page)"
VIGIL_TOKEN="$token" timeout 1000 "$JAVA" "$here/WalkAuditLog.java" \
  --url "$base$insights/audit-log?per_page=$PER_PAGE" --pages "$AUDIT_PAGE" --compare 2000 --timeout-s 900 >"$out/walk.txt" \
  || { cat "$out/walk.txt" >&2; die "the audit-log walk failed"; }
cursor="$(sed -n 's/^cursor //p' "$out/walk.txt")"
walk() { awk -v k="$1" '$1 == "WALK" && $2 == k { print $3 }' "$out/walk.txt"; }

# ---------------------------------------------------------------- targets
# name|label|path below /client/v4
two="severity=critical&issue_type=exposed_infrastructure"
common="issue_type=insecure_configuration&dismissed=false"
targets=(
  "livez|GET /livez (HTTP stack only, no auth, no database)|LIVEZ"
  "list-a-p1|list page 1: \`$two\`|$insights?$two&per_page=$PER_PAGE"
  "list-a-deep|list page $DEEP_PAGE: \`$two\`|$insights?$two&per_page=$PER_PAGE&page=$DEEP_PAGE"
  "list-a-churn|list page $DEEP_PAGE: \`$two\`, while one insight is dismissed or restored each second|$insights?$two&per_page=$PER_PAGE&page=$DEEP_PAGE"
  "list-b-p1|list page 1: \`$common\`|$insights?$common&per_page=$PER_PAGE"
  "list-b-deep|list page $DEEP_PAGE: \`$common\`|$insights?$common&per_page=$PER_PAGE&page=$DEEP_PAGE"
  "list-zone-p1|zone list page 1 (largest zone): \`$two\`|/zones/$top_zone/security-center/insights?$two&per_page=$PER_PAGE"
  "count-class|\`/class?severity=critical\`|$insights/class?severity=critical"
  "count-severity|\`/severity?issue_type=exposed_infrastructure\`|$insights/severity?issue_type=exposed_infrastructure"
  "count-type|\`/type?severity=critical\`|$insights/type?severity=critical"
  "audit-p1|audit log page 1 (\`per_page=$PER_PAGE\`)|$insights/audit-log?per_page=$PER_PAGE"
  "audit-deep|audit log page $AUDIT_PAGE by cursor|$insights/audit-log?per_page=$PER_PAGE&cursor=$cursor"
)
if [ -n "$TARGETS" ]; then
  chosen=()
  for t in "${targets[@]}"; do [[ " $TARGETS " == *" ${t%%|*} "* ]] && chosen+=("$t"); done
  [ "${#chosen[@]}" -gt 0 ] || die "TARGETS names none of the targets"
  targets=("${chosen[@]}")
fi
url_of() { if [ "$1" = LIVEZ ]; then echo "http://127.0.0.1:$port/livez"; else echo "$base$1"; fi; }

# Sanity: every URL answers 200; record what each answers (page size, total, groups).
: >"$out/answers.txt"
for t in "${targets[@]}"; do
  IFS='|' read -r name _ path <<<"$t"
  body="$(curl -sS --max-time 300 -w '\n%{http_code}' "${auth[@]}" "$(url_of "$path")")"
  code="${body##*$'\n'}"; body="${body%$'\n'*}"
  [ "$code" = 200 ] || die "$name: HTTP $code: $body"
  case "$name" in
    list-*) answer="$(jq -r '"\(.result_info.count) rows of \(.result_info.total_count)"' <<<"$body")" ;;
    count-*) answer="$(jq -r '"\(.result | length) groups, \(([.result[].count] | add)) insights"' <<<"$body")" ;;
    audit-*) answer="$(jq -r '"\(.result_info.count) entries"' <<<"$body")" ;;
    *) answer="ok" ;;
  esac
  echo "$name $answer" >>"$out/answers.txt"
done
answer_of() { sed -n "s/^$1 //p" "$out/answers.txt"; }
for deep in list-a-deep list-b-deep; do
  grep -q "^$deep " "$out/answers.txt" || continue # left out by TARGETS
  [[ "$(answer_of "$deep")" == "$PER_PAGE rows"* ]] || die "$deep is not a full page: $(answer_of "$deep")"
done

# ---------------------------------------------------------------- measuring
clk_tck="$(getconf CLK_TCK)"
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
server_ticks() { # the server's CPU: the JVM, plus PostgreSQL when Vigil runs on it
  if [ "$DATABASE" = postgres ]; then echo $(($(proc_ticks "$server_pid") + $(pg_ticks))); else proc_ticks "$server_pid"; fi
}
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
seconds_of() { local v="${1%[smh]}"; case "$1" in *m) echo $((v * 60)) ;; *h) echo $((v * 3600)) ;; *) echo "$v" ;; esac; }
sample_rss() { # pid max_seconds file: VmRSS (kB) every 0.2 s, bounded
  local i=0 max=$(($2 * 5 + 50)) key value rest
  while [ "$i" -lt "$max" ] && [ -r "/proc/$1/status" ]; do
    while read -r key value rest; do [ "$key" = "VmRSS:" ] && echo "$value"; done <"/proc/$1/status"
    sleep 0.2; i=$((i + 1))
  done >"$3"
}
wait_quiet() { # bounded: until processes other than the server use < 0.3 cores for a second
  local waited=0 m0 s0 m1 s1
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    m0="$(machine_ticks)"; s0="$(server_ticks)"; sleep 1
    m1="$(machine_ticks)"; s1="$(server_ticks)"
    [ $(((m1 - m0) - (s1 - s0))) -lt $((clk_tck * 30 / 100)) ] && return 0
    waited=$((waited + 1))
  done
}
drain() { # name: waits (bounded) until the server is idle (< 0.1 cores for a second); records how long
  local waited=0 s0 s1
  while [ "$waited" -lt "$DRAIN_WAIT" ]; do
    s0="$(server_ticks)"; sleep 1; s1="$(server_ticks)"
    [ $((s1 - s0)) -lt $((clk_tck / 10)) ] && break
    waited=$((waited + 1))
  done
  echo "drain_s $waited" >>"$out/$1.metrics"
}
serial() { # name url: SERIAL requests one at a time; the median time in ms
  local i
  for ((i = 0; i < SERIAL; i++)); do
    curl -sS -o /dev/null --max-time 300 -w '%{time_total}\n' "${auth[@]}" "$2"
  done | sort -n | awk '{ t[NR] = $1 } END { printf "serial_ms %.2f\n", 1000 * t[int((NR + 1) / 2)] }' >>"$out/$1.metrics"
}
dismiss() { # true|false: dismisses or restores $toggled
  curl -fsS -o /dev/null --max-time 30 -X PUT -H "Authorization: Bearer $edit_token" -H 'Content-Type: application/json' \
    -d "{\"dismiss\":$1}" "$base$insights/$toggled/dismiss"
}
churn() { # seconds: dismisses and restores $toggled alternately, one change a second; ends restored
  local i
  for ((i = 1; i <= $1; i++)); do
    if ((i % 2 == 1 && i < $1)); then dismiss true; else dismiss false; fi
    sleep 1
  done
  dismiss false
}
first_time() { # name url: SERIAL requests, each right after a dismissal and its undoing; the median in ms
  local i
  for ((i = 0; i < SERIAL; i++)); do
    dismiss true && dismiss false
    curl -sS -o /dev/null --max-time 300 -w '%{time_total}\n' "${auth[@]}" "$2"
  done | sort -n | awk '{ t[NR] = $1 } END { printf "first_ms %.2f\n", 1000 * t[int((NR + 1) / 2)] }' >>"$out/$1.metrics"
}
wrk_run() { # name url duration
  local s0 c0 m0 s1 c1 m1
  sample_rss "$server_pid" "$(seconds_of "$3")" "$out/$1.rss" &
  sampler_pid=$!
  echo "load $(load_avg)" >"$out/$1.metrics"
  s0="$(server_ticks)"; c0="$(children_ticks)"; m0="$(machine_ticks)"
  timeout $(($(seconds_of "$3") + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout 120s --latency "${auth[@]}" \
    -s "$here/get.lua" "$2" >"$out/$1.wrk.txt" 2>&1 || { cat "$out/$1.wrk.txt" >&2; die "wrk $1 failed"; }
  m1="$(machine_ticks)"; c1="$(children_ticks)"; s1="$(server_ticks)"
  stop_pid "$sampler_pid"; sampler_pid=""
  {
    sed -n 's/^BENCH //p' "$out/$1.wrk.txt"
    awk -v s=$((s1 - s0)) -v c=$((c1 - c0)) -v m=$((m1 - m0)) -v t="$clk_tck" 'BEGIN {
      o = m - s - c; if (o < 0) o = 0
      printf "server_cpu_s %.2f\nwrk_cpu_s %.2f\nother_cpu_s %.2f\n", s / t, c / t, o / t }'
    echo "rss_peak_kb $(sort -n "$out/$1.rss" | tail -n1)"
  } >>"$out/$1.metrics"
}
for t in "${targets[@]}"; do
  IFS='|' read -r name _ path <<<"$t"
  url="$(url_of "$path")"
  log "wrk $name: warm-up $WARMUP, then $DURATION"
  wrk_run "warmup-$name" "$url" "$WARMUP"
  drain "warmup-$name"
  for ((r = 1; r <= ROUNDS; r++)); do
    wait_quiet
    [[ "$name" == *-churn ]] && { churn "$(seconds_of "$DURATION")" & churn_pid=$!; }
    wrk_run "$name-r$r" "$url" "$DURATION"
    [ -n "$churn_pid" ] && { wait "$churn_pid" || die "dismissals failed"; churn_pid=""; }
    drain "$name-r$r"
  done
  # The round with the lowest p99 becomes $name.metrics; every round's p99 is kept beside it.
  best="$(for ((r = 1; r <= ROUNDS; r++)); do
      awk -v r="$r" '$1 == "requests" { n = $2 } $1 == "p99_us" { p = $2 } END { print (n > 0 ? p : 1e12), r }' "$out/$name-r$r.metrics"
    done | sort -n | head -n1 | cut -d' ' -f2)"
  cp "$out/$name-r$best.metrics" "$out/$name.metrics"
  echo "best_round $best" >>"$out/$name.metrics"
  for ((r = 1; r <= ROUNDS; r++)); do
    awk '$1 == "requests" { n = $2 } $1 == "p99_us" { p = $2 } END { printf "%s\n", (n > 0 ? sprintf("%.1f", p / 1000) : "none") }' "$out/$name-r$r.metrics"
  done | paste -sd/ | sed 's/^/p99_rounds /' >>"$out/$name.metrics"
  log "  $SERIAL requests one at a time"
  serial "$name" "$url"
  case "$name" in *-deep) [[ "$name" == list-* ]] && { log "  $SERIAL first-time requests"; first_time "$name" "$url"; } ;; esac
done
hwm_mb="$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")"
if [ "$KEEP_DB" = 1 ] && [ "$DATABASE" = sqlite ]; then
  keep="$here/target/vigil-n$COUNT-z$ZONES-s$SEED-f$FLIPS.db"
  log "keeping a copy of the database in $keep"
  rm -f "$keep" && sqlite3 -readonly "$data/vigil.db" ".backup '$keep'"
fi

# ---------------------------------------------------------------- report
metric() { awk -v k="$2" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' "$out/$1.metrics"; }
ms() { awk -v u="$(metric "$1" "$2")" 'BEGIN { printf "%.2f", u / 1000 }'; }
rps() { awk -v r="$(metric "$1" requests)" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
cores() { awk -v c="$(metric "$1" "$2")" -v d="$(metric "$1" duration_us)" 'BEGIN { printf "%.2f", c / (d / 1e6) }'; }
non_200() { awk '$1 ~ /^status_/ && $1 != "status_200" { n += $2 } END { print n + 0 }' "$out/$1.metrics"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
measured() { [ -f "$out/$1.metrics" ]; } # TARGETS may leave a target out
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

import_s="$(wall_s import)" flips_s="$(wall_s flips)"
import_rate="$(awk -v n="$COUNT" -v s="$import_s" 'BEGIN { printf "%.0f", n / s }')"
flips_rate="$(awk -v n="$FLIPS" -v s="$flips_s" 'BEGIN { printf "%.0f", n / s }')"
lat() { if [ "$(metric "$1" requests)" -gt 0 ]; then ms "$1" "$2"; else echo "none done"; fi; }
p99() { # ms; a run in which no request completed counts as its whole duration
  if [ "$(metric "$1" requests)" -gt 0 ]; then ms "$1" p99_us; else ms "$1" duration_us; fi
}
p50() { ms "$1" p50_us; }
p99_median() { # ms: the median over the rounds (a round in which nothing completed counts as its duration)
  local r
  for ((r = 1; r <= ROUNDS; r++)); do p99 "$1-r$r"; echo; done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
{
  echo "### Vigil Insights read and import benchmark"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs ($(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1))," \
    "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM; $("$JAVA" -version 2>&1 | head -n1);" \
    "$(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2); commit $commit"
  echo "- data: \`GenerateInsights.java --count $COUNT --zones $ZONES --seed $SEED\` ($(du -m "$file" | cut -f1) MB)," \
    "then \`--flip-status $FLIPS\` imported over it ($audit_rows status audit entries); database $db_mb MB"
  echo "- server: \`vigil serve\`, -Xmx$HEAP -XX:+UseSerialGC; wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout 120s --latency" \
    "after a $WARMUP warm-up of the same URL, waiting for the server to finish the requests left in flight after each;" \
    "$ROUNDS measured rounds per target; then $SERIAL requests one at a time (curl); token with read permission on the account"
  echo
  echo "| Import | wall (s) | insights/s | max RSS (MB) | CPU (s) | load avg at start |"
  echo "|---|---:|---:|---:|---:|---|"
  echo "| $COUNT new insights (fresh data dir) | $import_s | $import_rate | $(max_rss_mb import) | $(cpu_s import) | $import_load |"
  echo "| $FLIPS existing insights, status flipped (upsert + audit) | $flips_s | $flips_rate | $(max_rss_mb flips) | $(cpu_s flips) | $flips_load |"
  echo
  echo "| Target | answer | 1 client: median (ms) | req/s | p50 (ms) | p90 (ms) | p99 (ms) | p99 of each round (ms) | max (ms) | non-200 | server CPU (cores) | other CPU (cores) | load avg at start | backlog drain (s) | server peak RSS (MB) |"
  echo "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|"
  for t in "${targets[@]}"; do
    IFS='|' read -r name label _ <<<"$t"
    first=""
    [ "$(metric "$name" first_ms)" != 0 ] && first=" (first time: $(metric "$name" first_ms))"
    echo "| $label | $(answer_of "$name") | $(metric "$name" serial_ms)$first | $(rps "$name") | $(lat "$name" p50_us) | $(lat "$name" p90_us) | $(lat "$name" p99_us) |" \
      "$(sed -n 's/^p99_rounds //p' "$out/$name.metrics") |" \
      "$(lat "$name" max_us) | $(($(non_200 "$name") + $(metric "$name" socket_errors))) | $(cores "$name" server_cpu_s) |" \
      "$(cores "$name" other_cpu_s) | $(sed -n 's/^load //p' "$out/$name.metrics") | $(metric "$name" drain_s) |" \
      "$(awk -v k="$(metric "$name" rss_peak_kb)" 'BEGIN { printf "%.0f", k / 1024 }') |"
  done
  echo
  echo "Server VmHWM at the end: $hwm_mb MB. Audit walk to page $AUDIT_PAGE: $(walk seconds) s ($(walk pages_per_s) pages/s," \
    "one client); mean per page $(walk first_mean_ms) ms over the first $(walk window) pages, $(walk last_mean_ms) ms over the last $(walk window)" \
    "(p99 $(walk first_p99_ms) and $(walk last_p99_ms) ms)."
  echo
  echo "Verdicts on the round with the lowest p99 (\"best\") and on the median round of $ROUNDS; ratios compare like with like."
  echo
  echo "| Target | best round | verdict | median round | verdict |"
  echo "|---|---|---|---|---|"
  for l in a b; do
    [ "$l" = a ] && q="$two" || q="$common"
    measured "list-$l-p1" || continue
    b1="$(p99 "list-$l-p1")" m1="$(p99_median "list-$l-p1")"
    echo "| list page 1, \`$q\`: p99 <= 25 ms | $b1 ms | $(verdict "$b1 <= 25") | $m1 ms | $(verdict "$m1 <= 25") |"
    measured "list-$l-deep" || continue
    bd="$(p99 "list-$l-deep")" md="$(p99_median "list-$l-deep")"
    rb="$(ratio "$bd" "$b1")" rmed="$(ratio "$md" "$m1")"
    echo "| list page $DEEP_PAGE, \`$q\`: p99 <= 2x page 1 | $bd ms = ${rb}x | $(verdict "$rb <= 2") | $md ms = ${rmed}x | $(verdict "$rmed <= 2") |"
  done
  if measured list-a-p1 && measured list-a-churn; then
    b1="$(p99 list-a-p1)" m1="$(p99_median list-a-p1)" bd="$(p99 list-a-churn)" md="$(p99_median list-a-churn)"
    rb="$(ratio "$bd" "$b1")" rmed="$(ratio "$md" "$m1")"
    echo "| list page $DEEP_PAGE, \`$two\`, with a dismissal a second: p99 <= 2x page 1 | $bd ms = ${rb}x | $(verdict "$rb <= 2") |" \
      "$md ms = ${rmed}x | $(verdict "$rmed <= 2") |"
  fi
  for c in class severity type; do
    measured "count-$c" || continue
    b1="$(p99 "count-$c")" m1="$(p99_median "count-$c")"
    echo "| counts \`/$c\` with a filter: p99 <= 25 ms | $b1 ms | $(verdict "$b1 <= 25") | $m1 ms | $(verdict "$m1 <= 25") |"
  done
  if measured audit-deep && measured audit-p1; then
  rb="$(ratio "$(p99 audit-deep)" "$(p99 audit-p1)")" rmed="$(ratio "$(p99_median audit-deep)" "$(p99_median audit-p1)")"
  echo "| audit log page $AUDIT_PAGE: p99 <= 1.5x page 1 | $(p99 audit-deep) ms vs $(p99 audit-p1) ms = ${rb}x | $(verdict "$rb <= 1.5") |" \
    "$(p99_median audit-deep) ms vs $(p99_median audit-p1) ms = ${rmed}x | $(verdict "$rmed <= 1.5") |"
  fi
  echo "| audit log page $AUDIT_PAGE, one client, $(walk compare_n) of each interleaved: median <= 1.5x page 1 |" \
    "$(walk deep_median_ms) ms vs $(walk page1_median_ms) ms (p99 $(walk deep_p99_ms) vs $(walk page1_p99_ms)) |" \
    "$(verdict "$(walk deep_median_ms) <= 1.5 * $(walk page1_median_ms)") | | |"
  echo "| import >= 50k insights/s | $import_rate/s | $(verdict "$import_rate >= 50000") | | |"
  echo "| import RSS <= 512 MB | $(max_rss_mb import) MB | $(verdict "$(max_rss_mb import) <= 512") | | |"
  echo
  echo "Raw outputs: $out/"
} | tee "$out/results.md"
