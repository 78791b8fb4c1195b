# The PostgreSQL half of bench/run.sh (DATABASE=postgres), sourced by it once the throwaway cluster runs
# and the insights are imported: it uses run.sh's settings, helpers and cleanup, and exits when done.
#
# In each of ROUNDS rounds, one after the other on the same database:
#   1. pgbench: PostgreSQL's own rate for the write behind one PATCH, one transaction per request
#      (bench/pgbench/per-op.sql: compare-and-set UPDATE + audit INSERT + COMMIT), CONNECTIONS clients,
#      THREADS threads, prepared statements; latencies from pgbench's per-transaction log;
#   2. the same transaction from a Java client (bench/pgbench/PerOpJdbc.java, run from source against the
#      postgresql driver and HikariCP in Vigil's server/target/lib/): CONNECTIONS virtual threads, a pool of
#      Vigil's size behind a fair semaphore; it warms up for WARMUP on the warm-up insights first, then
#      waits while the classifications are reset and a CHECKPOINT is taken, then measures;
#   3. for each n in NODES: Vigil's PATCH through n nodes (n wrk processes, CONNECTIONS/n connections each).
# Before every measured run all classifications are reset to null (so each walk starts at pass 1), the
# table vacuumed and a CHECKPOINT taken (so every run starts at the same point of the checkpoint cycle).

max_nodes=0
for n in $NODES; do [ "$n" -gt "$max_nodes" ] && max_nodes="$n"; done
node_ports=()

start_node() { # index: each node has a data directory of its own (its node id), with the first's key files
  local i="$1" port="" pid dir="$out/node-$i"
  mkdir -p "$dir"
  if [ "$i" -gt 0 ]; then
    for f in audit-key.pem webhook-secrets.key; do [ -f "$out/node-0/$f" ] && cp -p "$out/node-0/$f" "$dir/"; done
  fi
  ./vigil serve "${store[@]}" --data-dir "$dir" --host 127.0.0.1 --port 0 >"$out/vigil-$i.log" 2>&1 &
  pid=$! # ./vigil execs java, so this is the JVM
  node_pids+=("$pid")
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { cat "$out/vigil-$i.log" >&2; die "node $i exited"; }
    port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/vigil-$i.log" | head -n1 || true)"
    [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    port=""
    sleep 0.5
  done
  [ -n "$port" ] || die "node $i did not start; see $out/vigil-$i.log"
  node_ports+=("$port")
}
log "starting $max_nodes vigil node(s) on $PG_URL (-Xmx$VIGIL_HEAP, SerialGC, set by ./vigil)"
for ((i = 0; i < max_nodes; i++)); do start_node "$i"; done
JAVA="$(readlink "/proc/${node_pids[0]}/exe")"

nodes_ticks() { # CPU ticks of the first $1 nodes
  local i sum=0
  for ((i = 0; i < $1; i++)); do sum=$((sum + $(proc_ticks "${node_pids[$i]}"))); done
  echo "$sum"
}
servers_ticks() { echo $(($(nodes_ticks "$max_nodes") + $(pg_ticks))); }
wait_quiet() { # as in run.sh, with the nodes and PostgreSQL as the servers
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
audit_rows() { pg_sql 'SELECT count(*) FROM audit_log'; }
fresh_walks() {
  pg_sql 'UPDATE insights SET user_classification = NULL WHERE user_classification IS NOT NULL' >/dev/null
  pg_sql 'VACUUM ANALYZE insights' >/dev/null
  pg_sql 'CHECKPOINT' >/dev/null
}
cpu_lines() { # ticks at start (nodes pg children machine) and at end -> the metric lines
  awk -v n="$(($5 - $1))" -v p="$(($6 - $2))" -v c="$(($7 - $3))" -v m="$(($8 - $4))" -v t="$clk_tck" 'BEGIN {
    o = m - n - p - c; if (o < 0) o = 0
    printf "vigil_cpu_s %.2f\npg_cpu_s %.2f\nclient_cpu_s %.2f\nother_cpu_s %.2f\n", n / t, p / t, c / t, o / t }'
}

run_pgbench() { # name duration
  local name="$1" duration="$2" a0 a1 t0 t1 n0 n1 p0 p1 c0 c1 m0 m1
  log "pgbench $name: $duration, $CONNECTIONS clients"
  a0="$(audit_rows)"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/$name.metrics"
  n0="$(nodes_ticks "$max_nodes")"; p0="$(pg_ticks)"; c0="$(children_ticks)"; m0="$(machine_ticks)"
  # pgbench writes its log files into the working directory.
  (cd "$out" && pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$(seconds_of "$duration")" \
    -f "$OLDPWD/bench/pgbench/per-op.sql" -D count="$INSIGHTS" -D clients="$CONNECTIONS" -D pos=0 \
    -l --log-prefix="$name.pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DATABASE") \
    >"$out/$name.pgbench.txt" 2>&1 || { cat "$out/$name.pgbench.txt" >&2; die "pgbench $name failed"; }
  m1="$(machine_ticks)"; c1="$(children_ticks)"; p1="$(pg_ticks)"; n1="$(nodes_ticks "$max_nodes")"
  a1="$(audit_rows)"
  t1="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out/$name.pgbench.txt")"
  {
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/rps \1/p' "$out/$name.pgbench.txt"
    echo "transactions $t1"
    echo "failed $(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out/$name.pgbench.txt")"
    echo "audit_added $((a1 - a0))"
    # log line: client transaction latency_us script epoch_s epoch_us
    cat "$out/$name.pgbench".* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END {
      printf "p50_us %d\np99_us %d\np999_us %d\nmax_us %d\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[int(NR * 0.999) + 1], v[NR] }'
    cpu_lines "$n0" "$p0" "$c0" "$m0" "$n1" "$p1" "$c1" "$m1"
  } >>"$out/$name.metrics"
  rm -f "$out/$name.pgbench".*[0-9]
}

lib_jar() { # the one jar of target/lib/ whose name starts with $1-<digit>
  local jars=(server/target/lib/"$1"-[0-9]*.jar)
  [ "${#jars[@]}" -eq 1 ] && [ -f "${jars[0]}" ] || die "expected one server/target/lib/$1-*.jar (built by ./vigil), found: ${jars[*]}"
  echo "${jars[0]}"
}
jdbc_cp="$(lib_jar postgresql):$(lib_jar HikariCP):$(lib_jar slf4j-api)"

run_jdbc() { # name duration: the per-op transaction from PerOpJdbc.java
  local name="$1" duration="$2" a0 a1 n0 n1 p0 p1 m0 m1 go="$tmp/$1.go"
  log "JDBC per-op $name: ${WARMUP} warm-up, then $duration, $CONNECTIONS virtual threads"
  # SLF4J's no-op provider: HikariCP logs through SLF4J, and logback is not on this class path.
  "$JAVA" "-Xmx$VIGIL_HEAP" -XX:+UseSerialGC -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider \
    -cp "$jdbc_cp" bench/pgbench/PerOpJdbc.java "$PG_URL" "$INSIGHTS" "$CONNECTIONS" pgb \
    warm "$WARM_INSIGHTS" "$(seconds_of "$WARMUP")" "$(seconds_of "$duration")" "$go" \
    >"$out/$name.jdbc.txt" 2>"$out/$name.jdbc.log" &
  jdbc_pid=$!
  until grep -qs '^PEROP warm$' "$out/$name.jdbc.txt"; do
    kill -0 "$jdbc_pid" 2>/dev/null || { cat "$out/$name.jdbc.log" >&2; die "JDBC per-op $name exited during its warm-up"; }
    sleep 0.2
  done
  fresh_walks; sleep 2; wait_quiet
  a0="$(audit_rows)"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/$name.metrics"
  n0="$(nodes_ticks "$max_nodes")"; p0="$(pg_ticks)"; m0="$(machine_ticks)"
  touch "$go"
  wait "$jdbc_pid" || { cat "$out/$name.jdbc.log" >&2; die "JDBC per-op $name failed"; }
  m1="$(machine_ticks)"; p1="$(pg_ticks)"; n1="$(nodes_ticks "$max_nodes")"
  jdbc_pid=""
  a1="$(audit_rows)"
  {
    sed -n 's/^PEROP //p' "$out/$name.jdbc.txt" | sed 's/^ops /transactions /'
    echo "audit_added $((a1 - a0))"
    # The client's CPU is the JVM's own figure for the measured phase (not its start-up, source compilation
    # and warm-up); "other" is the rest of the machine's CPU over the same span.
    awk -v n="$((n1 - n0))" -v p="$((p1 - p0))" -v m="$((m1 - m0))" -v t="$clk_tck" \
      -v c="$(sed -n 's/^PEROP cpu_s //p' "$out/$name.jdbc.txt")" 'BEGIN {
      o = m / t - n / t - p / t - c; if (o < 0) o = 0
      printf "vigil_cpu_s %.2f\npg_cpu_s %.2f\nclient_cpu_s %.2f\nother_cpu_s %.2f\n", n / t, p / t, c, o }'
  } >>"$out/$name.metrics"
}

run_nodes() { # name nodes prefix count duration: PATCH through the first n nodes, one wrk process each
  local name="$1" n="$2" prefix="$3" count="$4" duration="$5" j pids=() samplers=()
  local t=$((THREADS / n)) c=$((CONNECTIONS / n)) a0 a1 n0 n1 p0 p1 c0 c1 m0 m1
  log "wrk $name: $duration through $n node(s), $c connections each"
  a0="$(audit_rows)"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/$name.metrics"
  for ((j = 0; j < n; j++)); do
    sample_rss "${node_pids[$j]}" "$(seconds_of "$duration")" "$out/$name.rss$j" &
    samplers+=($!)
  done
  n0="$(nodes_ticks "$max_nodes")"; p0="$(pg_ticks)"; c0="$(children_ticks)"; m0="$(machine_ticks)"
  for ((j = 0; j < n; j++)); do
    wrk -t"$t" -c"$c" -d"$duration" --latency "${patch_headers[@]}" -s bench/wrk/bench.lua \
      "http://127.0.0.1:${node_ports[$j]}" -- patch "$ACCOUNT" "$prefix" "$count" "$THREADS" $((j * t)) \
      >"$out/$name.wrk$j.txt" 2>&1 &
    pids+=($!)
  done
  for j in "${!pids[@]}"; do wait "${pids[$j]}" || { cat "$out/$name.wrk$j.txt" >&2; die "wrk $name failed"; }; done
  m1="$(machine_ticks)"; c1="$(children_ticks)"; p1="$(pg_ticks)"; n1="$(nodes_ticks "$max_nodes")"
  for pid in "${samplers[@]}"; do stop_pid "$pid"; done
  sleep 2 # let the requests that were in flight when wrk stopped commit
  a1="$(audit_rows)"
  {
    # Throughput adds up over the wrk processes; their latency percentiles cannot be merged, so the
    # report takes the worst process's.
    cat "$out/$name".wrk*.txt | sed -n 's/^BENCH //p' | awk '
      $1 == "requests" || $1 == "sent" || $1 == "answered" || $1 == "socket_errors" || $1 ~ /^status_/ { sum[$1] += $2 }
      $1 ~ /_us$/ && $1 != "duration_us" { if ($2 > worst[$1]) worst[$1] = $2 }
      END { for (k in sum) print k, sum[k]; for (k in worst) print k, worst[k] }'
    for ((j = 0; j < n; j++)); do
      awk '$2 == "requests" { r = $3 } $2 == "duration_us" { d = $3 } END { printf "%.1f\n", r / (d / 1e6) }' "$out/$name.wrk$j.txt"
    done | awk '{ s += $1 } END { printf "rps %.0f\n", s }'
    echo "audit_added $((a1 - a0))"
    echo "rss_peak_kb $(cat "$out/$name".rss* | sort -n | tail -n1)"
    cpu_lines "$n0" "$p0" "$c0" "$m0" "$n1" "$p1" "$c1" "$m1"
  } >>"$out/$name.metrics"
}

patch_headers=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

log "warming up (${WARMUP}: pgbench, then the $max_nodes node(s))"
run_pgbench warmup-pgbench "$WARMUP"
run_nodes warmup-vigil "$max_nodes" warm "$WARM_INSIGHTS" "$WARMUP"
targets=()
for ((r = 1; r <= ROUNDS; r++)); do
  fresh_walks; sleep 2; wait_quiet
  run_pgbench "per-op-r$r" "$DURATION"
  targets+=("per-op-r$r")
  fresh_walks # the JDBC client's warm-up walks the warm-up insights from null
  run_jdbc "jdbc-r$r" "$DURATION"
  targets+=("jdbc-r$r")
  for n in $NODES; do
    fresh_walks; sleep 2; wait_quiet
    run_nodes "vigil-$n-r$r" "$n" bench "$INSIGHTS" "$DURATION"
    targets+=("vigil-$n-r$r")
  done
done
hwm_kb="$(for pid in "${node_pids[@]}"; do vm_hwm_kb "$pid"; done | sort -n | tail -n1)"

# ---------------------------------------------------------------- report
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }
ms_of() { awk -v u="$(metric "$1" "$2")" 'BEGIN { printf "%.2f", u / 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
label_of() {
  case "$1" in
    per-op-*) echo "PostgreSQL per-op: pgbench, 1 transaction per request, $CONNECTIONS clients" ;;
    jdbc-*) echo "PostgreSQL per-op: Java JDBC client, 1 transaction per op, $CONNECTIONS virtual threads, pool of $(metric "$1" pool) (fair)" ;;
    vigil-1-*) echo "Vigil PATCH, 1 node" ;;
    vigil-*) echo "Vigil PATCH, $(cut -d- -f2 <<<"$1") nodes" ;;
  esac
}
check_of() { # the audit check of a run
  local added ok unanswered
  added="$(metric "$1" audit_added)"
  case "$1" in
    per-op-*)
      if [ "$added" -eq "$(metric "$1" transactions)" ] && [ "$(metric "$1" failed)" -eq 0 ]; then echo "$added rows = transactions"
      else echo "**MISMATCH** $added rows, $(metric "$1" transactions) transactions"; fi ;;
    jdbc-*)
      if [ "$added" -eq "$(metric "$1" transactions)" ] && [ "$(metric "$1" failed)" -eq 0 ] && [ "$(metric "$1" unmatched)" -eq 0 ]; then
        echo "$added rows = ops"
      else echo "**MISMATCH** $added rows, $(metric "$1" transactions) ops, $(metric "$1" failed) failed, $(metric "$1" unmatched) unmatched"; fi ;;
    *)
      ok="$(metric "$1" status_200)"; unanswered=$(($(metric "$1" sent) - $(metric "$1" answered)))
      if [ "$added" -ge "$ok" ] && [ "$added" -le $((ok + unanswered)) ]; then echo "$added rows = $ok 200s + $((added - ok)) in flight"
      else echo "**MISMATCH** $added rows, $ok 200s, $unanswered in flight"; fi ;;
  esac
}
non_2xx_of() { case "$1" in per-op-* | jdbc-*) metric "$1" failed ;; *) echo $(($(non_2xx "$1") + $(metric "$1" socket_errors))) ;; esac; }
rss_of() { case "$1" in per-op-* | jdbc-*) echo "" ;; *) mb "$(metric "$1" rss_peak_kb)" ;; esac; }
ratio_of() { # kind baseline: the median over the rounds of kind's req/s over baseline's in the same round
  local r
  for ((r = 1; r <= ROUNDS; r++)); do
    awk -v a="$(metric "$1-r$r" rps)" -v b="$(metric "$2-r$r" rps)" 'BEGIN { printf "%.3f\n", a / b }'
  done | median
}
us_per_op() { # kind cpu-metric: median over the rounds of that CPU in µs per operation
  local r
  for ((r = 1; r <= ROUNDS; r++)); do
    awk -v c="$(metric "$1-r$r" "$2")" -v d="$(seconds_of "$DURATION")" -v r="$(metric "$1-r$r" rps)" \
      'BEGIN { printf "%.1f\n", 1e6 * c / (r * d) }'
  done | median
}

{
  echo "### Vigil classification PATCH on PostgreSQL"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1);" \
    "$("$JAVA" -version 2>&1 | head -n1); $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2); $("$PG_BIN/postgres" --version)"
  echo "- commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes');" \
    "$ROUNDS rounds of ${DURATION} per target after ${WARMUP} of warm-up; wrk --latency, $CONNECTIONS connections and $THREADS threads in all," \
    "split over the nodes; nodes -Xmx$VIGIL_HEAP -XX:+UseSerialGC"
  echo "- PostgreSQL: new local cluster, fsync=on, synchronous_commit=on, full_page_writes=on," \
    "shared_buffers=$(pg_sql 'SHOW shared_buffers'), max_connections=$(pg_sql 'SHOW max_connections'), other settings default"
  echo
  echo "| run | target | req/s | p50 (ms) | p99 (ms) | p99.9 (ms) | errors | audit check | Vigil CPU | PostgreSQL CPU | client CPU | other CPU | node peak RSS (MB) | load avg |"
  echo "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"
  for t in "${targets[@]}"; do
    d="$(seconds_of "$DURATION")"
    echo "| ${t##*-r} | $(label_of "$t") | $(printf '%.0f' "$(metric "$t" rps)") | $(ms_of "$t" p50_us) | $(ms_of "$t" p99_us) |" \
      "$(ms_of "$t" p999_us) | $(non_2xx_of "$t") | $(check_of "$t") |" \
      "$(awk -v c="$(metric "$t" vigil_cpu_s)" -v d="$d" 'BEGIN { printf "%.2f", c / d }') |" \
      "$(awk -v c="$(metric "$t" pg_cpu_s)" -v d="$d" 'BEGIN { printf "%.2f", c / d }') |" \
      "$(awk -v c="$(metric "$t" client_cpu_s)" -v d="$d" 'BEGIN { printf "%.2f", c / d }') |" \
      "$(awk -v c="$(metric "$t" other_cpu_s)" -v d="$d" 'BEGIN { printf "%.2f", c / d }') | $(rss_of "$t") | $(metric "$t" load) |"
  done
  echo
  echo "Medians over the $ROUNDS rounds. The two baselines are PostgreSQL's rate for the same write with one transaction" \
    "per operation, from pgbench (C, $CONNECTIONS connections) and from the Java JDBC client (the kind of client the issue's" \
    "2.0–3.4k/s figure comes from). Each × column is the median over the rounds of Vigil's req/s over that baseline's" \
    "rate **in the same round**:"
  echo
  echo "| target | req/s | p50 (ms) | p99 (ms) | p99.9 (ms) | × pgbench per-op | × JDBC per-op | verdict: >= 3× pgbench | verdict: >= 3× JDBC | verdict: p99 <= 50 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---|---|"
  for kind in per-op jdbc $(for n in $NODES; do echo "vigil-$n"; done); do
    runs=()
    for ((r = 1; r <= ROUNDS; r++)); do runs+=("$kind-r$r"); done
    rps_m="$(for t in "${runs[@]}"; do metric "$t" rps; done | median)"
    p50_m="$(for t in "${runs[@]}"; do ms_of "$t" p50_us; echo; done | median)"
    p99_m="$(for t in "${runs[@]}"; do ms_of "$t" p99_us; echo; done | median)"
    p999_m="$(for t in "${runs[@]}"; do ms_of "$t" p999_us; echo; done | median)"
    vs_pgbench="$(ratio_of "$kind" per-op)" vs_jdbc="$(ratio_of "$kind" jdbc)"
    case "$kind" in
      per-op | jdbc)
        echo "| $(label_of "$kind-r1") | $(printf '%.0f' "$rps_m") | $p50_m | $p99_m | $p999_m |" \
          "$(printf '%.2f' "$vs_pgbench") | $(printf '%.2f' "$vs_jdbc") | | | |" ;;
      *)
        echo "| $(label_of "$kind-r1") | $(printf '%.0f' "$rps_m") | $p50_m | $p99_m | $p999_m |" \
          "**$(printf '%.2f' "$vs_pgbench")** | **$(printf '%.2f' "$vs_jdbc")** | $(verdict "$vs_pgbench >= 3") |" \
          "$(verdict "$vs_jdbc >= 3") | $(verdict "$p99_m <= 50") |" ;;
    esac
  done
  echo
  echo "CPU per operation, µs (median over the rounds of CPU seconds / operations). For the baselines the client is the" \
    "application's side (pgbench, or the JDBC client's JVM during its measured phase); for Vigil it is wrk, and the" \
    "application's side is the Vigil column:"
  echo
  echo "| target | Vigil nodes | PostgreSQL | client | Vigil + PostgreSQL + client |"
  echo "|---|---:|---:|---:|---:|"
  for kind in per-op jdbc $(for n in $NODES; do echo "vigil-$n"; done); do
    v="$(us_per_op "$kind" vigil_cpu_s)" p="$(us_per_op "$kind" pg_cpu_s)" c="$(us_per_op "$kind" client_cpu_s)"
    case "$kind" in per-op | jdbc) v="—" ;; esac
    echo "| $(label_of "$kind-r1") | $v | $p | $c | $(awk -v v="${v/—/0}" -v p="$p" -v c="$c" 'BEGIN { printf "%.1f", v + p + c }') |"
  done
  echo
  echo "CPU columns are cores (CPU seconds over the run's duration): the Vigil nodes, PostgreSQL (postmaster and" \
    "backends), the load generator (pgbench, the JDBC client's JVM during its measured phase, or wrk), everything else. Vigil's p99 with several nodes is the worst" \
    "of the wrk processes' p99s. Node VmHWM at the end: $(mb "$hwm_kb") MB."
  echo
  echo "Raw outputs: $out/"
} | tee "$out/results.md"
exit 0
