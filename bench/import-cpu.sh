#!/usr/bin/env bash
# CPU per row of a CSV lead import, server and PostgreSQL apart: runs portico-bench's crm scenario (small
# seed, one import of ROWS rows) against each published server on one durable throwaway PostgreSQL 15, and reads
# the CPU time of the server process and of every PostgreSQL process (live backends, plus what the postmaster
# reaped) from /proc between the upload and "import completed". CPU per row is steadier than rows/s on a
# shared machine. Usage, from the repository root:
#   dotnet publish src/Portico.Server -c Release -o /tmp/server-new
#   dotnet build bench/Portico.Bench -c Release -o /tmp/bench
#   BENCH=/tmp/bench ROWS=100000 bench/import-cpu.sh new=/tmp/server-new [old=/tmp/server-old ...]
set -u
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
export PG_DURABLE=1
trap pg_stop EXIT
pg_start 2>/dev/null || exit 1
export ConnectionStrings__Portico="$PORTICO_TEST_PG_APP" ConnectionStrings__PorticoMigrations="$PORTICO_TEST_PG_OWNER"
tck=$(getconf CLK_TCK); rows=${ROWS:-40000}; bench=${BENCH:-bench/.out/bench}
cpu() { local s=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && s=$((s + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $s; }
pgcpu() { local pm; pm=$(head -1 "$PG_DATA_DIR/postmaster.pid"); echo $(( $(cpu $(pgrep -P "$pm")) + $(awk '{print $14+$15+$16+$17}' /proc/$pm/stat) )); }
for arg in "$@"; do
  label=${arg%%=*}; server=${arg#*=}; log=$(mktemp)
  dotnet "$bench/portico-bench.dll" --server "$server/portico.dll" --provider postgres --scenario crm --tenants 2 --leads 5000 \
    --import-rows "$rows" --connections 4 --duration 2 --psql "$PG_BIN_DIR/psql" --out "$log.md" >"$log" 2>&1 &
  bpid=$!
  until grep -q "uploaded in" "$log"; do sleep 0.2; kill -0 $bpid 2>/dev/null || { echo "$label: the benchmark ended early"; tail "$log"; exit 1; }; done
  spid=$(pgrep -f "$server/portico.dll serve" | head -1)
  s0=$(cpu "$spid"); p0=$(pgcpu); t0=$(date +%s.%N); l0=$(cut -d' ' -f1 /proc/loadavg)
  until grep -q "import completed\|import.*failed" "$log"; do sleep 0.2; kill -0 $bpid 2>/dev/null || break; done
  s1=$(cpu "$spid"); p1=$(pgcpu); t1=$(date +%s.%N); l1=$(cut -d' ' -f1 /proc/loadavg)
  wait $bpid
  echo "$label: $(grep 'import completed' "$log" | sed 's/.*import/import/')"
  echo "$label: wall $(echo "$t1 - $t0" | bc | cut -c1-6) s; CPU per row: server $(echo "scale=1; ($s1-$s0)*1000000/$tck/$rows" | bc) µs," \
    "PostgreSQL $(echo "scale=1; ($p1-$p0)*1000000/$tck/$rows" | bc) µs (load average $l0 -> $l1)"
  rm -f "$log" "$log.md"
done
