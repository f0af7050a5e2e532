# shellcheck shell=bash
# Throwaway PostgreSQL 15 cluster for tests and benchmarks. Source this file, then:
#   pg_start            # exports PG_PORT, PG_DATA_DIR, PG_LOG_FILE and PORTICO_TEST_PG_{OWNER,APP,SUPER}
#   trap pg_stop EXIT   # pg_stop is idempotent and never fails
# PG_DURABLE=1 keeps fsync/synchronous_commit/full_page_writes on so benchmark numbers are realistic.
# Readiness is polled with generous caps (a busy 2-core CI machine starts servers slowly); each wait ends
# as soon as the server answers.
# Written to be safe under the caller's `set -euo pipefail`: every failure is handled explicitly
# and reported through the return code, so it also behaves inside `if pg_start; then`.

PG_BIN_DIR="${PG_BIN_DIR:-/usr/lib/postgresql/15/bin}"
_PG_TMP_DIR="${_PG_TMP_DIR:-}"

# initdb/postgres refuse to run as root, so drop to the `postgres` user when we are root. The cd keeps
# pg_ctl from complaining when the caller's cwd is not readable by that user.
_pg_as_pg() {
  if [[ $EUID -eq 0 ]]; then (cd "$_PG_TMP_DIR" && runuser -u postgres -- "$@")
  else (cd "$_PG_TMP_DIR" && "$@"); fi
}

# Hex only, so the passwords can be pasted into connection strings and SQL literals without escaping.
_pg_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# Random port below the kernel's ephemeral range (32768+), so it cannot clash with outgoing sockets.
# The /dev/tcp probe only succeeds if something already listens there; pure bash, no python needed.
_pg_free_port() {
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "pg_start: no free TCP port found" >&2; return 1
}

pg_start() {
  [[ -n "$_PG_TMP_DIR" ]] && { echo "pg_start: already started ($_PG_TMP_DIR); call pg_stop first" >&2; return 1; }
  [[ -x "$PG_BIN_DIR/initdb" ]] || { echo "pg_start: no PostgreSQL in $PG_BIN_DIR" >&2; return 1; }
  if [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    # Reuse a leftover `postgres` group if there is one; plain --user-group would fail on it.
    local grp=(--user-group); getent group postgres >/dev/null && grp=(--gid postgres)
    useradd --system "${grp[@]}" --home-dir /var/lib/postgresql --no-create-home \
      --shell /bin/bash postgres || return 1
  fi

  # Record the temp dir first so a `trap pg_stop EXIT` cleans up even if a later step fails. It is
  # deliberately not exported: a child script sourcing this file must not be able to stop our cluster.
  _PG_TMP_DIR="$(mktemp -d /tmp/portico-pg.XXXXXX)" || return 1
  export PG_DATA_DIR="$_PG_TMP_DIR/data" PG_LOG_FILE="$_PG_TMP_DIR/postgres.log"
  chmod 700 "$_PG_TMP_DIR"
  if [[ $EUID -eq 0 ]]; then chown postgres: "$_PG_TMP_DIR" || return 1; fi

  # Auth: trust only on the unix socket (which is disabled below anyway); every TCP login needs a
  # SCRAM password, so the tests exercise real role authentication.
  local super_pw owner_pw app_pw
  super_pw="$(_pg_secret)"; owner_pw="$(_pg_secret)"; app_pw="$(_pg_secret)"
  # Via stdin so the password never shows up in a process listing.
  printf '%s\n' "$super_pw" | _pg_as_pg sh -c 'umask 077; cat > pwfile' || return 1
  _pg_as_pg "$PG_BIN_DIR/initdb" -D "$PG_DATA_DIR" -U postgres --pwfile="$_PG_TMP_DIR/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync \
      >"$_PG_TMP_DIR/initdb.log" 2>&1 \
    || { cat "$_PG_TMP_DIR/initdb.log" >&2; echo "pg_start: initdb failed" >&2; return 1; }
  rm -f "$_PG_TMP_DIR/pwfile"

  # Unix sockets are off so nothing can sneak in via local trust auth, and parallel clusters never fight
  # over /var/run/postgresql. Durability knobs are off by default: tests want speed, not crash safety.
  local durable=off; [[ "${PG_DURABLE:-0}" == 1 ]] && durable=on
  _pg_as_pg tee -a "$PG_DATA_DIR/postgresql.conf" >/dev/null <<EOF || return 1
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = $durable
synchronous_commit = $durable
full_page_writes = $durable
EOF

  # Probing a port and binding it is racy (e.g. two test runs in parallel), so retry on a bind failure.
  local attempt port=""
  for attempt in 1 2 3 4 5; do
    port="$(_pg_free_port)" || return 1
    rm -f "$PG_LOG_FILE"  # not truncate: a root-created file would be unwritable for postgres
    if _pg_as_pg "$PG_BIN_DIR/pg_ctl" start -D "$PG_DATA_DIR" -l "$PG_LOG_FILE" -o "-p $port" \
         -w -t 180 -s >/dev/null 2>&1; then break; fi
    if grep -q "Address already in use" "$PG_LOG_FILE" 2>/dev/null && [[ $attempt -lt 5 ]]; then continue; fi
    cat "$PG_LOG_FILE" >&2; echo "pg_start: server failed to start within 180 s (log above)" >&2; return 1
  done
  export PG_PORT="$port"
  "$PG_BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 60 \
    || { cat "$PG_LOG_FILE" >&2; echo "pg_start: server not accepting connections" >&2; return 1; }

  # Statements go through stdin (not -c) because CREATE DATABASE cannot run inside the implicit
  # transaction that a multi-statement -c string gets.
  PGPASSWORD="$super_pw" "$PG_BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" \
      -U postgres -d postgres >/dev/null <<EOF || { echo "pg_start: role/database setup failed" >&2; return 1; }
CREATE ROLE portico_owner LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD '$owner_pw';
CREATE ROLE portico_app LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$app_pw';
CREATE ROLE portico_platform NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
GRANT portico_platform TO portico_app;
CREATE DATABASE portico OWNER portico_owner;
\connect portico
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EOF

  local base="Host=127.0.0.1;Port=$PG_PORT"
  export PORTICO_TEST_PG_OWNER="$base;Database=portico;Username=portico_owner;Password=$owner_pw"
  export PORTICO_TEST_PG_APP="$base;Database=portico;Username=portico_app;Password=$app_pw"
  export PORTICO_TEST_PG_SUPER="$base;Database=postgres;Username=postgres;Password=$super_pw"
  echo "pg_start: PostgreSQL 15 on 127.0.0.1:$PG_PORT (data $PG_DATA_DIR, durable=$durable)" >&2
}

pg_stop() {
  # Runs from EXIT traps, possibly after a half-finished pg_start: tolerate anything, never fail.
  [[ -n "${_PG_TMP_DIR:-}" ]] || return 0
  if [[ -f "$_PG_TMP_DIR/data/postmaster.pid" ]]; then
    _pg_as_pg "$PG_BIN_DIR/pg_ctl" stop -D "$_PG_TMP_DIR/data" -m fast -w -t 30 -s >/dev/null 2>&1 || true
    # Still there after the fast shutdown? Kill the postmaster we started (pid is the file's first line).
    local pid; pid="$(head -n1 "$_PG_TMP_DIR/data/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$_PG_TMP_DIR" 2>/dev/null || true
  unset _PG_TMP_DIR PG_PORT PG_DATA_DIR PG_LOG_FILE PORTICO_TEST_PG_OWNER PORTICO_TEST_PG_APP PORTICO_TEST_PG_SUPER
  return 0
}
