#!/usr/bin/env bash
# Where the time of the list, count and audit-log requests and of the import goes, and what candidate
# changes would give: the plans and timings of the server's own SQL on a copy of a benchmark database,
# through the server's driver and engine (sqlite-jdbc from server/target/lib, via SqlTimer.java), then the same
# after candidate changes made on a throw-away copy. Nothing in src/ is touched.
#
#   KEEP_DB=1 bash bench/insights/run.sh          # leaves bench/insights/target/vigil-*.db
#   bash bench/insights/diagnose.sh [DB]           # default: the newest bench/insights/target/vigil-*.db
#
# Environment: RUNS=5 (timed runs per query, after one warm-up run; the median is reported);
#   SECTIONS="1 2 3 4 5" (which sections to run); IMPORT_ONLY=text (section 5: only the variants whose
#   label contains it).
# Prints its findings on stdout; writes only in a temp dir (removed on exit). Bounded: every timer
# process is under `timeout`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=bench/insights
RUNS="${RUNS:-5}"
SECTIONS="${SECTIONS:-1 2 3 4 5}"
IMPORT_ONLY="${IMPORT_ONLY:-}" # section 5: run only the variants whose label contains this
readonly A=023e105f4ecef8ad9ca31a8372d0c353
migrations=server/src/main/resources/io/vigil/store/migrations/sqlite

db="${1:-$(ls -t "$here"/target/vigil-*.db 2>/dev/null | head -n1 || true)}"
[ -n "$db" ] && [ -f "$db" ] || { echo "no database: run KEEP_DB=1 bash $here/run.sh first" >&2; exit 1; }
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1 | cut -d. -f1; }
JAVA="" best=0
for c in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -n "$c" ] && [ -x "$c" ] || continue
  v="$(java_major "$c")"
  if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best" ]; then JAVA="$c"; best="$v"; fi
done
[ -n "$JAVA" ] || { echo "needs a JDK >= 21" >&2; exit 1; }
./vigil --version >/dev/null
tmp="$(mktemp -d -t vigil-insights-diag.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
cp server/target/lib/sqlite-jdbc-*.jar "$tmp/sqlite-jdbc.jar"
timer() { # db: runs the script on stdin
  timeout 1800 "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$tmp/sqlite-jdbc.jar" "$here/SqlTimer.java" "$1" "$RUNS"
}
work="$tmp/work.db"
echo "copying $(du -m "$db" | cut -f1) MB to a throw-away copy" >&2
sqlite3 -readonly "$db" ".backup '$work'"
sqlite3 -readonly "$work" "SELECT 1 FROM sqlite_master WHERE name = 'insight_tallies'" | grep -q 1 \
  || { echo "$db predates the V2 schema (insight_tallies); re-run run.sh" >&2; exit 1; }

Z="$(sqlite3 -readonly "$work" \
  'SELECT zone_id FROM insights WHERE zone_id IS NOT NULL GROUP BY zone_id ORDER BY count(*) DESC LIMIT 1')"
# The id after which page 10,000 (25 a page) starts: what the cursor of run.sh decodes to.
AFTER="$(sqlite3 -readonly "$work" "SELECT id FROM audit_log WHERE account_id = '$A' ORDER BY id DESC LIMIT 1 OFFSET 249999")"
COLS="id, account_id, zone_id, issue_class, issue_type, severity, subject, status, dismissed, payload, context, product, resolve_link, resolve_text, since_ms, timestamp_ms, user_classification"
ACOLS="id, issue_id, account_id, zone_id, field_changed, previous_value, current_value, rationale, changed_by, changed_at_ms"
# The WHERE clauses InsightSql builds (values inlined) for the benchmark's queries.
W1="account_id = '$A' AND dismissed = 0 AND issue_type IN ('exposed_infrastructure') AND severity IN ('Critical')"
W2="account_id = '$A' AND dismissed = 0 AND issue_type IN ('insecure_configuration')"
WZ="zone_id = '$Z' AND dismissed = 0 AND issue_type IN ('exposed_infrastructure') AND severity IN ('Critical')"
WC="account_id = '$A' AND dismissed = 0 AND severity IN ('Critical')"
WT="account_id = '$A' AND dismissed = 0 AND issue_type IN ('exposed_infrastructure')"
# The sort key of the row before offset 12,475 (page 500): what a remembered position holds.
key_before() { sqlite3 -readonly "$work" "SELECT timestamp_ms || '|' || id FROM insights WHERE $1 ORDER BY timestamp_ms DESC, id LIMIT 1 OFFSET 12474"; }
IFS='|' read -r K1T K1I <<<"$(key_before "$W1")"
IFS='|' read -r K2T K2I <<<"$(key_before "$W2")"
rows_sql() { echo "SELECT $COLS FROM insights WHERE $1 ORDER BY timestamp_ms DESC, id LIMIT 25 OFFSET $2;"; }
keyset_sql() { echo "SELECT $COLS FROM insights WHERE $1 AND timestamp_ms <= $2 AND (timestamp_ms < $2 OR id > '$3') ORDER BY timestamp_ms DESC, id LIMIT 25 OFFSET 0;"; }

# The SQL the server runs (JdbcInsightStore, InsightSql, JdbcAuditLog), values inlined.
list_queries() {
  echo "-- @list A page 1";                 rows_sql "$W1" 0
  echo "-- @list A page 500, first time";   rows_sql "$W1" 12474
  echo "-- @list A page 500, remembered";   keyset_sql "$W1" "$K1T" "$K1I"
  echo "-- @list B page 1";                 rows_sql "$W2" 0
  echo "-- @list B page 500, first time";   rows_sql "$W2" 12474
  echo "-- @list B page 500, remembered";   keyset_sql "$W2" "$K2T" "$K2I"
  echo "-- @zone list page 1";              rows_sql "$WZ" 0
}
count_queries() {
  cat <<EOF
-- @list version
SELECT version FROM insight_list_version;
-- @list A total (tallies)
SELECT coalesce(sum(n), 0) FROM insight_tallies WHERE $W1;
-- @list B total (tallies)
SELECT coalesce(sum(n), 0) FROM insight_tallies WHERE $W2;
-- @zone list total (tallies)
SELECT coalesce(sum(n), 0) FROM insight_tallies WHERE $WZ;
-- @/class?severity=critical
SELECT issue_class, sum(n) AS c FROM insight_tallies WHERE $WC GROUP BY issue_class HAVING c > 0 ORDER BY c DESC, issue_class;
-- @/severity?issue_type=exposed
SELECT severity, sum(n) AS c FROM insight_tallies WHERE $WT GROUP BY severity HAVING c > 0 ORDER BY c DESC, severity;
-- @/type?severity=critical
SELECT issue_type, sum(n) AS c FROM insight_tallies WHERE $WC GROUP BY issue_type HAVING c > 0 ORDER BY c DESC, issue_type;
EOF
}
audit_queries() {
  cat <<EOF
-- @audit page 1
SELECT $ACOLS FROM audit_log WHERE account_id = '$A' ORDER BY id DESC LIMIT 26;
-- @audit page 10000
SELECT $ACOLS FROM audit_log WHERE account_id = '$A' AND id < '$AFTER' ORDER BY id DESC LIMIT 26;
EOF
}
READER="PRAGMA query_only = ON; PRAGMA cache_size = -16384;" # as SqliteConnections opens a reader

section_1() {
  echo "## 1. The server's queries, on a reader connection as the server opens it (16 MiB page cache)"
  { echo "$READER" | tr ';' '\n' | sed -n 's/^ *\(PRAGMA .*[^ ]\) *$/\1;/p'
    list_queries; count_queries; audit_queries; } | timer "$work"
}

section_2() {
  echo "## 2. Counts: the tallies hold one row per zone (10k rows per account): candidates that answer"
  echo "##    account-scoped counts and totals from a roll-up without zone_id (~130 rows per account)"
  {
    echo "PRAGMA cache_size = -16384;"
    cat <<EOF
CREATE TABLE cand_account_tallies (
    account_id TEXT NOT NULL, dismissed INTEGER NOT NULL, issue_type TEXT NOT NULL, issue_class TEXT NOT NULL,
    severity TEXT NOT NULL, product TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (account_id, dismissed, issue_type, issue_class, severity, product)
) STRICT, WITHOUT ROWID;
INSERT INTO cand_account_tallies SELECT account_id, dismissed, issue_type, issue_class, severity, product, sum(n) FROM insight_tallies GROUP BY 1, 2, 3, 4, 5, 6;
SELECT count(*) FROM cand_account_tallies;
EOF
    count_queries | awk '/^-- @/ { keep = ($0 !~ /version|zone/) } keep' \
      | sed 's/insight_tallies/cand_account_tallies/; s/^-- @/-- @roll-up: /'
    echo "-- @check: roll-up /class = tallies /class (0 = equal)"
    echo "SELECT count(*) FROM (SELECT issue_class, sum(n) FROM cand_account_tallies WHERE $WC GROUP BY 1 EXCEPT SELECT issue_class, sum(n) FROM insight_tallies WHERE $WC GROUP BY 1);"
  } | timer "$work"
}

section_3() {
  echo "## 3. Deep pages the first time (OFFSET from the top, before a position is remembered): candidates,"
  echo "##    one list-order index per leading filter, the other low-cardinality filters as trailing columns"
  {
    echo "PRAGMA cache_size = -16384;"
    echo "CREATE INDEX cand_type_order ON insights (account_id, dismissed, issue_type, timestamp_ms DESC, id, severity, issue_class, product);"
    echo "CREATE INDEX cand_severity_order ON insights (account_id, dismissed, severity, timestamp_ms DESC, id, issue_type, issue_class, product);"
    echo "ANALYZE;"
    list_queries | sed 's/^-- @/-- @with both: /'
    echo "DROP INDEX cand_type_order;"
    echo "DROP INDEX cand_severity_order;"
    echo "DROP TABLE sqlite_stat1;"
  } | timer "$work"
}

section_4() {
  echo "## 4. Statement preparation: what preparing the list's statement costs on its own (sqlite-jdbc"
  echo "##    prepares every statement anew per request; 3-4 statements per list request)"
  {
    echo "PRAGMA cache_size = -16384;"
    echo "-- @prepare+step: SELECT 1"
    echo "SELECT 1;"
    echo "-- @prepare+step: list version"
    echo "SELECT version FROM insight_list_version;"
    echo "-- @prepare+step: token lookup shape"
    echo "SELECT id, name, permission, created_ms, expires_ms FROM api_tokens WHERE secret_hash = 'x';"
  } | timer "$work"
}

section_5() {
  echo "## 5. The import's SQLite work alone: the insights re-inserted in file order into a fresh database with"
  echo "##    the server's schema (INSERT ... SELECT ... ON CONFLICT DO UPDATE; no JSON, no JDBC per row), WAL +"
  echo "##    foreign keys + 64 MiB page cache as the CLI's writer, then variants"
  local variant label batch setting total i
  total="$(sqlite3 -readonly "$work" 'SELECT max(rowid) FROM insights')"
  for variant in \
      "as the CLI: 5,000 a transaction, synchronous=FULL|5000|" \
      "without the tally triggers|5000|NOTRIGGERS" \
      "without the list/subject indexes|5000|NOINDEXES" \
      "synchronous=NORMAL|5000|PRAGMA f.synchronous = NORMAL;" \
      "50,000 a transaction (64 MiB page cache)|50000|" \
      "50,000 a transaction, 256 MiB page cache|50000|PRAGMA f.cache_size = -262144;" \
      "bulk: 50,000 a txn, 64 MiB, FULL, indexes and tallies built after the load|50000|NOINDEXES NOTRIGGERS BUILDAFTER" \
      "bulk: 50,000 a txn, 256 MiB, NORMAL, indexes and tallies built after the load|50000|PRAGMA f.cache_size = -262144; PRAGMA f.synchronous = NORMAL; NOINDEXES NOTRIGGERS BUILDAFTER"; do
    IFS='|' read -r label batch setting <<<"$variant"
    [[ "$label" == *"$IMPORT_ONLY"* ]] || continue
    rm -f "$tmp"/fresh.db*
    for m in $(ls "$migrations"/V*__*.sql | sort -V); do sqlite3 "$tmp/fresh.db" <"$m"; done
    {
      echo "ATTACH '$tmp/fresh.db' AS f;"
      echo "PRAGMA f.journal_mode = WAL;"
      echo "PRAGMA f.synchronous = FULL;"
      echo "PRAGMA f.cache_size = -65536;"
      echo "PRAGMA foreign_keys = ON;"
      tr ';' '\n' <<<"$setting" | sed -n 's/^ *\(PRAGMA .*[^ ]\) *$/\1;/p'
      case "$setting" in *NOTRIGGERS*)
        echo "DROP TRIGGER f.insights_tally_insert;"
        echo "DROP TRIGGER f.insights_tally_update;" ;;
      esac
      case "$setting" in *NOINDEXES*)
        echo "DROP INDEX f.insights_by_account;"
        echo "DROP INDEX f.insights_by_zone;"
        echo "DROP INDEX f.insights_by_subject;" ;;
      esac
      echo "INSERT INTO f.accounts SELECT id FROM main.accounts;"
      echo "INSERT INTO f.zones SELECT id, account_id FROM main.zones;"
      for ((i = 0; i * batch < total; i++)); do
        echo "BEGIN IMMEDIATE;"
        echo "INSERT INTO f.insights ($COLS) SELECT $COLS FROM main.insights WHERE rowid > $((i * batch)) AND rowid <= $(((i + 1) * batch))" \
          "ON CONFLICT (id) DO UPDATE SET status = excluded.status;"
        echo "COMMIT;"
      done
      case "$setting" in *BUILDAFTER*)
        # The V2 migration's own statements rebuild the indexes and the tallies.
        sed -n '/^CREATE INDEX insights_by_/,/;/p' "$migrations/V2__list_performance.sql" | sed 's/^CREATE INDEX /CREATE INDEX f./'
        echo "INSERT INTO f.insight_tallies SELECT account_id, dismissed, issue_type, issue_class, severity, coalesce(product, ''), coalesce(zone_id, ''), count(*) FROM f.insights GROUP BY 1, 2, 3, 4, 5, 6, 7;" ;;
      esac
    } | timer "$work" | awk -v label="$label" -v rows="$total" '
        $1 == "STMT" && /INSERT INTO f.insights / { ins += $2 }
        $1 == "STMT" && / COMMIT/ { commit += $2 }
        $1 == "STMT" && (/CREATE INDEX f\./ || /INSERT INTO f.insight_tallies/) { after += $2 }
        END { t = (ins + commit + after) / 1000
              printf "IMPORT %-80s inserts %5.1f s, commits %5.1f s, built after %4.1f s: %5.1f s = %6.0f rows/s\n",
                label, ins / 1000, commit / 1000, after / 1000, t, rows / t }'
  done
}

echo "## Database: $(du -m "$db" | cut -f1) MB; $(sqlite3 -readonly "$work" 'SELECT count(*) FROM insights') insights," \
  "$(sqlite3 -readonly "$work" 'SELECT count(*) FROM audit_log') audit entries; machine load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for n in $SECTIONS; do "section_$n"; echo; done
