#!/usr/bin/env bash
# A primary and a streaming standby of it, for the read-replica tests and for trying replicas by hand.
#
#   scripts/standby.sh start    # primary on 127.0.0.1:5441, standby on 127.0.0.1:5442 (idempotent)
#   scripts/standby.sh stop     # stops both (data is kept, start again reuses it)
#   scripts/standby.sh stop-standby / start-standby   # the standby alone (the failover tests use these)
#   scripts/standby.sh status
#   scripts/standby.sh destroy  # stops both and deletes their data
#
# Why a primary of its own instead of a standby of the machine's server on 5432: pg_basebackup needs a
# "replication" line in that server's pg_hba.conf, which it lacks by default, and the tests pause
# replay and stop the standby; none of that may touch the server everyone shares. The pair runs as
# the postgres user (PostgreSQL refuses root) from the PostgreSQL binaries of the machine.
# Override with DATABRIDGE_REPLICA_DIR, DATABRIDGE_PRIMARY_PORT, DATABRIDGE_STANDBY_PORT.
set -euo pipefail

DIR="${DATABRIDGE_REPLICA_DIR:-/tmp/databridge-replica}"
PRIMARY_PORT="${DATABRIDGE_PRIMARY_PORT:-5441}"
STANDBY_PORT="${DATABRIDGE_STANDBY_PORT:-5442}"
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
PRIMARY="$DIR/primary"
STANDBY="$DIR/standby"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ready() { "$BIN/pg_isready" -h 127.0.0.1 -p "$1" -q; }

wait_ready() {
  for _ in $(seq 1 60); do ready "$1" && return 0; sleep 0.5; done
  echo "PostgreSQL on port $1 did not start; see $2/log" >&2
  return 1
}

start_primary() {
  if [ ! -f "$PRIMARY/PG_VERSION" ]; then
    as_postgres "$BIN/initdb" -D "$PRIMARY" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$PRIMARY/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
wal_keep_size = 256MB
max_prepared_transactions = 16
max_connections = 100
shared_buffers = 32MB
fsync = off
CONF
    cat >"$PRIMARY/pg_hba.conf" <<CONF
local all all trust
host all all 127.0.0.1/32 trust
local replication all trust
host replication all 127.0.0.1/32 trust
CONF
  fi
  if ! ready "$PRIMARY_PORT"; then
    as_postgres "$BIN/pg_ctl" -D "$PRIMARY" -l "$PRIMARY/log" -w start >/dev/null
  fi
  wait_ready "$PRIMARY_PORT" "$PRIMARY"
}

start_standby() {
  if [ ! -f "$STANDBY/PG_VERSION" ]; then
    as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$STANDBY" -R -X stream -c fast
    cat >>"$STANDBY/postgresql.auto.conf" <<CONF
port = $STANDBY_PORT
hot_standby = on
CONF
    # the base backup copied the primary's log; the standby writes its own
    rm -f "$STANDBY/log"
  fi
  if ! ready "$STANDBY_PORT"; then
    as_postgres "$BIN/pg_ctl" -D "$STANDBY" -l "$STANDBY/log" -w start >/dev/null
  fi
  wait_ready "$STANDBY_PORT" "$STANDBY"
  # a standby that was left with replay paused (an interrupted test) replays again
  as_postgres "$BIN/psql" -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -qAtc \
    "select pg_wal_replay_resume() where pg_is_wal_replay_paused()" postgres >/dev/null
}

stop_one() {
  if [ -f "$1/postmaster.pid" ]; then
    as_postgres "$BIN/pg_ctl" -D "$1" -m fast -w stop >/dev/null || true
  fi
}

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    chown postgres "$DIR" 2>/dev/null || true
    chmod 700 "$DIR"
    start_primary
    start_standby
    echo "primary jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/postgres, standby jdbc:postgresql://127.0.0.1:$STANDBY_PORT/postgres"
    ;;
  stop)
    stop_one "$STANDBY"
    stop_one "$PRIMARY"
    ;;
  stop-standby)
    stop_one "$STANDBY"
    ;;
  start-standby)
    start_standby
    ;;
  status)
    for port in "$PRIMARY_PORT" "$STANDBY_PORT"; do
      if ready "$port"; then
        echo "$port: up, in recovery: $("$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qAtc 'select pg_is_in_recovery()' postgres)"
      else
        echo "$port: down"
      fi
    done
    ;;
  destroy)
    stop_one "$STANDBY"
    stop_one "$PRIMARY"
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop|start-standby|stop-standby|status|destroy" >&2
    exit 2
    ;;
esac
