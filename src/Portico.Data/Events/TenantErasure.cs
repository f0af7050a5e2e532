using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Data.Auditing;
using Portico.Kernel.Events;

namespace Portico.Data.Events;

/// <summary>
/// Erases one tenant's rows from one module's tables (GDPR erasure when a tenant is purged), derived from the model
/// like row-level security is, so a module's new table is covered without a line of SQL: every tenant table
/// (tenant-owned or tenant link) loses the tenant's rows, dependents before the rows they point to, in batches of
/// <see cref="BatchSize"/> so no statement holds a large table for long. Audit rows stay as the record of who did
/// what and when, but their <c>changes</c> (names, emails, values) become <c>{"erased":true}</c>, as for an erased
/// account. The platform's event log loses the tenant's events but <c>tenant.purged</c>. Idempotent: run again, it finds nothing left. Runs with the tenant as the request tenant, so on
/// PostgreSQL row-level security lets it touch that tenant's rows and no other's.
/// </summary>
public static class TenantErasure
{
    public const int BatchSize = 1000;

    public const string ErasedChanges = "{\"erased\":true}";

    /// <summary>Deletes the tenant's rows and blanks its audit changes; returns how many rows it deleted.</summary>
    public static async Task<int> EraseAsync(ModuleDbContext context, Guid tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentTenantId != tenantId)
        {
            throw new InvalidOperationException("Erase a tenant's rows as that tenant (TenantWork.RunAsync), so row-level security applies.");
        }

        var postgres = context.Database.IsNpgsql();
        var row = postgres ? "ctid" : "rowid";
        object tenant = postgres ? tenantId : tenantId.ToString().ToUpperInvariant();
        var deleted = 0;
        foreach (var (table, tenantColumn, keep) in TenantTables(context.Model))
        {
            // Batches by physical row id: works for any key, composite or none.
            var sql = $"DELETE FROM {table} WHERE {row} IN (SELECT {row} FROM {table} WHERE {tenantColumn} = {{0}}{keep} LIMIT {BatchSize.ToString(CultureInfo.InvariantCulture)})";
            int batch;
            do
            {
                batch = await context.Database.ExecuteSqlRawAsync(sql, keep.Length > 0 ? [tenant, TenantPurged.Name] : [tenant], cancellationToken);
                deleted += batch;
            }
            while (batch == BatchSize);
        }

        var audit = context.Model.FindEntityType(typeof(AuditEntry))!;
        var auditTable = Qualified(audit);
        var changes = Column(audit, nameof(AuditEntry.Changes));
        var scrub = $"UPDATE {auditTable} SET {changes} = {{1}} WHERE {row} IN (SELECT {row} FROM {auditTable} WHERE {Column(audit, nameof(AuditEntry.TenantId))} = {{0}} AND {changes} <> {{1}} LIMIT {BatchSize.ToString(CultureInfo.InvariantCulture)})";
        while (await context.Database.ExecuteSqlRawAsync(scrub, [tenant, ErasedChanges], cancellationToken) == BatchSize)
        {
        }

        return deleted;
    }

    /// <summary>The context's tenant tables with their tenant column, each after every table whose rows point at it.</summary>
    private static List<(string Table, string TenantColumn, string Keep)> TenantTables(IModel model)
    {
        var tenantTables = model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.FindProperty("TenantId") is not null
                && (e.FindAnnotation(ModuleDbContext.TenantOwnedAnnotation) is not null || e.FindAnnotation(ModuleDbContext.TenantLinkAnnotation) is not null))
            .ToList();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType entity)
        {
            if (ordered.Contains(entity) || !visiting.Add(entity))
            {
                return;
            }

            foreach (var dependent in entity.GetReferencingForeignKeys().Select(k => k.DeclaringEntityType).Where(tenantTables.Contains))
            {
                Visit(dependent);
            }

            ordered.Add(entity);
        }

        foreach (var entity in tenantTables)
        {
            Visit(entity);
        }

        // The event log keeps tenant.purged itself (its retention trims it a day later): erasing it here could take it
        // away from subscribers that have not read it yet. The tenant's other events go, read or not.
        return ordered
            .Select(e => (Qualified(e), Column(e, "TenantId"), e.ClrType == typeof(EventLogRow) ? $" AND {Column(e, nameof(EventLogRow.Type))} <> {{1}}" : ""))
            .Distinct()
            .ToList();
    }

    private static string Qualified(IEntityType entity) =>
        entity.GetSchema() is { } schema ? $"{PostgresSecurity.Quote(schema)}.{PostgresSecurity.Quote(entity.GetTableName()!)}" : PostgresSecurity.Quote(entity.GetTableName()!);

    private static string Column(IEntityType entity, string property) =>
        PostgresSecurity.Quote(entity.FindProperty(property)!.GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!);
}

/// <summary>
/// A module's reader of <c>tenant.purged</c>: erases the tenant's rows from the module's tables
/// (<see cref="TenantErasure"/>), after <see cref="BeforeEraseAsync"/> (Files removes the stored content there).
/// </summary>
public abstract class TenantErasureSubscriber<TContext>(IServiceScopeFactory scopes, ILogger logger) : IEventSubscriber
    where TContext : ModuleDbContext
{
    public abstract string Name { get; }

    public IReadOnlyCollection<string>? EventTypes { get; } = [TenantPurged.Name];

    public async Task HandleAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var purged in events.Where(e => e.Type == TenantPurged.Name).DistinctBy(e => e.TenantId))
        {
            await scopes.RunAsync(purged.TenantId, purged.TenantSlug, "system:tenant-purge", async services =>
            {
                var context = services.GetRequiredService<TContext>();
                await BeforeEraseAsync(services, context, purged.TenantId, cancellationToken);
                var deleted = await TenantErasure.EraseAsync(context, purged.TenantId, cancellationToken);
                logger.LogInformation("{Subscriber} erased {Count} row(s) of purged tenant {TenantId}", Name, deleted, purged.TenantId);
            });
        }
    }

    /// <summary>Work outside the tables before they are erased (content in storage); must be idempotent too.</summary>
    protected virtual Task BeforeEraseAsync(IServiceProvider services, TContext context, Guid tenantId, CancellationToken cancellationToken) => Task.CompletedTask;
}
