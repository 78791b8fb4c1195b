#!/usr/bin/env bash
# The PostgreSQL backup and restore of docs/deploy.md, run for real: a throwaway Debian PostgreSQL
# (bench/postgres.sh: initdb in a temp dir, installed with apt-get if missing), Vigil serving on it and
# classifying, `pg_dump --format=custom` while it serves, `pg_restore` into a new, empty database, a
# second Vigil on the restored database, and the same reads (lists, counts, audit log, token check)
# compared byte for byte. Exits non-zero on any difference. Run by .ci/run.
#
#   bash .ci/pg-backup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { echo "pg-backup: $*" >&2; }
die() { log "$*"; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}
apt_install() { # used by bench/postgres.sh
  command -v apt-get >/dev/null 2>&1 || return 1
  as_root apt-get install -y -q "$1" >/dev/null 2>&1 \
    || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q "$1" >/dev/null 2>&1; }
}
source bench/postgres.sh

readonly ACCOUNT=c0ffee00c0ffee00c0ffee00c0ffee01 # compat/fixtures/insights.jsonl
tmp="$(mktemp -d -t vigil-pg-backup.XXXXXX)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  pg_stop
  rm -rf "$tmp"
}
trap cleanup EXIT

serve() { # database-url log-file: starts vigil serve, prints its port
  ./vigil serve --database-url "$1" --port 0 >"$2" 2>&1 &
  pids+=("$!")
  local port=""
  for _ in $(seq 1 240); do
    port="$(sed -n 's#.*serving http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$2" | head -n1)"
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.25
  done
  cat "$2" >&2
  die "vigil did not start"
}
reads() { # port: the answers compared before and after
  local base="http://127.0.0.1:$1/client/v4" path
  for path in "/accounts/$ACCOUNT/security-center/insights?per_page=50" \
    "/accounts/$ACCOUNT/security-center/insights/severity" "/accounts/$ACCOUNT/security-center/insights/class" \
    "/accounts/$ACCOUNT/security-center/insights/audit-log?per_page=50" "/user/tokens/verify"; do
    echo "GET $path"
    curl -fsS -H "Authorization: Bearer $token" "$base$path"
    echo
  done
}

pg_start "$tmp/pg" || die "could not start PostgreSQL"
./vigil --version >/dev/null
source_url="$PG_URL"
./vigil insights import compat/fixtures/insights.jsonl --database-url "$source_url" >&2
token="$(./vigil token create --database-url "$source_url" --name ops --permission edit --account "$ACCOUNT")"
port="$(serve "$source_url" "$tmp/source.log")"
# Three unclassified account-level insights of the fixture (compat/harness.js, IDS.insights.acct*).
ids="2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d01 2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d02 2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d03"
for id in $ids; do
  curl -fsS -X PATCH -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"classification":"accept_risk","rationale":"pg-backup"}' \
    "http://127.0.0.1:$port/client/v4/accounts/$ACCOUNT/security-center/insights/$id/classification" >/dev/null
done

# docs/deploy.md, "Backup and restore" (PostgreSQL): the dump is taken while the server serves.
log "pg_dump while vigil serves; pg_restore into a new database"
"$PG_BIN/pg_dump" --format=custom --no-owner -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DATABASE" \
  -f "$tmp/vigil.dump"
before="$(reads "$port")"
pg_psql postgres -c "CREATE DATABASE vigil_restored" >/dev/null
"$PG_BIN/pg_restore" --no-owner --exit-on-error -h 127.0.0.1 -p "$PG_PORT" -U postgres -d vigil_restored \
  "$tmp/vigil.dump"
restored_port="$(serve "jdbc:postgresql://127.0.0.1:$PG_PORT/vigil_restored?user=postgres" "$tmp/restored.log")"
after="$(reads "$restored_port")"
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") >&2 || true
  die "the restored database answers differently"
fi
changes="$(echo "$after" | grep -o '"rationale":"pg-backup"' | wc -l)"
[ "$changes" -eq 3 ] || die "the classifications made before the dump are not in the restored audit log"
log "ok: pg_dump/pg_restore of a serving database; $(echo "$after" | wc -l) lines of answers identical, $changes audited changes restored"
