using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data.Paging;
using Portico.Kernel.Paging;

namespace Portico.Data.Auditing;

/// <summary>Filters of an audit log query. <see cref="TenantId"/> null means every tenant (platform scope only).</summary>
public sealed record AuditQuery(
    Guid? TenantId,
    string? EntityType = null,
    Guid? EntityId = null,
    string? Actor = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Action = null);

/// <summary>
/// Reads the audit log across modules. Each module keeps its own <c>audit_log</c>; ids are
/// UUIDv7, so newest-first is id-descending everywhere and a page is a k-way merge of each
/// module's first rows after the cursor id. No module reads another's tables.
/// </summary>
public sealed class AuditLogReader(IServiceProvider services, IEnumerable<IModuleDatabase> modules)
{
    private sealed record Cursor(Guid Before);

    public async Task<Page<AuditEntry>> ReadAsync(AuditQuery filter, PageRequest page, CancellationToken cancellationToken)
    {
        Guid? before = page.Cursor is null ? null : Keyset.DecodeCursor<Cursor>(page.Cursor).Before;
        var merged = new List<AuditEntry>();
        foreach (var module in modules)
        {
            var context = (ModuleDbContext)services.GetRequiredService(module.ContextType);
            var query = context.AuditLog.AsNoTracking();
            if (filter.TenantId is { } tenantId)
            {
                query = query.Where(e => e.TenantId == tenantId);
            }

            if (filter.EntityType is { } entityType)
            {
                query = query.Where(e => e.EntityType == entityType);
            }

            if (filter.EntityId is { } entityId)
            {
                query = query.Where(e => e.EntityId == entityId);
            }

            if (filter.Actor is { } actor)
            {
                query = query.Where(e => e.Actor == actor);
            }

            if (filter.Action is { } action)
            {
                query = query.Where(e => e.Action == action);
            }

            if (filter.From is { } from)
            {
                query = query.Where(e => e.OccurredAt >= from);
            }

            if (filter.To is { } to)
            {
                query = query.Where(e => e.OccurredAt < to);
            }

            if (before is { } id)
            {
                query = query.Where(e => e.Id.CompareTo(id) < 0);
            }

            merged.AddRange(await query.OrderByDescending(e => e.Id).Take(page.Limit + 1).ToListAsync(cancellationToken));
        }

        var rows = merged.OrderByDescending(e => e.Id).Take(page.Limit + 1).ToList();
        if (rows.Count <= page.Limit)
        {
            return new Page<AuditEntry>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return new Page<AuditEntry>(rows, Keyset.EncodeCursor(new Cursor(rows[^1].Id)));
    }
}
