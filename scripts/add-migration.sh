#!/usr/bin/env bash
# Adds a migration to one module, for both providers (SQLite and PostgreSQL).
#   scripts/add-migration.sh <project-dir> <Context> <MigrationName>
#   scripts/add-migration.sh src/Modules/Tenancy/Portico.Tenancy TenancyDbContext AddTenantBranding
# Each provider's set lives in Migrations/<Provider> with namespace <Root>.Migrations.<Provider>;
# ProviderMigrationsAssembly picks the set that matches the provider at run time (docs/adr/0002).
set -euo pipefail
cd "$(dirname "$0")/.."
project="$1"; context="$2"; name="$3"
root_namespace="$(basename "$project")"
dotnet tool restore >/dev/null
dotnet build "$project" -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  other=$([[ $provider == Sqlite ]] && echo Postgres || echo Sqlite)
  # Both sets have a snapshot class of the same name; dotnet-ef updates the first file of that name it
  # finds, so the other provider's snapshot is hidden while this one is written.
  hidden="$project/Migrations/$other/${context}ModelSnapshot.cs"
  [[ -f $hidden ]] && mv "$hidden" "$hidden.hidden"
  Portico__Database__Provider="$provider" dotnet ef migrations add "$name" \
    --no-build --project "$project" --context "$context" \
    --output-dir "Migrations/$provider" --namespace "$root_namespace.Migrations.$provider"
  # A first snapshot lands in a folder named after its namespace; keep it beside its migrations.
  while IFS= read -r stray; do mv "$stray" "$project/Migrations/$provider/"; done < <(
    find "$project" -name "${context}ModelSnapshot.cs" -not -path "$project/Migrations/*" -not -path '*/bin/*' -not -path '*/obj/*')
  find "$project" -type d -empty -delete
  # Module types are internal (architecture rule); EF Core finds internal migrations just the same.
  sed -i 's/^    public partial class/    internal partial class/' "$project/Migrations/$provider/"*.cs
  [[ -f $hidden.hidden ]] && mv "$hidden.hidden" "$hidden"
done
