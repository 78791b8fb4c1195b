# Throwaway local PostgreSQL for the benchmarks (sourced by bench/run.sh and bench/insights/run.sh when
# DATABASE=postgres). It never touches an existing cluster: pg_start creates a new one in a directory of
# its own with initdb, on a free port of 127.0.0.1, and pg_stop stops it and deletes the directory.
#
#   source bench/postgres.sh
#   pg_start "$tmp/pg"      # sets PG_PORT, PG_URL (jdbc:postgresql://...), PG_PID (the postmaster)
#   pg_sql 'SELECT 1'       # psql -At on the benchmark database
#   pg_stop                 # in the caller's EXIT trap
#
# Durability is PostgreSQL's default and is set explicitly: fsync=on, synchronous_commit=on,
# full_page_writes=on. PG_SHARED_BUFFERS (default 512MB) and PG_MAX_CONNECTIONS (default 100) may be set.
# initdb and postgres refuse to run as root: as root the cluster runs as the "postgres" system user
# (created by Debian's postgresql package) through runuser. Authentication is "trust" on 127.0.0.1 and
# the socket directory only, which is private to the cluster.

PG_PORT="" PG_URL="" PG_PID="" PG_DIR="" PG_BIN=""
readonly PG_DATABASE=vigil

pg_log() { echo "postgres: $*" >&2; }

pg_find_bin() { # the newest installed server's bin directory (Debian layout), else pg_ctl on PATH
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && best="$dir"
  done
  [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1 && best="$(dirname "$(command -v pg_ctl)")"
  [ -n "$best" ] && echo "$best"
}

pg_as_owner() { # runs a command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() { # below the kernel's ephemeral range, so no outgoing connection holds it
  local port i low=20000 high=32767
  if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
    read -r high _ </proc/sys/net/ipv4/ip_local_port_range
    high=$((high - 1))
    [ "$high" -gt "$low" ] || low=1024
  fi
  for i in $(seq 1 200); do
    port=$((low + RANDOM % (high - low)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_start() { # dir
  PG_DIR="$1"
  PG_BIN="$(pg_find_bin || true)"
  if [ -z "$PG_BIN" ] || ! command -v psql >/dev/null 2>&1 || ! command -v pgbench >/dev/null 2>&1; then
    pg_log "installing postgresql (server, psql, pgbench)"
    apt_install postgresql || { pg_log "PostgreSQL is missing and could not be installed (apt-get install postgresql)"; return 1; }
    PG_BIN="$(pg_find_bin)" || return 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    pg_log "running as root needs a 'postgres' system user to own the cluster (apt-get install postgresql creates it)"
    return 1
  fi
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then # the owner must reach the directory through the caller's temp dir
    chown postgres "$PG_DIR" && chmod 700 "$PG_DIR" && chmod o+x "$(dirname "$PG_DIR")"
  fi
  PG_PORT="$(pg_free_port)" || return 1
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_as_owner tee -a "$PG_DIR/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = ${PG_MAX_CONNECTIONS:-100}
shared_buffers = ${PG_SHARED_BUFFERS:-512MB}
fsync = on
synchronous_commit = on
full_page_writes = on
EOF
  local attempt
  for attempt in 1 2 3 4 5; do # a port free when picked can be taken before the server binds it
    pg_log "starting $("$PG_BIN/postgres" --version) in a new cluster on 127.0.0.1:$PG_PORT (fsync on)"
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "-p $PG_PORT" \
      start >/dev/null; then
      break
    fi
    if [ "$attempt" -eq 5 ] || ! grep -q "could not bind\|could not create any TCP" "$PG_DIR/server.log"; then
      cat "$PG_DIR/server.log" >&2
      return 1
    fi
    PG_PORT="$(pg_free_port)" || return 1
  done
  PG_PID="$(head -n1 "$PG_DIR/data/postmaster.pid")"
  pg_psql postgres -c "CREATE DATABASE $PG_DATABASE" >/dev/null || return 1
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DATABASE?user=postgres"
}

pg_psql() { # database psql-options...: psql as the superuser over TCP
  local db="$1"
  shift
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" "$@"
}

pg_sql() { pg_psql "$PG_DATABASE" -At -c "$1"; } # one statement on the benchmark database; its rows

pg_ticks() { # CPU ticks (user + system) of the postmaster, its live backends and those that exited
  local pid sum t
  [ -n "$PG_PID" ] || { echo 0; return; }
  sum="$(awk '{ print $16 + $17 }' "/proc/$PG_PID/stat" 2>/dev/null || echo 0)"
  for pid in "$PG_PID" $(cat "/proc/$PG_PID/task/$PG_PID/children" 2>/dev/null); do
    t="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    sum=$((sum + t))
  done
  echo "$sum"
}

pg_stop() { # stops the cluster (fast shutdown) and deletes its directory
  [ -n "$PG_DIR" ] || return 0
  if [ -n "$PG_PID" ] && kill -0 "$PG_PID" 2>/dev/null; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || kill -9 "$PG_PID" 2>/dev/null || true
  fi
  rm -rf "$PG_DIR"
  PG_DIR="" PG_PID=""
}
