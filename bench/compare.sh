#!/usr/bin/env bash
# Regression guard: the durable, audited classification PATCH of bench/run.sh, measured for one or more commits
# and the work tree, alternated in one session on the same data, with the ratios against the first commit.
# Every performance claim quotes it.
#
#   bash bench/compare.sh REF [REF...]
#   bash bench/compare.sh HEAD~1                  # the parent commit against the work tree (uncommitted changes too)
#   bash bench/compare.sh HEAD~1 HEAD~3           # two commits and the work tree; ratios against HEAD~1
#   WORK_TREE=0 bash bench/compare.sh main HEAD   # commits only
#   DATABASE=postgres bash bench/compare.sh HEAD~1
#
# Builds. Each REF (any commit-ish) is resolved to its commit, whose files are exported (`git archive`, no
# worktree registered) to bench/target/compare/<sha>/ and built there with `mvn package` (tests and the format
# check skipped) into its own target/. The work tree, uncommitted changes and untracked files (not ignored ones)
# included, is snapshotted as a git tree (a throwaway index: `git add -A`, `git write-tree`; the branch's own
# index is untouched) and built the same way in bench/target/compare/worktree-<key>/, the key a hash of its
# poms and the server's src/main; the work tree's own target/ is left alone. A jar is built from those only
# (as ./vigil's staleness check), so a tree whose poms and src/main match a finished build's (recorded in its
# .inputs) runs that build: a later comparison, a commit that changed only docs, bench or tests, or a work tree
# edited elsewhere builds nothing (the same jar still runs as a build of its own, with its own label).
# `rm -rf bench/target/compare` frees the space (about 30 MB a build).
#
# Data. One import file (INSIGHTS insights for the measured runs, WARM_INSIGHTS=2000 for the warm-ups, one
# account) is imported by EACH build into a pristine database of its own, with a token of its own. Not one
# database for all: the migrations have no check for a schema newer than the jar, so an older jar opens a
# database migrated by a newer one without a word (tried: a jar with migrations V1-V11 served and PATCHed a V12
# database) and would then run on the newer schema (its triggers, indexes, columns): neither build's figure.
# Before every run the build's pristine database is copied (SQLite: the data directory; PostgreSQL: CREATE
# DATABASE ... TEMPLATE, plus the data directory, where the server keeps its sealing key), so every run of every
# build starts from identical data.
#
# Runs. ROUNDS rounds; in each, every build runs once, the order rotated (A B C, B C A, C A B, ...). A run: a fresh
# copy of the database, `java -Xmx$VIGIL_HEAP -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar
# <build>/server/target/vigil.jar serve --host 127.0.0.1 --port 0 $SERVE_ARGS` (the launcher's flags, on the same JVM for
# every build), wait for /readyz, WARMUP of PATCH over the warm-up insights, CHECKPOINT (postgres), wait for a
# quiet machine, DURATION of PATCH measured (wrk -t THREADS -c CONNECTIONS --latency with bench/wrk/bench.lua as in
# bench/run.sh: every request a real change), 2 s for the requests in flight to commit, stop the server.
# Recorded: req/s, p50, p99, non-2xx, server CPU per request (utime + stime from /proc over the measured window:
# the JVM, plus PostgreSQL's processes on postgres, also shown apart), the rest of the machine's CPU, and whether
# the audit log grew by one entry per 200.
#
# Environment (all optional; the names and defaults of bench/seal/run.sh where they overlap):
#   ROUNDS=3          rounds of one run per build
#   DURATION=15s      length of each measured run (seconds: 15 or 15s)
#   WARMUP=5s         length of each run's warm-up (seconds)
#   CONNECTIONS=64    wrk connections;   THREADS=2  wrk threads
#   INSIGHTS=10000    insights the measured runs walk (the warm-ups walk 2000 others)
#   VIGIL_HEAP=256m   -Xmx of every server (as ./vigil)
#   QUIET_WAIT=120    before each measured run, wait up to this many seconds for < 0.15 cores busy outside the
#                     servers; 0 skips it
#   DATABASE=sqlite   or postgres: one throwaway local cluster (bench/postgres.sh: initdb in a temp dir, fsync and
#                     synchronous_commit on, deleted on exit), one node; every run on a fresh copy of its build's
#                     template database
#   SERVE_ARGS=       extra `vigil serve` options for every build, e.g. "--seal-every 0" (word-split; every build
#                     must accept them)
#   JVM_ARGS=         extra JVM options for every server, e.g. a flight recording for a profile:
#                     JVM_ARGS="-XX:StartFlightRecording=settings=profile,filename=/tmp/vigil-%p.jfr" (word-split)
#   WORK_TREE=1       0 leaves the work tree out (then give at least two REFs)
#   JAVA=             the java that runs every build (default: the launcher's choice, a JDK >= 21 from $JAVA_HOME,
#                     java on PATH or /usr/lib/jvm)
#
# Prints a markdown report on stdout: every run, then per build the medians of req/s, p99 and CPU per request and
# their ratios against the first REF (the median of the per-round ratios, and the ratio of the medians), and a
# warning when the rest of the machine used > 0.15 cores in a measured run or a run had non-2xx answers, socket
# errors or an audit mismatch. Also in bench/target/compare-<timestamp>/results.md, with the raw wrk outputs,
# server logs and runs.tsv; progress and the tail of a failed build's log go to stderr. Exits 0 whatever the ratios; non-zero only when something could not be built or
# run. Everything runs on 127.0.0.1; every process started here is stopped on exit.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "compare: $*" >&2; }
die() { log "$*"; exit 1; }

DATABASE="${DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) die "DATABASE must be sqlite or postgres" ;; esac
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
SERVE_ARGS="${SERVE_ARGS:-}"
JVM_ARGS="${JVM_ARGS:-}"
WORK_TREE="${WORK_TREE:-1}"
VIGIL_HEAP="${VIGIL_HEAP:-256m}"

[[ $DURATION =~ ^[0-9]+s$ && $WARMUP =~ ^[0-9]+s$ ]] || die "DURATION/WARMUP must be seconds, like 15 or 15s"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive number"
[ "$INSIGHTS" -ge "$THREADS" ] || die "INSIGHTS must be >= THREADS"
[ "$#" -ge 1 ] || die "usage: bash bench/compare.sh REF [REF...]   (see the header of bench/compare.sh)"
[ "$WORK_TREE" = 1 ] || [ "$#" -ge 2 ] || die "WORK_TREE=0 needs at least two REFs"
git rev-parse --show-toplevel >/dev/null 2>&1 || die "needs a git checkout of Vigil"

# ---------------------------------------------------------------- tools (as in bench/run.sh)
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}
apt_install() { # also how bench/postgres.sh installs PostgreSQL
  command -v apt-get >/dev/null 2>&1 || return 1
  as_root apt-get install -y -q "$1" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q "$1" >/dev/null 2>&1; }
}
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  apt_install wrk || die "wrk is missing and could not be installed (apt-get install wrk)"
fi
if [ "$DATABASE" = sqlite ] && ! command -v sqlite3 >/dev/null 2>&1; then
  log "installing sqlite3 (for the audit check)"
  apt_install sqlite3 || die "sqlite3 is missing and could not be installed (apt-get install sqlite3)"
fi
for tool in curl mvn git tar; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done

java_major() { # the feature version of the java binary $1, or 0 (as ./vigil)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | cut -d. -f1 || echo 0
}
find_java() { # the launcher's choice: $JAVA_HOME, java on PATH, else the newest JDK >= 21 in the usual places
  local candidate best="" best_version=0 version
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    echo "$JAVA_HOME/bin/java"; return
  fi
  if command -v java >/dev/null 2>&1 && [ "$(java_major java)" -ge 21 ]; then
    command -v java; return
  fi
  for candidate in /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/*/bin/java /opt/java/*/bin/java; do
    [ -x "$candidate" ] || continue
    version="$(java_major "$candidate")"
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then best="$candidate" best_version="$version"; fi
  done
  [ -n "$best" ] && echo "$best"
}
JAVA="${JAVA:-$(find_java || true)}"
[ -n "$JAVA" ] || die "needs a JDK 21 or newer (set JAVA_HOME or JAVA)"

# ---------------------------------------------------------------- processes and cleanup
out="bench/target/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out" bench/target/compare
tmp="$(mktemp -d -t vigil-compare.XXXXXX)"
vigil_pid=""
[ "$DATABASE" = postgres ] && source bench/postgres.sh

stop_pid() { # pid: TERM, wait up to 30 s (a server seals what waits at shutdown), then KILL
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
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

# ---------------------------------------------------------------- builds
# What a jar is built from: the poms and the server's src/main (as ./vigil's staleness check). Two trees that agree
# there build the same jar, whatever else (docs, bench, tests) differs: one build serves both. Commits before the
# build had modules hold the server at the top (pom.xml and src/main); later ones in server/.
modular() { git rev-parse -q --verify "$1:server/pom.xml" >/dev/null; }
jar_inputs() {
  if modular "$1"; then git rev-parse "$1:pom.xml" "$1:server/pom.xml" "$1:server/src/main"; else git rev-parse "$1:pom.xml" "$1:src/main"; fi |
    git hash-object --stdin
}
jar_of() { # build directory: its jar, in either layout
  if [ -f "$1/server/pom.xml" ]; then echo "$1/server/target/vigil.jar"; else echo "$1/target/vigil.jar"; fi
}
labels=() revs=() dirs=() subjects=()
for ref in "$@"; do
  sha="$(git rev-parse --verify -q "$ref^{commit}")" || die "not a commit: $ref"
  short="$(git rev-parse --short "$sha")"
  labels+=("$short$([ "$ref" = "$short" ] || [ "$ref" = "$sha" ] || echo " ($ref)")")
  revs+=("$sha")
  dirs+=("bench/target/compare/$sha")
  subjects+=("$(git log -1 --format=%s "$sha" | cut -c1-100)")
done
if [ "$WORK_TREE" = 1 ]; then
  # The work tree as a tree object: a copy of the index, everything not ignored added to it, written as a tree.
  cp "$(git rev-parse --git-path index)" "$tmp/index" 2>/dev/null || true
  GIT_INDEX_FILE="$tmp/index" git add -A . >/dev/null 2>&1 || die "could not snapshot the work tree (git add -A)"
  tree="$(GIT_INDEX_FILE="$tmp/index" git write-tree)" || die "could not snapshot the work tree (git write-tree)"
  key="$(jar_inputs "$tree")"
  head="$(git rev-parse --short HEAD)"
  if [ "$key" = "$(jar_inputs HEAD)" ]; then state="= HEAD $head in the server's sources and the poms"; else state="HEAD $head + changes"; fi
  labels+=("work tree ($state)")
  revs+=("$tree")
  dirs+=("bench/target/compare/worktree-${key:0:12}")
  subjects+=("the work tree, uncommitted changes included")
fi
count="${#labels[@]}"
letters=(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z)
[ "$count" -le 26 ] || die "at most 26 builds"

same_build() { # inputs: a finished build of the same poms and src/main, if there is one
  local f
  for f in bench/target/compare/*/.inputs; do
    [ -f "$f" ] && [ "$(cat "$f")" = "$1" ] && [ -f "$(dirname "$f")/.built" ] && { dirname "$f"; return 0; }
  done
  return 1
}
build() { # index: exports the tree and runs mvn package in it, unless an earlier run built the same inputs
  local dir="${dirs[$1]}" rc=0 t0="$SECONDS" inputs other
  inputs="$(jar_inputs "${revs[$1]}")"
  exec 8>"bench/target/compare/.lock"
  flock 8 # two comparisons building at once build each jar once
  if [ -f "$dir/.built" ] && [ -f "$(jar_of "$dir")" ]; then
    log "${letters[$1]} ${labels[$1]}: reusing the build in $dir"
  elif other="$(same_build "$inputs")"; then
    log "${letters[$1]} ${labels[$1]}: same poms and src/main as the build in $other: reusing it"
    dirs[$1]="$other"
  else
    log "${letters[$1]} ${labels[$1]}: building in $dir (mvn package, tests skipped; a minute or so)"
    rm -rf "$dir"
    mkdir -p "$dir"
    git archive --format=tar "${revs[$1]}" | tar -x -C "$dir" || die "could not export ${labels[$1]}"
    modules=()
    [ -f "$dir/server/pom.xml" ] && modules=(-pl server -am)
    (cd "$dir" && mvn -B -q -Dstyle.color=never -Dmaven.test.skip=true -Dspotless.check.skip=true "${modules[@]}" package) \
      >"$dir.build.log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ] || [ ! -f "$(jar_of "$dir")" ]; then
      tail -n 40 "$dir.build.log" >&2
      die "the build of ${labels[$1]} failed; see $dir.build.log"
    fi
    echo "$inputs" >"$dir/.inputs"
    touch "$dir/.built"
    log "${letters[$1]} ${labels[$1]}: built in $((SECONDS - t0)) s"
  fi
  exec 8>&-
}
for ((b = 0; b < count; b++)); do build "$b"; done

vigil_of() { # index args...: the build's CLI
  local b="$1"
  shift
  "$JAVA" "-Xmx$VIGIL_HEAP" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$(jar_of "${dirs[$b]}")" "$@"
}

# ---------------------------------------------------------------- data: a pristine database per build
if [ "$DATABASE" = postgres ]; then
  pg_start "$tmp/pg" || die "could not start PostgreSQL (apt-get install postgresql)"
  pg_url() { echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1?user=postgres"; }
fi
log "writing the import file: $INSIGHTS insights + $WARM_INSIGHTS for the warm-ups"
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" -v w="$WARM_INSIGHTS" 'BEGIN {
  split("Low Moderate Critical", sev, " ")
  fmt = "{\"id\":\"%s-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\"," \
        "\"issue_type\":\"insecure_configuration\",\"severity\":\"%s\",\"subject\":\"host-%06d.example.com\"}\n"
  for (i = 1; i <= n; i++) printf fmt, "bench", i, acct, sev[i % 3 + 1], i
  for (i = 1; i <= w; i++) printf fmt, "warm", i, acct, sev[i % 3 + 1], i
}' >"$tmp/insights.jsonl"
tokens=()
for ((b = 0; b < count; b++)); do
  mkdir -p "$tmp/pristine-$b" # on PostgreSQL it may stay empty: the server makes its sealing key there
  store=(--data-dir "$tmp/pristine-$b")
  if [ "$DATABASE" = postgres ]; then
    pg_psql postgres -c "CREATE DATABASE vigil_pristine_$b" >/dev/null || die "could not create a database"
    store+=(--database-url "$(pg_url "vigil_pristine_$b")")
  fi
  log "${letters[$b]} ${labels[$b]}: importing into its pristine $DATABASE database"
  vigil_of "$b" insights import "$tmp/insights.jsonl" "${store[@]}" >"$out/import-${letters[$b]}.log" 2>&1 \
    || { cat "$out/import-${letters[$b]}.log" >&2; die "the import of ${labels[$b]} failed"; }
  token="$(vigil_of "$b" token create "${store[@]}" --name bench --permission edit --account "$ACCOUNT" 2>>"$out/import-${letters[$b]}.log")" \
    || { cat "$out/import-${letters[$b]}.log" >&2; die "token create of ${labels[$b]} failed"; }
  [ -n "$token" ] || die "no token from ${labels[$b]}"
  tokens+=("$token")
done

fresh_db() { # index: the run's database, a copy of the build's pristine one; sets store
  rm -rf "$tmp/run"
  cp -a "$tmp/pristine-$1" "$tmp/run"
  store=(--data-dir "$tmp/run")
  if [ "$DATABASE" = postgres ]; then
    PGOPTIONS='-c client_min_messages=warning' pg_psql postgres -c "DROP DATABASE IF EXISTS vigil_run" >/dev/null
    pg_psql postgres -c "CREATE DATABASE vigil_run TEMPLATE vigil_pristine_$1" >/dev/null
    store+=(--database-url "$(pg_url vigil_run)")
  fi
}
audit_entries() {
  if [ "$DATABASE" = postgres ]; then
    pg_psql vigil_run -At -c 'SELECT count(*) FROM audit_log'
  else
    sqlite3 -readonly "$tmp/run/vigil.db" 'SELECT count(*) FROM audit_log'
  fi
}

# ---------------------------------------------------------------- measuring (as in bench/seal/run.sh)
clk_tck="$(getconf CLK_TCK)"
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; } # of this shell's waited-for children (wrk)
db_ticks() { if [ "$DATABASE" = postgres ]; then pg_ticks; else echo 0; fi; }
servers_ticks() { echo $(($(proc_ticks "$vigil_pid") + $(db_ticks))); }
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
  [ "$QUIET_WAIT" -gt 0 ] && log "the machine is still busy after ${QUIET_WAIT} s; measuring anyway (see the other CPU column)"
  return 0
}

start_vigil() { # index name
  local port="" code
  # shellcheck disable=SC2086 # SERVE_ARGS and JVM_ARGS are word-split on purpose
  "$JAVA" "-Xmx$VIGIL_HEAP" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED $JVM_ARGS -jar "$(jar_of "${dirs[$1]}")" \
    serve "${store[@]}" --host 127.0.0.1 --port 0 $SERVE_ARGS >"$out/$2.log" 2>&1 &
  vigil_pid=$! # the JVM itself (not a subshell), whose CPU is measured
  for _ in $(seq 1 240); do
    kill -0 "$vigil_pid" 2>/dev/null || { cat "$out/$2.log" >&2; die "${labels[$1]}: vigil serve exited"; }
    port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/$2.log" | head -n1 || true)"
    if [ -n "$port" ]; then
      code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)"
      [ "$code" = 200 ] && break
      # a build older than /readyz: live is as ready as it gets
      [ "$code" = 404 ] && curl -fsS "http://127.0.0.1:$port/livez" >/dev/null 2>&1 && break
    fi
    port=""
    sleep 0.5
  done
  [ -n "$port" ] || die "${labels[$1]}: vigil did not get ready; see $out/$2.log"
  vigil="http://127.0.0.1:$port"
}

wrk_patch() { # file duration prefix count token
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency \
    -H "Authorization: Bearer $5" -H 'Content-Type: application/json' -s bench/wrk/bench.lua "$vigil" \
    -- patch "$ACCOUNT" "$3" "$4" "$THREADS" >"$1" 2>&1 || { cat "$1" >&2; die "wrk failed ($1)"; }
}

printf 'round\tslot\tbuild\treq_s\tp50_ms\tp99_ms\tnon_2xx\tsocket_errors\tcpu_us_per_req\tdb_cpu_us_per_req\tserver_cores\twrk_cores\tother_cores\taudit\tload\n' \
  >"$out/runs.tsv"
run_one() { # round slot index
  local r="$1" slot="$2" b="$3" name a0 a1 v0 v1 d0 d1 c0 c1 m0 m1 load
  name="r$r-${letters[$b]}"
  log "round $r/$ROUNDS, ${letters[$b]} ${labels[$b]}: ${WARMUP} warm-up, ${DURATION} measured"
  fresh_db "$b"
  start_vigil "$b" "$name"
  wrk_patch "$out/$name.warmup.wrk.txt" "$WARMUP" warm "$WARM_INSIGHTS" "${tokens[$b]}"
  [ "$DATABASE" = postgres ] && pg_psql vigil_run -c 'CHECKPOINT' >/dev/null
  sleep 1
  wait_quiet
  a0="$(audit_entries)"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  v0="$(proc_ticks "$vigil_pid")"; d0="$(db_ticks)"; c0="$(children_ticks)"; m0="$(machine_ticks)"
  wrk_patch "$out/$name.wrk.txt" "$DURATION" bench "$INSIGHTS" "${tokens[$b]}"
  m1="$(machine_ticks)"; c1="$(children_ticks)"; d1="$(db_ticks)"; v1="$(proc_ticks "$vigil_pid")"
  sleep 2 # the requests in flight when wrk stopped commit
  a1="$(audit_entries)"
  kill -0 "$vigil_pid" 2>/dev/null || die "${labels[$b]}: the server died during the run; see $out/$name.log"
  stop_pid "$vigil_pid"
  vigil_pid=""
  sed -n 's/^BENCH //p' "$out/$name.wrk.txt" >"$out/$name.metrics"
  awk -v r="$r" -v slot="$slot" -v b="$b" -v v="$((v1 - v0))" -v d="$((d1 - d0))" -v c="$((c1 - c0))" \
    -v m="$((m1 - m0))" -v t="$clk_tck" -v added="$((a1 - a0))" -v load="$load" '
    { k[$1] = $2 }
    $1 ~ /^status_/ { s = substr($1, 8) + 0; if (s < 200 || s > 299) bad += $2 }
    END {
      secs = k["duration_us"] / 1e6; n = k["requests"]
      if (secs <= 0 || n <= 0) { print "no requests measured" > "/dev/stderr"; exit 1 }
      o = m - v - d - c; if (o < 0) o = 0
      ok = k["status_200"] + 0; unanswered = k["sent"] - k["answered"]
      audit = (added >= ok && added <= ok + unanswered) ? "ok" : "MISMATCH " added "/" ok
      printf "%d\t%d\t%d\t%.0f\t%.2f\t%.2f\t%d\t%d\t%.0f\t%.0f\t%.2f\t%.2f\t%.2f\t%s\t%s\n", r, slot, b, n / secs,
        k["p50_us"] / 1000, k["p99_us"] / 1000, bad, k["socket_errors"], (v + d) / t * 1e6 / n, d / t * 1e6 / n,
        (v + d) / t / secs, c / t / secs, o / t / secs, audit, load
    }' "$out/$name.metrics" >>"$out/runs.tsv" || die "could not read $out/$name.wrk.txt"
}

for ((r = 1; r <= ROUNDS; r++)); do
  for ((slot = 0; slot < count; slot++)); do run_one "$r" "$slot" $(((r - 1 + slot) % count)); done
done

# ---------------------------------------------------------------- report
col() { # build column: that build's values of a runs.tsv column, by round
  awk -F'\t' -v b="$1" -v c="$2" 'NR > 1 && $3 == b { print $1, $c }' "$out/runs.tsv" | sort -n | cut -d' ' -f2
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratios() { # build column: the median of the per-round ratios to build 0, and the ratio of the medians
  local per_round
  per_round="$(paste <(col "$1" "$2") <(col 0 "$2") | awk '{ if ($2 > 0) print $1 / $2 }' | median)"
  awk -v a="$per_round" -v x="$(col "$1" "$2" | median)" -v y="$(col 0 "$2" | median)" \
    'BEGIN { printf "%.3f / %.3f", a, (y > 0 ? x / y : 0) }'
}
spread() { col "$1" "$2" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }

{
  echo "### Regression guard: classification PATCH on $DATABASE, ${letters[0]} against the rest"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1);" \
    "$("$JAVA" -version 2>&1 | head -n1); $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)$([ "$DATABASE" = postgres ] && echo "; $("$PG_BIN/postgres" --version)")"
  echo "- rounds: $ROUNDS, each build once a round, the order rotated; per run a fresh copy of the build's pristine database" \
    "($INSIGHTS + $WARM_INSIGHTS insights), a fresh server (-Xmx$VIGIL_HEAP -XX:+UseSerialGC${SERVE_ARGS:+, serve $SERVE_ARGS}), ${WARMUP} warm-up," \
    "then wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
  for ((b = 0; b < count; b++)); do
    same=""
    for ((e = 0; e < b; e++)); do
      [ "${dirs[$e]}" = "${dirs[$b]}" ] && same=" (the same jar as ${letters[$e]}: the poms and src/main match)" && break
    done
    echo "- **${letters[$b]}** = ${labels[$b]}: ${subjects[$b]}$same"
  done
  echo
  echo "| run | build | req/s | p50 (ms) | p99 (ms) | non-2xx | CPU/req (µs) |$([ "$DATABASE" = postgres ] && echo " of which PostgreSQL |") server CPU (cores) | wrk CPU | other CPU | entries = 200s | load avg |"
  echo "|---|---|---:|---:|---:|---:|---:|$([ "$DATABASE" = postgres ] && echo "---:|")---:|---:|---:|---|---|"
  awk -F'\t' -v pg="$([ "$DATABASE" = postgres ] && echo 1)" -v letters="${letters[*]}" 'BEGIN { split(letters, L, " ") }
    NR > 1 {
      printf "| r%d | %s | %s | %s | %s | %s | %s |%s %s | %s | %s | %s | %s |\n", $1, L[$3 + 1], $4, $5, $6,
        ($7 > 0 || $8 > 0 ? "**" $7 "**" ($8 > 0 ? " (+" $8 " socket errors)" : "") : $7), $9,
        (pg ? " " $10 " |" : ""), $11, $12, $13, ($14 == "ok" ? "ok" : "**" $14 "**"), $15
    }' "$out/runs.tsv"
  echo
  echo "| build | req/s, median (spread) | vs ${letters[0]} | p99 (ms), median | vs ${letters[0]} | CPU/req (µs), median | vs ${letters[0]} |"
  echo "|---|---:|---|---:|---|---:|---|"
  for ((b = 0; b < count; b++)); do
    if [ "$b" = 0 ]; then rr="" pr="" cr=""; else rr="$(ratios "$b" 4)" pr="$(ratios "$b" 6)" cr="$(ratios "$b" 9)"; fi
    printf '| %s %s | %.0f (%s) | %s | %.2f | %s | %.0f | %s |\n' "${letters[$b]}" "${labels[$b]}" \
      "$(col "$b" 4 | median)" "$(spread "$b" 4)" "${rr:-1}" "$(col "$b" 6 | median)" "${pr:-1}" \
      "$(col "$b" 9 | median)" "${cr:-1}"
  done
  echo
  echo "Ratios: the median of the per-round ratios / the ratio of the medians, against ${letters[0]}. Above 1 is" \
    "faster for req/s; below 1 is better for p99 and CPU per request. CPU/req: the server's user + system CPU" \
    "over the measured window$([ "$DATABASE" = postgres ] && echo " (the JVM and PostgreSQL's processes)") divided" \
    "by the requests answered."
  busy="$(awk -F'\t' 'NR > 1 && $13 > max { max = $13 } END { if (max > 0.15) printf "%.2f", max }' "$out/runs.tsv")"
  [ -z "$busy" ] || printf '\n%s\n' "**The rest of the machine used up to $busy cores during a measured run (quiet: \
< 0.15): these figures carry its noise; rerun on a quiet machine before quoting them.**"
  bad="$(awk -F'\t' 'NR > 1 && ($7 > 0 || $8 > 0 || $14 != "ok") { n++ } END { print n + 0 }' "$out/runs.tsv")"
  [ "$bad" = 0 ] || printf '\n%s\n' "**$bad run(s) had non-2xx answers, socket errors or an audit mismatch: see the table.**"
  echo
  echo "Raw outputs: $out/"
} | tee "$out/results.md"
