#pragma warning disable EF1001 // MigrationsAssembly is internal API; we only narrow what it finds.
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Portico.Data;

/// <summary>
/// Lets one DbContext carry a migration set per provider in one assembly: migrations and the model
/// snapshot are taken only from the namespace ending in <c>.Migrations.Sqlite</c> or
/// <c>.Migrations.Postgres</c>, matching the provider in use (see docs/adr/0002).
/// </summary>
internal sealed class ProviderMigrationsAssembly : MigrationsAssembly
{
    private readonly string _suffix;
    private readonly Type _contextType;
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;

    public ProviderMigrationsAssembly(
        ICurrentDbContext currentContext,
        IDbContextOptions options,
        IMigrationsIdGenerator idGenerator,
        IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
        : base(currentContext, options, idGenerator, logger)
    {
        _contextType = currentContext.Context.GetType();
        _suffix = currentContext.Context.Database.IsNpgsql() ? ".Migrations.Postgres" : ".Migrations.Sqlite";
    }

    public override IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= base.Migrations
        .Where(m => m.Value.Namespace?.EndsWith(_suffix, StringComparison.Ordinal) == true)
        .ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot => _snapshot ??= Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot))
            && t.Namespace?.EndsWith(_suffix, StringComparison.Ordinal) == true
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType)
        .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!)
        .SingleOrDefault();
}
