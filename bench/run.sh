#!/usr/bin/env bash
# Startup and /health benchmark of the published server, on SQLite and on a durable PostgreSQL.
# Usage: bench/run.sh [extra portico-bench options]
# Environment: RUNS (cold starts per scenario, default 6), DURATION (load seconds per endpoint,
# default 8), CONNECTIONS (default 32), SKIP_POSTGRES=1 to measure SQLite only. The defaults keep a
# run near 3 minutes on 2 cores (of which publishing is up to a minute); RUNS=10 DURATION=10
# (portico-bench's own defaults) gives steadier medians in 5 to 6 minutes.
# Writes bench/results/startup-and-health-<UTC date>.md. See bench/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root="$PWD"
out_dir="$repo_root/bench/.out"
results_dir="$repo_root/bench/results"
stamp="$(date -u +%Y-%m-%d)"
result="$results_dir/startup-and-health-$stamp.md"
partial="$result.tmp"  # git-ignored; renamed to $result only when every provider succeeded
bench_args=(--runs "${RUNS:-6}" --duration "${DURATION:-8}" --connections "${CONNECTIONS:-32}" "$@")
started=$SECONDS

# Build output goes to a log that is shown only when the step fails.
quietly() {
  local log="$out_dir/$1.log"; shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "bench/run.sh: '$*' failed (log: ${log#"$repo_root"/})" >&2; return 1; }
}

mkdir -p "$out_dir"
echo "== publishing the server (Release) to bench/.out/server" >&2
quietly publish dotnet publish src/Portico.Server -c Release -o "$out_dir/server" --nologo
echo "== building the benchmark (Release)" >&2
quietly build dotnet build bench/Portico.Bench -c Release -o "$out_dir/bench" --nologo

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain 2>/dev/null || true)" ]]; then commit="$commit + uncommitted changes"; fi
bench=(dotnet "$out_dir/bench/portico-bench.dll" --server "$out_dir/server/portico.dll" --note "Commit $commit")

mkdir -p "$results_dir"
{
  echo "# Startup and health endpoints ($stamp)"
  echo
  echo "Produced by \`bench/run.sh\` at commit \`$commit\`. What is measured and how to read it: [bench/README.md](../README.md)."
  echo
} >"$partial"

echo "== SQLite ($((SECONDS - started)) s so far)" >&2
"${bench[@]}" --provider sqlite --out "$out_dir/sqlite.md" "${bench_args[@]}" >/dev/null
cat "$out_dir/sqlite.md" >>"$partial"

if [[ "${SKIP_POSTGRES:-0}" != 1 ]]; then
  echo "== PostgreSQL, durable: fsync, synchronous_commit and full_page_writes on ($((SECONDS - started)) s so far)" >&2
  # shellcheck source=../scripts/lib/postgres.sh
  source "$repo_root/scripts/lib/postgres.sh"
  trap pg_stop EXIT
  PG_DURABLE=1 pg_start
  pg_version="$("$PG_BIN_DIR/postgres" --version)"
  ConnectionStrings__Portico="$PORTICO_TEST_PG_APP" \
  ConnectionStrings__PorticoMigrations="$PORTICO_TEST_PG_OWNER" \
    "${bench[@]}" --provider postgres --psql "$PG_BIN_DIR/psql" \
      --note "$pg_version, PG_DURABLE=1 (fsync, synchronous_commit, full_page_writes on)" \
      --out "$out_dir/postgres.md" "${bench_args[@]}" >/dev/null
  cat "$out_dir/postgres.md" >>"$partial"
fi

mv "$partial" "$result"
cat "$result"
echo "== results: ${result#"$repo_root"/} ($((SECONDS - started)) s)" >&2
