#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:$PGPORT (default 5432)
# with trust auth for user postgres and a database `test` — what the
# PostgreSQL tests use (IMBANG_TEST_PG, default
# postgres://postgres@127.0.0.1:5432/test?sslmode=disable).
#   1. a server already answers there: use it (create database test if missing);
#   2. else PostgreSQL binaries are installed (/usr/lib/postgresql/*/bin or
#      pg_ctl on PATH): initdb a private cluster in $IMBANG_PG_DIR (default
#      /tmp/imbang-pg-$PGPORT; trust auth, listening on 127.0.0.1 only) and
#      start it with pg_ctl — the system's own clusters are not touched;
#   3. else apt-get install postgresql (sudo when not root), then 2.
# `scripts/pg-ensure.sh stop` stops a cluster this script started.
set -euo pipefail
PORT="${PGPORT:-5432}"
DIR="${IMBANG_PG_DIR:-/tmp/imbang-pg-$PORT}"
say() { echo "pg-ensure: $*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

bindir() {
  local d
  # IMBANG_PG_BIN_GLOB: where installed versions live (overridable to test the install path).
  d=$(ls -d ${IMBANG_PG_BIN_GLOB:-/usr/lib/postgresql/*/bin} 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return; fi
}

# as_pg runs a command as the cluster owner: postgres when we are root
# (initdb and postgres refuse to run as root), else ourselves.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  b=$(bindir)
  if [ -n "$b" ] && [ -f "$DIR/data/PG_VERSION" ]; then as_pg "$b/pg_ctl" -D "$DIR/data" -m fast -w stop; fi
  exit 0
fi

ensure_db() {
  local psql b
  b=$(bindir); psql="${b:+$b/}psql"; command -v "$psql" >/dev/null || psql=psql
  if ! command -v "$psql" >/dev/null; then say "no psql; assuming database test exists"; return; fi
  if ! "$psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    say "creating database test"
    "$psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE test"
  fi
}

if answers; then
  say "PostgreSQL answers on 127.0.0.1:$PORT; using it"
  ensure_db
  exit 0
fi

b=$(bindir)
if [ -z "$b" ]; then
  say "PostgreSQL is not installed; installing Debian's postgresql"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql
  b=$(bindir)
  [ -n "$b" ] || { say "postgresql installed but no pg_ctl found"; exit 1; }
  if answers; then say "the package started a server on $PORT"; ensure_db; exit 0; fi
fi

say "starting a private cluster with $b in $DIR on 127.0.0.1:$PORT"
mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  as_pg "$b/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || as_pg "$b/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi
as_pg "$b/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c max_connections=200 -c fsync=on" start \
  || { tail -20 "$DIR/server.log" >&2; exit 1; }
for _ in $(seq 50); do answers && break; sleep 0.2; done
answers || { say "the cluster did not come up"; tail -20 "$DIR/server.log" >&2; exit 1; }
ensure_db
say "PostgreSQL ready: postgres://postgres@127.0.0.1:$PORT/test?sslmode=disable"
