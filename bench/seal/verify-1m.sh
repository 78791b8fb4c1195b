#!/usr/bin/env bash
# A million-entry change log (issue 16): how long `vigil audit checkpoint` takes to seal it, and how long
# `vigil audit verify` takes to recompute it.
#
#   bash bench/seal/verify-1m.sh
#   DATABASE=postgres bash bench/seal/verify-1m.sh
#
# The entries are made through the real import path: bench/insights/GenerateInsights.java writes COUNT insights
# (--zones 100 --seed 1), then the same insights with every status flipped (--flip-status COUNT); importing the
# first file, then the second, makes Vigil write COUNT `status` entries (changed_by system), each with its
# position and leaf hash (given at write) but no seal. Both files and, on SQLite, the unsealed database are cached
# in bench/target/seal-1m/ (~2.5 GB for a million).
#
# Then REPEAT times: restore the unsealed database (positions and leaf hashes, no seal, no key), time `vigil audit
# checkpoint` (it creates the key and seals all COUNT entries, 4,096 per seal); after the last one, REPEAT times
# `vigil audit verify`. Each command is timed by /usr/bin/time (wall, CPU, max RSS), with the CPU the rest of the
# machine used meanwhile; the JVM is the launcher's (-Xmx${VIGIL_HEAP:-256m} -XX:+UseSerialGC).
#
# Environment: COUNT=1000000  REPEAT=3  DATABASE=sqlite|postgres (a throwaway cluster, bench/postgres.sh)
# Prints a markdown table on stdout; progress and the commands' own output go to stderr.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
COUNT="${COUNT:-1000000}"
REPEAT="${REPEAT:-3}"
DATABASE="${DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "verify-1m: DATABASE must be sqlite or postgres" >&2; exit 1 ;; esac
log() { echo "verify-1m: $*" >&2; }
die() { log "$*"; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is required (apt-get install time)"
apt_install() { return 1; } # bench/postgres.sh installs PostgreSQL through this; here it must be installed already

./vigil --version >/dev/null
JAVA="${JAVA:-java}" # the generator is a Java 17 single-file program

cache="bench/target/seal-1m"
mkdir -p "$cache"
insights="$cache/insights-n$COUNT.jsonl" flips="$cache/flips-n$COUNT.jsonl"
if [ ! -s "$insights" ] || [ ! -s "$flips" ]; then
  log "generating $COUNT insights and their status flips"
  "$JAVA" bench/insights/GenerateInsights.java --count "$COUNT" --zones 100 --seed 1 >"$insights.tmp"
  "$JAVA" bench/insights/GenerateInsights.java --count "$COUNT" --zones 100 --seed 1 --flip-status "$COUNT" >"$flips.tmp"
  mv "$insights.tmp" "$insights" && mv "$flips.tmp" "$flips"
fi

tmp="$(mktemp -d -t vigil-verify-1m.XXXXXX)"
data="$tmp/data"
[ "$DATABASE" = postgres ] && source bench/postgres.sh
cleanup() {
  set +e
  [ "$DATABASE" = postgres ] && pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The entries, how many have no position (a cache from before positions were given at write: delete it), the seals
entries_sql="SELECT count(*), count(*) - count(position), (SELECT count(*) FROM audit_seals) FROM audit_log"

import_both() { # store options...
  log "importing $insights, then $flips"
  ./vigil insights import "$insights" "$@" >&2
  ./vigil insights import "$flips" "$@" >&2
}

mkdir -p "$data"
if [ "$DATABASE" = postgres ]; then
  pg_start "$tmp/pg" || die "could not start PostgreSQL (apt-get install postgresql)"
  import_both --database-url "$PG_URL" --data-dir "$data"
  pg_psql postgres -c "ALTER DATABASE $PG_DATABASE RENAME TO unsealed" >/dev/null
  pg_psql postgres -c "ALTER DATABASE unsealed WITH ALLOW_CONNECTIONS false" >/dev/null
  store=(--database-url "$PG_URL" --data-dir "$data")
  restore() {
    pg_psql postgres -c "DROP DATABASE IF EXISTS $PG_DATABASE" >/dev/null
    pg_psql postgres -c "CREATE DATABASE $PG_DATABASE TEMPLATE unsealed" >/dev/null
    pg_psql "$PG_DATABASE" -c 'VACUUM ANALYZE' >/dev/null
  }
  entries() { pg_sql "$entries_sql" | tr '|' ' '; }
else
  unsealed="$cache/unsealed-n$COUNT.db"
  if [ ! -s "$unsealed" ]; then
    import_both --data-dir "$data"
    mv "$data/vigil.db" "$unsealed.tmp" && mv "$unsealed.tmp" "$unsealed"
  fi
  store=(--data-dir "$data")
  restore() { rm -f "$data"/vigil.db*; cp "$unsealed" "$data/vigil.db"; }
  entries() { sqlite3 -readonly "$data/vigil.db" "$entries_sql" | tr '|' ' '; }
fi

clk_tck="$(getconf CLK_TCK)"
machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
timed() { # label command...: one row of the table
  local label="$1" m0 m1 result
  shift
  m0="$(machine_ticks)"
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/out" "$tmp/err" >&2; die "$label failed"; }
  m1="$(machine_ticks)"
  read -r wall user sys rss <"$tmp/time"
  other="$(awk -v m="$((m1 - m0))" -v t="$clk_tck" -v u="$user" -v s="$sys" -v w="$wall" \
    'BEGIN { o = m / t - u - s; if (o < 0) o = 0; printf "%.2f", o / w }')"
  result="$(grep -E '^(checked|intact|BROKEN|size )' "$tmp/out" | tr '\n' ' ' || true)"
  echo "$wall" >>"$tmp/walls.$3" # $3: checkpoint or verify
  echo "| $label | $wall s | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') s | $((rss / 1024)) MB | $other | ${result% } |"
}

{
  echo "### A change log of $COUNT entries on $DATABASE: seal and verify"
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1);" \
    "commit $(git rev-parse --short HEAD 2>/dev/null || echo none)$([ -z "$(git status --porcelain -- server pom.xml 2>/dev/null)" ] || echo ' + uncommitted changes');" \
    "JVM -Xmx${VIGIL_HEAP:-256m} -XX:+UseSerialGC (the launcher's)$([ "$DATABASE" = postgres ] && echo "; $("$PG_BIN/postgres" --version)")"
  echo
  echo "| command | wall | CPU (user+sys) | max RSS | other CPU (cores) | output |"
  echo "|---|---:|---:|---:|---:|---|"
  for ((i = 1; i <= REPEAT; i++)); do
    restore
    rm -f "$data/audit-key.pem" "$data/audit-head.checkpoint"
    read -r total unpositioned seals < <(entries)
    [ "$total" = "$COUNT" ] && [ "$unpositioned" = 0 ] && [ "$seals" = 0 ] ||
      die "expected $COUNT positioned entries and no seal, found $total entries ($unpositioned without a position) and $seals seals"
    log "checkpoint $i of $REPEAT"
    timed "\`vigil audit checkpoint\` ($i), seals $COUNT entries" ./vigil audit checkpoint "${store[@]}"
  done
  for ((i = 1; i <= REPEAT; i++)); do
    log "verify $i of $REPEAT"
    timed "\`vigil audit verify\` ($i)" ./vigil audit verify "${store[@]}"
  done
  median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
  seal_s="$(median "$tmp/walls.checkpoint")" verify_s="$(median "$tmp/walls.verify")"
  echo
  echo "Medians of $REPEAT: checkpoint (sealing) ${seal_s} s, $(awk -v n="$COUNT" -v s="$seal_s" 'BEGIN { printf "%.0f", n / s }') entries/s;" \
    "verify ${verify_s} s, $(awk -v n="$COUNT" -v s="$verify_s" 'BEGIN { printf "%.0f", n / s }') entries/s" \
    "(target <= 10 s for a million: $(awk -v s="$verify_s" -v n="$COUNT" 'BEGIN { print (s * 1000000 / n <= 10 ? "met" : "**missed**") }'))."
}
