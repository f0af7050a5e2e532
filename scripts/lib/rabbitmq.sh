# shellcheck shell=bash
# Throwaway RabbitMQ node for tests (the scaled-out message transport). Source this file, then:
#   rabbitmq_start           # installs rabbitmq-server if missing (apt, as root), exports
#                            # PORTICO_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:PORT/ and RABBITMQ_PORT
#   trap rabbitmq_stop EXIT  # rabbitmq_stop is idempotent and never fails
#   rabbitmq_ctl list_queues # rabbitmqctl against this node (while it runs)
# The node listens on loopback only, on free ports (AMQP, Erlang distribution and an epmd of its own, so
# parallel runs and a system RabbitMQ never meet), keeps its database, logs and Erlang cookie in a temp dir,
# and runs without plugins (no management UI). Safe under the caller's `set -euo pipefail`: every failure
# is reported through the return code.

RABBITMQ_BIN_DIR="${RABBITMQ_BIN_DIR:-/usr/lib/rabbitmq/bin}"
_RABBITMQ_TMP_DIR="${_RABBITMQ_TMP_DIR:-}"
_RABBITMQ_PID=""
_RABBITMQ_ENV=()

_rabbitmq_free_port() {
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "rabbitmq_start: no free TCP port found" >&2; return 1
}

# apt-get only when the server is missing. The package's own service is never used (Debian images ship a
# policy-rc.d that keeps it from starting); /usr/sbin's wrappers would switch to the rabbitmq user and its
# cookie, so the scripts in RABBITMQ_BIN_DIR are called directly.
_rabbitmq_install() {
  [[ -x "$RABBITMQ_BIN_DIR/rabbitmq-server" ]] && return 0
  [[ $EUID -eq 0 ]] || { echo "rabbitmq_start: rabbitmq-server is missing and installing it needs root" >&2; return 1; }
  echo "rabbitmq_start: installing rabbitmq-server (apt-get)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server; } \
    >/tmp/portico-rabbitmq-apt.log 2>&1 \
    || { tail -n 20 /tmp/portico-rabbitmq-apt.log >&2; echo "rabbitmq_start: apt-get install rabbitmq-server failed" >&2; return 1; }
}

_rabbitmq_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rabbitmq_ctl() { env "${_RABBITMQ_ENV[@]}" "$RABBITMQ_BIN_DIR/rabbitmqctl" "$@"; }

rabbitmq_start() {
  [[ -n "$_RABBITMQ_TMP_DIR" ]] && { echo "rabbitmq_start: already started ($_RABBITMQ_TMP_DIR); call rabbitmq_stop first" >&2; return 1; }
  local began=$SECONDS
  _rabbitmq_install || return 1
  _RABBITMQ_TMP_DIR="$(mktemp -d /tmp/portico-rabbitmq.XXXXXX)" || return 1
  chmod 700 "$_RABBITMQ_TMP_DIR"
  : >"$_RABBITMQ_TMP_DIR/rabbitmq-env.conf"
  echo '[].' >"$_RABBITMQ_TMP_DIR/enabled_plugins"
  # A test publishes a handful of messages: do not block publishers on a nearly full CI disk.
  printf '%s\n' 'disk_free_limit.absolute = 10MB' >"$_RABBITMQ_TMP_DIR/rabbitmq.conf"

  local attempt i port dist epmd log="$_RABBITMQ_TMP_DIR/server.out"
  for attempt in 1 2 3; do
    port="$(_rabbitmq_free_port)" && dist="$(_rabbitmq_free_port)" && epmd="$(_rabbitmq_free_port)" || return 1
    # The server and the CLI tools must agree on all of it (the cookie lives in HOME).
    _RABBITMQ_ENV=(
      HOME="$_RABBITMQ_TMP_DIR"
      RABBITMQ_NODENAME="portico@localhost"
      RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
      RABBITMQ_NODE_PORT="$port"
      RABBITMQ_DIST_PORT="$dist"
      ERL_EPMD_PORT="$epmd"
      ERL_EPMD_ADDRESS=127.0.0.1
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
      RABBITMQ_CONF_ENV_FILE="$_RABBITMQ_TMP_DIR/rabbitmq-env.conf"
      RABBITMQ_CONFIG_FILE="$_RABBITMQ_TMP_DIR/rabbitmq.conf"
      RABBITMQ_ENABLED_PLUGINS_FILE="$_RABBITMQ_TMP_DIR/enabled_plugins"
      RABBITMQ_MNESIA_BASE="$_RABBITMQ_TMP_DIR/mnesia"
      RABBITMQ_LOG_BASE="$_RABBITMQ_TMP_DIR/log"
      RABBITMQ_PID_FILE="$_RABBITMQ_TMP_DIR/rabbitmq.pid"
    )
    rm -rf "$_RABBITMQ_TMP_DIR/mnesia" "$_RABBITMQ_TMP_DIR/log" "$_RABBITMQ_TMP_DIR/rabbitmq.pid"
    # A plain command (no function, no subshell) so that $! is rabbitmq-server itself: on SIGTERM it
    # shuts the Erlang node down cleanly.
    env "${_RABBITMQ_ENV[@]}" "$RABBITMQ_BIN_DIR/rabbitmq-server" </dev/null >"$log" 2>&1 &
    _RABBITMQ_PID=$!
    # The AMQP listener opens near the end of the boot; await_startup then confirms the node is up.
    for i in $(seq 1 720); do
      if _rabbitmq_port_open "$port"; then
        rabbitmq_ctl -q await_startup --timeout 120 >/dev/null 2>&1 && break 2
        break
      fi
      kill -0 "$_RABBITMQ_PID" 2>/dev/null || break
      sleep 0.25
    done
    _rabbitmq_kill
    if grep -qiE "eaddrinuse|address already in use" "$log" "$_RABBITMQ_TMP_DIR"/log/*.log 2>/dev/null && [[ $attempt -lt 3 ]]; then continue; fi
    tail -n 40 "$log" >&2 2>/dev/null || true
    echo "rabbitmq_start: node did not start within 180 s (output above)" >&2; return 1
  done
  export RABBITMQ_PORT="$port"
  export PORTICO_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$port/"
  echo "rabbitmq_start: RabbitMQ on 127.0.0.1:$port ($((SECONDS - began)) s)" >&2
}

# Stops the node (SIGTERM: rabbitmq-server stops the Erlang VM cleanly), then this node's own epmd.
_rabbitmq_kill() {
  local i beam=""
  beam="$(cat "$_RABBITMQ_TMP_DIR/rabbitmq.pid" 2>/dev/null || true)"
  [[ "$beam" =~ ^[0-9]+$ ]] || beam=""
  if [[ -n "${_RABBITMQ_PID:-}" ]]; then
    kill -TERM "$_RABBITMQ_PID" 2>/dev/null || true
    for i in $(seq 1 60); do
      kill -0 "$_RABBITMQ_PID" 2>/dev/null || { [[ -n "$beam" ]] && kill -0 "$beam" 2>/dev/null; } || break
      sleep 0.25
    done
    kill -9 "$_RABBITMQ_PID" 2>/dev/null || true
    wait "$_RABBITMQ_PID" 2>/dev/null || true
    _RABBITMQ_PID=""
  fi
  [[ -n "$beam" ]] && kill -9 "$beam" 2>/dev/null || true
  local var epmd=""
  for var in "${_RABBITMQ_ENV[@]}"; do [[ "$var" == ERL_EPMD_PORT=* ]] && epmd="${var#*=}"; done
  [[ -n "$epmd" ]] && epmd -port "$epmd" -kill >/dev/null 2>&1 || true
}

rabbitmq_stop() {
  # Runs from EXIT traps, possibly after a half-finished rabbitmq_start: tolerate anything, never fail.
  [[ -n "${_RABBITMQ_TMP_DIR:-}" ]] || return 0
  _rabbitmq_kill
  rm -rf "$_RABBITMQ_TMP_DIR" 2>/dev/null || true
  _RABBITMQ_TMP_DIR=""; _RABBITMQ_ENV=()
  unset RABBITMQ_PORT PORTICO_TEST_RABBITMQ
  return 0
}
