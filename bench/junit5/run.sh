#!/usr/bin/env bash
# The JUnit extension (issue 32): what @VigilTest costs a test class (start, cold and warm) and Vigil.reset() a test.
#
#   bash bench/junit5/run.sh              # JVMS=5 WARM=20 RESETS=300
#
# Builds the server and the junit5 module (tests compiled, not run), then runs io.vigil.junit.StartAndResetBenchmark
# in JVMS fresh JVMs: each measures its first start (cold), WARM more starts and stops, and RESETS resets, each
# after seeding 20 insights and classifying 3. Prints the cold starts (and their median), then the last JVM's table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
JVMS="${JVMS:-5}" WARM="${WARM:-20}" RESETS="${RESETS:-300}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

find_java() { # a JDK >= 21: $JAVA, $JAVA_HOME, else the newest under /usr/lib/jvm
  if [ -n "${JAVA:-}" ]; then echo "$JAVA"; return; fi
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    echo "$JAVA_HOME/bin/java"; return
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -r); do
    if "$candidate" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then echo "$candidate"; return; fi
  done
  return 1
}
java_bin="$(find_java)" || { echo "bench/junit5: needs a JDK 21 or newer" >&2; exit 1; }

mvn --batch-mode -o -q test-compile dependency:build-classpath -pl server,junit5 \
  -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp" >&2
cp="junit5/target/test-classes:junit5/target/classes:server/target/classes:$(cat "$tmp/cp")"

echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs; $("$java_bin" -version 2>&1 | head -n1); load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$tmp/cold"
for jvm in $(seq 1 "$JVMS"); do
  "$java_bin" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile=bench/junit5/quiet-logback.xml \
    -cp "$cp" io.vigil.junit.StartAndResetBenchmark "$WARM" "$RESETS" >"$tmp/out.$jvm"
  sed -n 's/^cold_start_ms //p' "$tmp/out.$jvm" >>"$tmp/cold"
done
echo "- cold start (first in a JVM), ms: $(tr '\n' ' ' <"$tmp/cold")— median $(sort -n "$tmp/cold" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
echo
grep '^|' "$tmp/out.$JVMS"
