#!/usr/bin/env bash
# The test command: builds everything, starts a throwaway PostgreSQL 15 cluster (owner and
# non-owner application roles), Redis and RabbitMQ (installed with apt-get if missing; the scale-out
# tests use them), runs unit, architecture and integration tests on SQLite and PostgreSQL, stops
# the servers, and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/redis.sh
source scripts/lib/rabbitmq.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="${TEST_RESULTS_DIR:-$(mktemp -d)}"
started=$(date +%s)

echo "== build"
dotnet build Portico.slnx -c Release -nologo -v q -p:CI=true

trap 'pg_stop; redis_stop; rabbitmq_stop' EXIT
pg_start
redis_start
rabbitmq_start

status=0
# Every test project under tests/, fast ones first (integration tests are the slow ones).
for project in $(ls -d tests/*/ | sed 's:/$::' | grep -v IntegrationTests) tests/Portico.IntegrationTests; do
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
