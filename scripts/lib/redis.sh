# shellcheck shell=bash
# Throwaway Redis for tests (the SignalR backplane). Source this file, then:
#   redis_start           # installs redis-server if missing (apt, as root), exports PORTICO_TEST_REDIS=127.0.0.1:PORT
#   trap redis_stop EXIT  # redis_stop is idempotent and never fails
# Loopback only, no persistence (no RDB snapshots, no AOF), data and log in a temp dir.
# Safe under the caller's `set -euo pipefail`: every failure is reported through the return code.

_REDIS_TMP_DIR="${_REDIS_TMP_DIR:-}"
_REDIS_PID=""

# Random port below the kernel's ephemeral range (32768+); the /dev/tcp probe succeeds only if something listens.
_redis_free_port() {
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "redis_start: no free TCP port found" >&2; return 1
}

# apt-get only when the binary is missing. Debian images ship a policy-rc.d that keeps the package's
# own service from starting; either way we never use it: our server is started below.
_redis_install() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null && return 0
  [[ $EUID -eq 0 ]] || { echo "redis_start: redis-server is missing and installing it needs root" >&2; return 1; }
  echo "redis_start: installing redis-server (apt-get)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; } \
    >/tmp/portico-redis-apt.log 2>&1 \
    || { tail -n 20 /tmp/portico-redis-apt.log >&2; echo "redis_start: apt-get install redis-server failed" >&2; return 1; }
}

redis_start() {
  [[ -n "$_REDIS_TMP_DIR" ]] && { echo "redis_start: already started ($_REDIS_TMP_DIR); call redis_stop first" >&2; return 1; }
  local began=$SECONDS
  _redis_install || return 1
  _REDIS_TMP_DIR="$(mktemp -d /tmp/portico-redis.XXXXXX)" || return 1

  # Probing a port and binding it is racy, so retry when the bind fails.
  local attempt port i
  for attempt in 1 2 3 4 5; do
    port="$(_redis_free_port)" || return 1
    rm -f "$_REDIS_TMP_DIR/redis.log"
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --save '' --appendonly no \
      --daemonize no --dir "$_REDIS_TMP_DIR" --logfile "$_REDIS_TMP_DIR/redis.log" </dev/null >/dev/null 2>&1 &
    _REDIS_PID=$!
    for i in $(seq 1 1200); do
      [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" == PONG ]] && break 2
      kill -0 "$_REDIS_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$_REDIS_PID" 2>/dev/null || true; wait "$_REDIS_PID" 2>/dev/null || true; _REDIS_PID=""
    if grep -q "Address already in use" "$_REDIS_TMP_DIR/redis.log" 2>/dev/null && [[ $attempt -lt 5 ]]; then continue; fi
    cat "$_REDIS_TMP_DIR/redis.log" >&2 2>/dev/null || true
    echo "redis_start: server did not answer PING within 120 s (log above)" >&2; return 1
  done
  export PORTICO_TEST_REDIS="127.0.0.1:$port"
  echo "redis_start: Redis $(redis-server --version | grep -o 'v=[0-9.]*' | cut -c3-) on $PORTICO_TEST_REDIS ($((SECONDS - began)) s)" >&2
}

redis_stop() {
  # Runs from EXIT traps, possibly after a half-finished redis_start: tolerate anything, never fail.
  if [[ -n "${_REDIS_PID:-}" ]]; then
    kill "$_REDIS_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do kill -0 "$_REDIS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$_REDIS_PID" 2>/dev/null || true
    wait "$_REDIS_PID" 2>/dev/null || true
  fi
  [[ -n "${_REDIS_TMP_DIR:-}" ]] && rm -rf "$_REDIS_TMP_DIR" 2>/dev/null || true
  _REDIS_PID=""; _REDIS_TMP_DIR=""
  unset PORTICO_TEST_REDIS
  return 0
}
