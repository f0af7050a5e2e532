#!/usr/bin/env bash
# Benchmarks of the published server, on SQLite and on a durable PostgreSQL:
#  - startup: cold start and /health throughput;
#  - identity: PBKDF2 hash time, logins/s, refresh-token rotations/s, authenticated GET /api/v1/me/s;
#  - events: custom events/s accepted, then handled through the durable outbox and queues into the
#    tenant's stream, with the count of lost and duplicated events;
#  - hub-fanout: SignalR messages/s and delivery latency to N connected clients (PostgreSQL only,
#    SQLite when SKIP_POSTGRES=1);
#  - crm: lead list requests/s, p50 and p99 over 10 tenants x 100 000 leads with custom fields, and
#    CSV import rows/s for 100 000 rows (PostgreSQL only; 10 to 15 minutes, so it runs only when named);
#  - list: the plain lead list (page of 20) of one tenant with 300 000 leads and GET /api/v1/me, on SQLite
#    and PostgreSQL, with server CPU per request (runs only when named);
#  - telegram: Telegram webhook updates acknowledged per second one at a time and by 64 senders (group commit),
#    p50/p99 acknowledgement latency, processed per second, and a SIGKILL during a burst with zero loss and zero
#    duplicates checked after the restart, on SQLite and PostgreSQL (runs only when named).
# Usage: bench/run.sh [scenario...] [extra portico-bench options, given to every scenario]
#   Scenarios are startup, identity, events, hub-fanout, crm, list, console and telegram; none named means the first four.
#   Example: BENCH_REF=HEAD bench/run.sh events hub-fanout
#   Comparison of two builds in one run: BENCH_REF=<old commit> BENCH_NEW=<new commit, or worktree> bench/run.sh list
# Environment: RUNS (cold starts per scenario, default 6), DURATION (load seconds per /health endpoint,
# default 8), CONNECTIONS (default 32), IDENTITY_DURATION (load seconds per identity request kind,
# default 6), LOGIN_CONNECTIONS (login and refresh loops, default 8), ME_CONNECTIONS (GET /me loops,
# default 32), EVENTS (events published in the measured run, default 500), PUBLISHERS (publishing
# loops, default 16), WARMUP_EVENTS (events before measuring, default 50), CLIENTS (hub clients per
# round, default 50,200), HUB_EVENTS (events per hub round, default 100), HUB_RATE (events/s in a hub
# round, default 10), CRM_TENANTS (default 10), LEADS (leads per tenant, default 100000), IMPORT_ROWS
# (rows of the imported CSV, default 100000; 0 skips the import), CRM_CONNECTIONS (list loops, default
# 16), CRM_DURATION (load seconds per list request kind, default 10), SKIP_POSTGRES=1 to measure SQLite
# only (crm is then skipped), SKIP_SQLITE=1 to measure PostgreSQL only, SKIP_STARTUP=1, SKIP_IDENTITY=1,
# SKIP_EVENTS=1, SKIP_HUB_FANOUT=1, SKIP_CRM=1 or SKIP_LIST=1 to leave a scenario out, BENCH_REF=<commit> (HEAD, say)
# to publish that commit from a temporary snapshot instead of the working tree (which others may be editing).
# list: LIST_LEADS (default 300000), LIST_CONNECTIONS (default 32), LIST_DURATION (seconds per window, default 10),
# LIST_SEQUENTIAL (seconds of requests one at a time, default 10), LIST_TIMEOUT (seconds before a request counts
# as a timeout, default 30).
# telegram: TG_CONNECTIONS (senders, default 128), TG_DURATION (seconds of the group-commit window, default 10), TG_SEQUENTIAL
# (seconds of updates one at a time, default 5), TG_USERS (distinct chats, default 10000), TG_KILL_UPDATES (updates of the
# kill test's burst, default 20000), TG_DRAIN_TIMEOUT (longest wait for the processor, seconds, default 600), SKIP_TELEGRAM=1.
# bookings (PostgreSQL, only when named): public bookings by many clients at 20 starts, 201 vs 409, zero double bookings
# checked with SQL; BOOKINGS_CONNECTIONS (client loops, default 64), BOOKINGS_ATTEMPTS (most attempts, default 2000), SKIP_BOOKINGS=1.
# workorders (PostgreSQL, only when named): mechanic queue and order timeline over bulk-inserted orders and stages, and
# reservations of one hot item until its stock is gone with zero oversell; WO_ORDERS (default 200000), WO_STAGES (stages
# per order, default 10), WO_TIMELINE_ORDERS (orders with ~10 timeline entries, default 20000), WO_MECHANICS (default 100),
# WO_HOT_STOCK (units of the hot item, default 2000), WO_CONNECTIONS (default 16), WO_DURATION (seconds per window,
# default 10), WO_SEQUENTIAL (seconds one at a time, default 5), SKIP_WORKORDERS=1.
# Comparison: BENCH_NEW=<commit> or BENCH_NEW=worktree, with BENCH_REF=<commit> as the reference (old) build: both
# are published, every named scenario runs against both in one portico-bench process per provider, and the results
# file shows old, new and new/old per figure with the load average of each window (ROUNDS=2 runs old, new, new,
# old). Published commits are kept in bench/.out/builds/ and reused (BENCH_REBUILD=1 publishes again).
# The startup and identity defaults keep those two near 5 minutes on 2 cores (of which publishing is
# up to a minute and a half); events and hub-fanout add about 3.5 minutes (6 on a very busy machine).
# RUNS=10 DURATION=10 IDENTITY_DURATION=10 EVENTS=5000 HUB_EVENTS=200 give steadier figures.
# Writes bench/results/<scenario>-<UTC date>.md (startup-and-health-…, identity-…, events-…,
# hub-fanout-…, crm-…, list-…, telegram-…), or bench/results/<scenario>-<old>-vs-<new>-<UTC date>.md for a comparison.
# See bench/README.md.
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
    startup | identity | events | hub-fanout | crm | list | console | telegram | slots | bookings | workorders) named+=("$1") ;;
    *) echo "bench/run.sh: unknown scenario '$1' (startup, identity, events, hub-fanout, crm, list, console, telegram, slots, bookings, workorders)" >&2; exit 1 ;;
  esac
  shift
done
# wanted <scenario> <SKIP variable>: 1 when the scenario was named (or none was, except crm, list, console and telegram) and is not skipped.
wanted() {
  local skip="${!2:-0}"
  [[ "$skip" == 1 ]] && { echo 0; return; }
  if [[ ${#named[@]} -eq 0 ]]; then [[ "$1" == crm || "$1" == list || "$1" == console || "$1" == telegram || "$1" == slots || "$1" == bookings || "$1" == workorders ]] && echo 0 || echo 1; return; fi
  local name; for name in "${named[@]}"; do [[ "$name" == "$1" ]] && { echo 1; return; }; done
  echo 0
}
run_startup=$(wanted startup SKIP_STARTUP)
run_identity=$(wanted identity SKIP_IDENTITY)
run_events=$(wanted events SKIP_EVENTS)
run_fanout=$(wanted hub-fanout SKIP_HUB_FANOUT)
run_crm=$(wanted crm SKIP_CRM)
run_list=$(wanted list SKIP_LIST)
run_console=$(wanted console SKIP_CONSOLE)
run_telegram=$(wanted telegram SKIP_TELEGRAM)
run_slots=$(wanted slots SKIP_SLOTS)
run_bookings=$(wanted bookings SKIP_BOOKINGS)
run_workorders=$(wanted workorders SKIP_WORKORDERS)
if [[ $run_crm == 1 && "${SKIP_POSTGRES:-0}" == 1 ]]; then
  echo "bench/run.sh: crm runs on PostgreSQL only; SKIP_POSTGRES=1 leaves it out" >&2
  run_crm=0
fi
if [[ $run_startup == 0 && $run_identity == 0 && $run_events == 0 && $run_fanout == 0 && $run_crm == 0 && $run_list == 0 && $run_console == 0 && $run_telegram == 0 && $run_slots == 0 && $run_bookings == 0 && $run_workorders == 0 ]]; then
  echo "bench/run.sh: the scenarios named and the SKIP_* settings leave nothing to do" >&2
  exit 1
fi

startup_args=(--scenario startup --runs "${RUNS:-6}" --duration "${DURATION:-8}" --connections "${CONNECTIONS:-32}" "$@")
identity_args=(--scenario identity --duration "${IDENTITY_DURATION:-6}" --login-connections "${LOGIN_CONNECTIONS:-8}"
  --connections "${ME_CONNECTIONS:-32}" "$@")
events_args=(--scenario events --events "${EVENTS:-500}" --publishers "${PUBLISHERS:-16}" --warmup-events "${WARMUP_EVENTS:-50}" "$@")
fanout_args=(--scenario hub-fanout --clients "${CLIENTS:-50,200}" --hub-events "${HUB_EVENTS:-100}" --rate "${HUB_RATE:-10}"
  --warmup-events "${WARMUP_EVENTS:-50}" "$@")
crm_args=(--scenario crm --tenants "${CRM_TENANTS:-10}" --leads "${LEADS:-100000}" --import-rows "${IMPORT_ROWS:-100000}"
  --connections "${CRM_CONNECTIONS:-16}" --duration "${CRM_DURATION:-10}" "$@")
list_args=(--scenario list --leads "${LIST_LEADS:-300000}" --connections "${LIST_CONNECTIONS:-32}" --duration "${LIST_DURATION:-10}"
  --sequential-duration "${LIST_SEQUENTIAL:-10}" --request-timeout "${LIST_TIMEOUT:-30}" "$@")
slots_args=(--scenario slots --connections "${SLOTS_CONNECTIONS:-16}" --duration "${SLOTS_DURATION:-10}" --sequential-duration "${SLOTS_SEQUENTIAL:-10}" "$@")
workorders_args=(--scenario workorders --orders "${WO_ORDERS:-200000}" --stages-per-order "${WO_STAGES:-10}" --timeline-orders "${WO_TIMELINE_ORDERS:-20000}"
  --mechanics "${WO_MECHANICS:-100}" --hot-stock "${WO_HOT_STOCK:-2000}" --connections "${WO_CONNECTIONS:-16}" --duration "${WO_DURATION:-10}"
  --sequential-duration "${WO_SEQUENTIAL:-5}" "$@")
bookings_args=(--scenario bookings --connections "${BOOKINGS_CONNECTIONS:-64}" --attempts "${BOOKINGS_ATTEMPTS:-2000}" "$@")
telegram_args=(--scenario telegram --connections "${TG_CONNECTIONS:-128}" --duration "${TG_DURATION:-10}" --sequential-duration "${TG_SEQUENTIAL:-5}"
  --users "${TG_USERS:-10000}" --kill-updates "${TG_KILL_UPDATES:-20000}" --drain-timeout "${TG_DRAIN_TIMEOUT:-600}" "$@")
console_args=(--scenario console --leads "${CONSOLE_LEADS:-100000}" --connections "${CIRCUITS:-200}" "$@")
# The hub's cost hardly depends on the database: one provider is enough, PostgreSQL unless skipped.
fanout_provider=$([[ "${SKIP_POSTGRES:-0}" == 1 ]] && echo sqlite || echo postgres)
started=$SECONDS

# Build output goes to a log that is shown only when the step fails.
quietly() {
  local log="$out_dir/$1.log"; shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "bench/run.sh: '$*' failed (log: ${log#"$repo_root"/})" >&2; return 1; }
}

# Removes the source snapshots (BENCH_REF, BENCH_NEW) and the PostgreSQL cluster, whichever exist.
snapshots=()
cleanup() {
  if declare -F pg_stop >/dev/null; then pg_stop; fi
  local dir; for dir in "${snapshots[@]}"; do rm -rf "$dir"; done
}
trap cleanup EXIT

# publish_build <commit, or "worktree">: publishes that build of src/Portico.Server in Release and sets build_dll
# (its portico.dll), build_label (the short commit id, "+ uncommitted changes" for a modified working tree) and
# build_name (for file names). The working tree goes to bench/.out/server, published every time; a commit is
# unpacked from `git archive` into a temporary directory and published once to bench/.out/builds/<key>, which
# later runs reuse: the key is a hash of the commit's src/ tree and its root files (Directory.*.props,
# global.json...), everything a publish of src/Portico.Server reads, so two commits that differ only in tests,
# docs or bench/ share one publish (BENCH_REBUILD=1 publishes again, after an SDK update, say).
publish_build() {
  local ref="$1" full short key dir snapshot
  if [[ "$ref" == worktree ]]; then
    build_label="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    build_name="worktree"
    if [[ -n "$(git status --porcelain 2>/dev/null || true)" ]]; then build_label="$build_label + uncommitted changes"; fi
    echo "== publishing the working tree ($build_label, Release) to bench/.out/server" >&2
    quietly publish dotnet publish "$repo_root/src/Portico.Server" -c Release -o "$out_dir/server" --nologo
    build_dll="$out_dir/server/portico.dll"
    return
  fi
  full="$(git rev-parse --verify "${ref}^{commit}")" || { echo "bench/run.sh: '$ref' is not a commit" >&2; return 1; }
  short="$(git rev-parse --short "$full")"
  build_label="$short"
  build_name="$short"
  key="$( { git rev-parse "$full:src"; git ls-tree "$full" | awk '$2 == "blob"'; } | sha1sum | cut -c1-16)"
  dir="$out_dir/builds/$key"
  build_dll="$dir/portico.dll"
  if [[ -f "$dir/.published" && "${BENCH_REBUILD:-0}" != 1 ]]; then
    echo "== $ref ($short): same sources as $(cat "$dir/.published"), published before: reusing bench/.out/builds/$key" >&2
    return
  fi
  snapshot="$(mktemp -d /tmp/portico-bench-src.XXXXXX)"
  snapshots+=("$snapshot")
  echo "== snapshot of $ref ($short) in $snapshot; publishing (Release) to bench/.out/builds/$key" >&2
  git archive "$full" | tar -x -C "$snapshot"
  rm -rf "$dir"
  quietly "publish-$short" dotnet publish "$snapshot/src/Portico.Server" -c Release -o "$dir" --nologo
  echo "$short" >"$dir/.published"  # only after a complete publish: an interrupted one is redone next time
  rm -rf "$snapshot"
}

mkdir -p "$out_dir"
compare=()
if [[ -n "${BENCH_NEW:-}" ]]; then
  [[ -n "${BENCH_REF:-}" ]] || { echo "bench/run.sh: BENCH_NEW needs BENCH_REF, the reference (old) commit to compare with" >&2; exit 1; }
  publish_build "$BENCH_REF"
  old_dll="$build_dll" old_label="$build_label" old_name="$build_name"
  publish_build "$BENCH_NEW"
  commit="$build_label" new_name="$build_name"
  compare=(--baseline "$old_dll" --baseline-label "$old_label" --rounds "${ROUNDS:-1}"
    --note "Old: $old_label, $(git log -1 --format='%s' "${BENCH_REF}" | tr '|' '/')"
    --note "New: $commit$([[ "$BENCH_NEW" == worktree ]] || echo ", $(git log -1 --format='%s' "${BENCH_NEW}" | tr '|' '/')")")
  suffix="$old_name-vs-$new_name-$stamp"
  intro="Produced by \`bench/run.sh\`, comparing \`$old_label\` (old, the reference) with \`$commit\` (new) in one run. What is measured and how to read it: [bench/README.md](../README.md)."
else
  publish_build "${BENCH_REF:-worktree}"
  commit="$build_label"
  suffix="$stamp"
  intro="Produced by \`bench/run.sh\` at commit \`$commit\`. What is measured and how to read it: [bench/README.md](../README.md)."
fi
echo "== building the benchmark (Release)" >&2
quietly build dotnet build bench/Portico.Bench -c Release -o "$out_dir/bench" --nologo
bench=(dotnet "$out_dir/bench/portico-bench.dll" --server "$build_dll" --label "$commit" "${compare[@]}")

startup_result="$results_dir/startup-and-health-$suffix.md"
identity_result="$results_dir/identity-$suffix.md"
events_result="$results_dir/events-$suffix.md"
fanout_result="$results_dir/hub-fanout-$suffix.md"
crm_result="$results_dir/crm-$suffix.md"
list_result="$results_dir/list-$suffix.md"
console_result="$results_dir/console-$suffix.md"
telegram_result="$results_dir/telegram-$suffix.md"
slots_result="$results_dir/slots-$suffix.md"
bookings_result="$results_dir/bookings-$suffix.md"
workorders_result="$results_dir/workorders-$suffix.md"
# Partial files are git-ignored (*.tmp); each is renamed to its result only when every step succeeded.
startup_partial="$startup_result.tmp"
identity_partial="$identity_result.tmp"
events_partial="$events_result.tmp"
fanout_partial="$fanout_result.tmp"
crm_partial="$crm_result.tmp"
list_partial="$list_result.tmp"
console_partial="$console_result.tmp"
telegram_partial="$telegram_result.tmp"
slots_partial="$slots_result.tmp"
bookings_partial="$bookings_result.tmp"
workorders_partial="$workorders_result.tmp"

mkdir -p "$results_dir"
rm -f "$startup_partial" "$identity_partial" "$events_partial" "$fanout_partial" "$crm_partial" "$list_partial" "$console_partial" "$telegram_partial" "$slots_partial" "$bookings_partial" "$workorders_partial"  # leftovers of an interrupted run must not be published
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
if [[ $run_list == 1 ]]; then
  printf '# Lead list of a tenant with %s leads, and GET /api/v1/me (%s)\n\n%s\n\n' "${LIST_LEADS:-300000}" "$stamp" "$intro" >"$list_partial"
fi
if [[ $run_slots == 1 ]]; then
  printf '# Slot search: 30 days, 50 staff, 10 chairs, 20 000 appointments (%s)\n\n%s\n\n' "$stamp" "$intro" >"$slots_partial"
fi
if [[ $run_workorders == 1 ]]; then
  printf '# Work orders: mechanic queue and timeline over %s orders × %s stages, hot-item reservations (%s)\n\n%s\n\n' "${WO_ORDERS:-200000}" "${WO_STAGES:-10}" "$stamp" "$intro" >"$workorders_partial"
fi
if [[ $run_bookings == 1 ]]; then
  printf '# Public booking with conflicts: %s clients, 20 starts, 10 staff, 5 chairs (%s)\n\n%s\n\n' "${BOOKINGS_CONNECTIONS:-64}" "$stamp" "$intro" >"$bookings_partial"
fi
if [[ $run_telegram == 1 ]]; then
  printf '# Telegram webhooks: updates acknowledged (group commit) and processed per second, kill test (%s)\n\n%s\n\n' "$stamp" "$intro" >"$telegram_partial"
fi
if [[ $run_console == 1 ]]; then
  printf '# Web console in chromium: first page at %s leads, memory per circuit, board updates over %s circuits (%s)\n\n%s\n\n' "${CONSOLE_LEADS:-100000}" "${CIRCUITS:-200}" "$stamp" "$intro" >"$console_partial"
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
  if [[ $run_list == 1 ]]; then
    echo "== $provider: list ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-list.md" "${list_args[@]}" >/dev/null
    cat "$out_dir/$provider-list.md" >>"$list_partial"
  fi
  if [[ $run_telegram == 1 ]]; then
    echo "== $provider: telegram ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-telegram.md" "${telegram_args[@]}" >/dev/null
    cat "$out_dir/$provider-telegram.md" >>"$telegram_partial"
  fi
  if [[ $run_slots == 1 && $provider == postgres ]]; then
    echo "== $provider: slots ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-slots.md" "${slots_args[@]}" >/dev/null
    cat "$out_dir/$provider-slots.md" >>"$slots_partial"
  fi
  if [[ $run_bookings == 1 && $provider == postgres ]]; then
    echo "== $provider: bookings ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-bookings.md" "${bookings_args[@]}" >/dev/null
    cat "$out_dir/$provider-bookings.md" >>"$bookings_partial"
  fi
  if [[ $run_workorders == 1 && $provider == postgres ]]; then
    echo "== $provider: workorders ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-workorders.md" "${workorders_args[@]}" >/dev/null
    cat "$out_dir/$provider-workorders.md" >>"$workorders_partial"
  fi
  if [[ $run_console == 1 && $provider == sqlite ]]; then
    echo "== $provider: console ($((SECONDS - started)) s so far)" >&2
    "${bench[@]}" --provider "$provider" "$@" --out "$out_dir/$provider-console.md" "${console_args[@]}" >/dev/null
    cat "$out_dir/$provider-console.md" >>"$console_partial"
  fi
}

# SQLite only when a scenario wants it (and SKIP_SQLITE is not 1): hub-fanout alone runs on PostgreSQL.
if [[ "${SKIP_SQLITE:-0}" != 1 ]] && [[ $run_startup == 1 || $run_identity == 1 || $run_events == 1 || $run_list == 1 || $run_console == 1 || $run_telegram == 1 || ($run_fanout == 1 && $fanout_provider == sqlite) ]]; then
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

for result in "$startup_result" "$identity_result" "$events_result" "$fanout_result" "$crm_result" "$list_result" "$console_result" "$telegram_result" "$slots_result" "$bookings_result" "$workorders_result"; do
  if [[ -f "$result.tmp" ]]; then
    mv "$result.tmp" "$result"
    cat "$result"
    echo "== results: ${result#"$repo_root"/}" >&2
  fi
done
echo "== done in $((SECONDS - started)) s" >&2
