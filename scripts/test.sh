#!/usr/bin/env bash
# The test command: builds everything, starts a throwaway PostgreSQL 15 cluster (owner and
# non-owner application roles), Redis and RabbitMQ (installed with apt-get if missing; the scale-out
# tests use them), runs unit, architecture and integration tests on SQLite and PostgreSQL, stops
# the servers, and exits non-zero on any failure. The console's browser tests use Debian's chromium
# (installed with apt-get if missing) and axe-core (npm ci in tests/browser-tools); screenshots land in the results folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/redis.sh
source scripts/lib/rabbitmq.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="${TEST_RESULTS_DIR:-$(mktemp -d)}"
started=$(date +%s)

echo "== browser tools"
# The console's browser tests drive Debian's chromium (no browser download) and inject axe-core from npm.
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
fi
npm ci --prefix tests/browser-tools --no-audit --no-fund --loglevel=error
export PORTICO_SCREENSHOTS="$results/screenshots"

echo "== build"
dotnet build Portico.slnx -c Release -nologo -v q -p:CI=true

trap 'pg_stop; redis_stop; rabbitmq_stop' EXIT
pg_start
redis_start
rabbitmq_start

status=0
# Every test project under tests/, fast ones first (integration tests are the slow ones).
for project in $(ls -d tests/*/ | sed 's:/$::' | grep -v -e IntegrationTests -e browser-tools) tests/Portico.IntegrationTests; do
  echo "== $(basename "$project")"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "console;verbosity=minimal" --logger "trx;LogFilePrefix=$(basename "$project")" \
    --results-directory "$results" || status=1
done

if [[ $status -ne 0 && -n "${PG_LOG_FILE:-}" && -f "$PG_LOG_FILE" ]]; then
  echo "== last PostgreSQL log lines"; tail -n 30 "$PG_LOG_FILE" || true
fi
echo "== done in $(( $(date +%s) - started )) s: $([[ $status -eq 0 ]] && echo PASSED || echo FAILED) (results in $results)"
exit $status
