#!/usr/bin/env bash
# The Java client's overhead beside raw java.net.http on the PATCH benchmark's workload (issue 32): one
# `vigil serve` (SQLite, 127.0.0.1, the launcher's flags), INSIGHTS insights, and bench/client/ClientOverhead.java
# sending the classification PATCH from THREADS virtual threads, raw and through io.vigil.client.InsightsClient in
# turn (one JVM, the order swapped every round). Prints a markdown table on stdout (also in
# bench/target/client-<timestamp>/results.md); progress on stderr. Every process started here is stopped on exit.
#
#   bash bench/client/run.sh
#   ROUNDS=7 SECONDS_PER_WINDOW=15 THREADS=64 bash bench/client/run.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
INSIGHTS="${INSIGHTS:-10000}"
THREADS="${THREADS:-32}"
ROUNDS="${ROUNDS:-5}"
SECONDS_PER_WINDOW="${SECONDS_PER_WINDOW:-10}"
export VIGIL_HEAP="${VIGIL_HEAP:-256m}"
log() { echo "client bench: $*" >&2; }
die() { log "$*"; exit 1; }
command -v curl >/dev/null 2>&1 || die "curl is required"

log "building vigil and the client if needed"
./vigil --version >/dev/null
mvn -B -q -o -Dstyle.color=never -pl client -am -DskipTests -Dspotless.check.skip=true install >&2 \
  || die "the client did not build (mvn -pl client -am install)"
out="bench/target/client-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
tmp="$(mktemp -d -t vigil-client-bench.XXXXXX)"
pid=""
cleanup() {
  set +e
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mvn -B -q -o -pl client dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$tmp/cp" >&2
classpath="client/target/classes:$(cat "$tmp/cp")"

awk -v acct="$ACCOUNT" -v n="$INSIGHTS" 'BEGIN {
  for (i = 1; i <= n; i++)
    printf "{\"id\":\"c-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\",\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"host-%d.example.com\"}\n", i, acct, i
}' >"$tmp/insights.jsonl"
./vigil insights import "$tmp/insights.jsonl" --data-dir "$tmp/data" >&2
token="$(./vigil token create --data-dir "$tmp/data" --name bench --permission edit --account "$ACCOUNT")"
./vigil serve --data-dir "$tmp/data" --host 127.0.0.1 --port 0 >"$out/server.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/server.log" | head -n1 || true)"
  [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  port=""
  sleep 0.5
done
[ -n "$port" ] || die "vigil did not start; see $out/server.log"
java_bin="$(readlink "/proc/$pid/exe")" # the JDK the launcher chose (./vigil execs it)

log "$ROUNDS rounds of ${SECONDS_PER_WINDOW} s per way, $THREADS threads, $INSIGHTS insights"
{
  echo "### The Java client beside raw java.net.http: the classification PATCH"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server client pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes');" \
    "one vigil serve (SQLite, -Xmx$VIGIL_HEAP); $THREADS virtual threads; $ROUNDS rounds of ${SECONDS_PER_WINDOW} s per way, the order swapped every round"
  echo
  "$java_bin" -cp "$classpath" bench/client/ClientOverhead.java "http://127.0.0.1:$port/client/v4" "$token" "$ACCOUNT" c \
    "$INSIGHTS" "$THREADS" "$ROUNDS" "$SECONDS_PER_WINDOW"
} | tee "$out/results.md"
