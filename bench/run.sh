#!/usr/bin/env bash
# Benchmarks of the published server, on SQLite and on a durable PostgreSQL:
#  - startup: cold start and /health throughput;
#  - identity: PBKDF2 hash time, logins/s, refresh-token rotations/s, authenticated GET /api/v1/me/s.
# Usage: bench/run.sh [extra portico-bench options, given to both scenarios]
# Environment: RUNS (cold starts per scenario, default 6), DURATION (load seconds per /health endpoint,
# default 8), CONNECTIONS (default 32), IDENTITY_DURATION (load seconds per identity request kind,
# default 6), LOGIN_CONNECTIONS (login and refresh loops, default 8), ME_CONNECTIONS (GET /me loops,
# default 32), SKIP_POSTGRES=1 to measure SQLite only, SKIP_STARTUP=1 or SKIP_IDENTITY=1 to leave a
# scenario out, BENCH_REF=<commit> (HEAD, say) to publish that commit from a temporary snapshot
# instead of the working tree (which others may be editing). The defaults keep a run near 5 minutes
# on 2 cores (of which publishing is up to a minute and a half); RUNS=10 DURATION=10
# IDENTITY_DURATION=10 gives steadier figures in about 7.
# Writes bench/results/startup-and-health-<UTC date>.md and bench/results/identity-<UTC date>.md.
# See bench/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root="$PWD"
out_dir="$repo_root/bench/.out"
results_dir="$repo_root/bench/results"
stamp="$(date -u +%Y-%m-%d)"
startup_result="$results_dir/startup-and-health-$stamp.md"
identity_result="$results_dir/identity-$stamp.md"
# Partial files are git-ignored (*.tmp); each is renamed to its result only when every step succeeded.
startup_partial="$startup_result.tmp"
identity_partial="$identity_result.tmp"
startup_args=(--scenario startup --runs "${RUNS:-6}" --duration "${DURATION:-8}" --connections "${CONNECTIONS:-32}" "$@")
identity_args=(--scenario identity --duration "${IDENTITY_DURATION:-6}" --login-connections "${LOGIN_CONNECTIONS:-8}"
  --connections "${ME_CONNECTIONS:-32}" "$@")
run_startup=$([[ "${SKIP_STARTUP:-0}" == 1 ]] && echo 0 || echo 1)
run_identity=$([[ "${SKIP_IDENTITY:-0}" == 1 ]] && echo 0 || echo 1)
if [[ $run_startup == 0 && $run_identity == 0 ]]; then
  echo "bench/run.sh: SKIP_STARTUP=1 and SKIP_IDENTITY=1 leave nothing to do" >&2
  exit 1
fi
started=$SECONDS

# Build output goes to a log that is shown only when the step fails.
quietly() {
  local log="$out_dir/$1.log"; shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "bench/run.sh: '$*' failed (log: ${log#"$repo_root"/})" >&2; return 1; }
}

# Removes the source snapshot (BENCH_REF) and the PostgreSQL cluster, whichever exist.
snapshot=""
cleanup() {
  if declare -F pg_stop >/dev/null; then pg_stop; fi
  if [[ -n "$snapshot" ]]; then rm -rf "$snapshot"; fi
}
trap cleanup EXIT

mkdir -p "$out_dir"
src_root="$repo_root"
if [[ -n "${BENCH_REF:-}" ]]; then
  commit="$(git rev-parse --short "${BENCH_REF}^{commit}")"
  snapshot="$(mktemp -d /tmp/portico-bench-src.XXXXXX)"
  echo "== snapshot of $BENCH_REF ($commit) in $snapshot" >&2
  git archive "$commit" | tar -x -C "$snapshot"
  src_root="$snapshot"
else
  commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git status --porcelain 2>/dev/null || true)" ]]; then commit="$commit + uncommitted changes"; fi
fi
echo "== publishing the server (Release) to bench/.out/server" >&2
quietly publish dotnet publish "$src_root/src/Portico.Server" -c Release -o "$out_dir/server" --nologo
echo "== building the benchmark (Release)" >&2
quietly build dotnet build bench/Portico.Bench -c Release -o "$out_dir/bench" --nologo
bench=(dotnet "$out_dir/bench/portico-bench.dll" --server "$out_dir/server/portico.dll" --note "Commit $commit")

mkdir -p "$results_dir"
rm -f "$startup_partial" "$identity_partial"  # leftovers of an interrupted run must not be published
intro="Produced by \`bench/run.sh\` at commit \`$commit\`. What is measured and how to read it: [bench/README.md](../README.md)."
if [[ $run_startup == 1 ]]; then
  printf '# Startup and health endpoints (%s)\n\n%s\n\n' "$stamp" "$intro" >"$startup_partial"
fi
if [[ $run_identity == 1 ]]; then
  printf '# Identity: password hashing, sign-in, token refresh, authenticated requests (%s)\n\n%s\n\n' "$stamp" "$intro" >"$identity_partial"
fi

# Runs the enabled scenarios for one provider: run_scenarios <provider> [portico-bench options...]
run_scenarios() {
  local provider="$1"; shift
  if [[ $run_startup == 1 ]]; then
    echo "== $provider: startup and /health ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider.md" "${startup_args[@]}" >/dev/null
    cat "$out_dir/$provider.md" >>"$startup_partial"
  fi
  if [[ $run_identity == 1 ]]; then
    echo "== $provider: identity ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-identity.md" "${identity_args[@]}" >/dev/null
    cat "$out_dir/$provider-identity.md" >>"$identity_partial"
  fi
}

run_scenarios sqlite

if [[ "${SKIP_POSTGRES:-0}" != 1 ]]; then
  echo "== PostgreSQL, durable: fsync, synchronous_commit and full_page_writes on ($((SECONDS - started)) s so far)" >&2
  # shellcheck source=../scripts/lib/postgres.sh
  source "$repo_root/scripts/lib/postgres.sh"
  PG_DURABLE=1 pg_start
  pg_version="$("$PG_BIN_DIR/postgres" --version)"
  ConnectionStrings__Portico="$PORTICO_TEST_PG_APP" \
  ConnectionStrings__PorticoMigrations="$PORTICO_TEST_PG_OWNER" \
    run_scenarios postgres --psql "$PG_BIN_DIR/psql" \
      --note "$pg_version, PG_DURABLE=1 (fsync, synchronous_commit, full_page_writes on)"
fi

for result in "$startup_result" "$identity_result"; do
  if [[ -f "$result.tmp" ]]; then
    mv "$result.tmp" "$result"
    cat "$result"
    echo "== results: ${result#"$repo_root"/}" >&2
  fi
done
echo "== done in $((SECONDS - started)) s" >&2
