#!/usr/bin/env bash
# Benchmarks of the published server, on SQLite and on a durable PostgreSQL:
#  - startup: cold start and /health throughput;
#  - identity: PBKDF2 hash time, logins/s, refresh-token rotations/s, authenticated GET /api/v1/me/s;
#  - events: custom events/s accepted, then handled through the durable outbox and queues into the
#    tenant's stream, with the count of lost and duplicated events;
#  - hub-fanout: SignalR messages/s and delivery latency to N connected clients (PostgreSQL only,
#    SQLite when SKIP_POSTGRES=1);
#  - crm: lead list requests/s, p50 and p99 over 10 tenants x 100 000 leads with custom fields, and
#    CSV import rows/s for 100 000 rows (PostgreSQL only; 10 to 15 minutes, so it runs only when named).
# Usage: bench/run.sh [scenario...] [extra portico-bench options, given to every scenario]
#   Scenarios are startup, identity, events, hub-fanout and crm; none named means the first four.
#   Example: BENCH_REF=HEAD bench/run.sh events hub-fanout
# Environment: RUNS (cold starts per scenario, default 6), DURATION (load seconds per /health endpoint,
# default 8), CONNECTIONS (default 32), IDENTITY_DURATION (load seconds per identity request kind,
# default 6), LOGIN_CONNECTIONS (login and refresh loops, default 8), ME_CONNECTIONS (GET /me loops,
# default 32), EVENTS (events published in the measured run, default 500), PUBLISHERS (publishing
# loops, default 16), WARMUP_EVENTS (events before measuring, default 50), CLIENTS (hub clients per
# round, default 50,200), HUB_EVENTS (events per hub round, default 100), HUB_RATE (events/s in a hub
# round, default 10), CRM_TENANTS (default 10), LEADS (leads per tenant, default 100000), IMPORT_ROWS
# (rows of the imported CSV, default 100000; 0 skips the import), CRM_CONNECTIONS (list loops, default
# 16), CRM_DURATION (load seconds per list request kind, default 10), SKIP_POSTGRES=1 to measure SQLite
# only (crm is then skipped), SKIP_STARTUP=1, SKIP_IDENTITY=1,
# SKIP_EVENTS=1, SKIP_HUB_FANOUT=1 or SKIP_CRM=1 to leave a scenario out, BENCH_REF=<commit> (HEAD, say) to publish
# that commit from a temporary snapshot instead of the working tree (which others may be editing).
# The startup and identity defaults keep those two near 5 minutes on 2 cores (of which publishing is
# up to a minute and a half); events and hub-fanout add about 3.5 minutes (6 on a very busy machine).
# RUNS=10 DURATION=10 IDENTITY_DURATION=10 EVENTS=5000 HUB_EVENTS=200 give steadier figures.
# Writes bench/results/<scenario>-<UTC date>.md (startup-and-health-…, identity-…, events-…,
# hub-fanout-…, crm-…). See bench/README.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root="$PWD"
out_dir="$repo_root/bench/.out"
results_dir="$repo_root/bench/results"
stamp="$(date -u +%Y-%m-%d)"

# Leading words name the scenarios; everything from the first option on goes to portico-bench.
named=()
while [[ $# -gt 0 && "$1" != -* ]]; do
  case "$1" in
    startup | identity | events | hub-fanout | crm) named+=("$1") ;;
    *) echo "bench/run.sh: unknown scenario '$1' (startup, identity, events, hub-fanout, crm)" >&2; exit 1 ;;
  esac
  shift
done
# wanted <scenario> <SKIP variable>: 1 when the scenario was named (or none was, except crm) and is not skipped.
wanted() {
  local skip="${!2:-0}"
  [[ "$skip" == 1 ]] && { echo 0; return; }
  if [[ ${#named[@]} -eq 0 ]]; then [[ "$1" == crm ]] && echo 0 || echo 1; return; fi
  local name; for name in "${named[@]}"; do [[ "$name" == "$1" ]] && { echo 1; return; }; done
  echo 0
}
run_startup=$(wanted startup SKIP_STARTUP)
run_identity=$(wanted identity SKIP_IDENTITY)
run_events=$(wanted events SKIP_EVENTS)
run_fanout=$(wanted hub-fanout SKIP_HUB_FANOUT)
run_crm=$(wanted crm SKIP_CRM)
if [[ $run_crm == 1 && "${SKIP_POSTGRES:-0}" == 1 ]]; then
  echo "bench/run.sh: crm runs on PostgreSQL only; SKIP_POSTGRES=1 leaves it out" >&2
  run_crm=0
fi
if [[ $run_startup == 0 && $run_identity == 0 && $run_events == 0 && $run_fanout == 0 && $run_crm == 0 ]]; then
  echo "bench/run.sh: the scenarios named and the SKIP_* settings leave nothing to do" >&2
  exit 1
fi

startup_result="$results_dir/startup-and-health-$stamp.md"
identity_result="$results_dir/identity-$stamp.md"
events_result="$results_dir/events-$stamp.md"
fanout_result="$results_dir/hub-fanout-$stamp.md"
crm_result="$results_dir/crm-$stamp.md"
# Partial files are git-ignored (*.tmp); each is renamed to its result only when every step succeeded.
startup_partial="$startup_result.tmp"
identity_partial="$identity_result.tmp"
events_partial="$events_result.tmp"
fanout_partial="$fanout_result.tmp"
crm_partial="$crm_result.tmp"
startup_args=(--scenario startup --runs "${RUNS:-6}" --duration "${DURATION:-8}" --connections "${CONNECTIONS:-32}" "$@")
identity_args=(--scenario identity --duration "${IDENTITY_DURATION:-6}" --login-connections "${LOGIN_CONNECTIONS:-8}"
  --connections "${ME_CONNECTIONS:-32}" "$@")
events_args=(--scenario events --events "${EVENTS:-500}" --publishers "${PUBLISHERS:-16}" --warmup-events "${WARMUP_EVENTS:-50}" "$@")
fanout_args=(--scenario hub-fanout --clients "${CLIENTS:-50,200}" --hub-events "${HUB_EVENTS:-100}" --rate "${HUB_RATE:-10}"
  --warmup-events "${WARMUP_EVENTS:-50}" "$@")
crm_args=(--scenario crm --tenants "${CRM_TENANTS:-10}" --leads "${LEADS:-100000}" --import-rows "${IMPORT_ROWS:-100000}"
  --connections "${CRM_CONNECTIONS:-16}" --duration "${CRM_DURATION:-10}" "$@")
# The hub's cost hardly depends on the database: one provider is enough, PostgreSQL unless skipped.
fanout_provider=$([[ "${SKIP_POSTGRES:-0}" == 1 ]] && echo sqlite || echo postgres)
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
rm -f "$startup_partial" "$identity_partial" "$events_partial" "$fanout_partial" "$crm_partial"  # leftovers of an interrupted run must not be published
intro="Produced by \`bench/run.sh\` at commit \`$commit\`. What is measured and how to read it: [bench/README.md](../README.md)."
if [[ $run_startup == 1 ]]; then
  printf '# Startup and health endpoints (%s)\n\n%s\n\n' "$stamp" "$intro" >"$startup_partial"
fi
if [[ $run_identity == 1 ]]; then
  printf '# Identity: password hashing, sign-in, token refresh, authenticated requests (%s)\n\n%s\n\n' "$stamp" "$intro" >"$identity_partial"
fi
if [[ $run_events == 1 ]]; then
  printf '# Events: durable outbox and queues, exactly-once effect (%s)\n\n%s\n\n' "$stamp" "$intro" >"$events_partial"
fi
if [[ $run_fanout == 1 ]]; then
  printf '# Hub fan-out: SignalR messages to N clients (%s)\n\n%s\n\n' "$stamp" "$intro" >"$fanout_partial"
fi
if [[ $run_crm == 1 ]]; then
  printf '# CRM: lead lists and CSV import (%s)\n\n%s\n\n' "$stamp" "$intro" >"$crm_partial"
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
  if [[ $run_events == 1 ]]; then
    echo "== $provider: events ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-events.md" "${events_args[@]}" >/dev/null
    cat "$out_dir/$provider-events.md" >>"$events_partial"
  fi
  if [[ $run_fanout == 1 && $provider == "$fanout_provider" ]]; then
    echo "== $provider: hub-fanout ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-hub-fanout.md" "${fanout_args[@]}" >/dev/null
    cat "$out_dir/$provider-hub-fanout.md" >>"$fanout_partial"
  fi
  if [[ $run_crm == 1 && $provider == postgres ]]; then
    echo "== $provider: crm ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-crm.md" "${crm_args[@]}" >/dev/null
    cat "$out_dir/$provider-crm.md" >>"$crm_partial"
  fi
}

# SQLite only when a scenario wants it: hub-fanout alone runs on PostgreSQL.
if [[ $run_startup == 1 || $run_identity == 1 || $run_events == 1 || $fanout_provider == sqlite ]]; then
  run_scenarios sqlite
fi

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

for result in "$startup_result" "$identity_result" "$events_result" "$fanout_result" "$crm_result"; do
  if [[ -f "$result.tmp" ]]; then
    mv "$result.tmp" "$result"
    cat "$result"
    echo "== results: ${result#"$repo_root"/}" >&2
  fi
done
echo "== done in $((SECONDS - started)) s" >&2
