using System.Text.Json;
using Portico.Data.Auditing;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Audit;

internal static class ReadAuditLog
{
    internal sealed record Filter(string? EntityType, Guid? EntityId, string? Actor, DateTimeOffset? From, DateTimeOffset? To, string? Action = null);

    internal sealed record Entry(
        Guid Id, Guid? TenantId, DateTimeOffset OccurredAt, string Actor, string EntityType, Guid EntityId,
        string Action, JsonElement Changes, string? TraceId);

    internal sealed class Handler(AuditLogReader reader, RequestContext context)
    {
        /// <summary>The current tenant's log; in platform scope with no tenant, every tenant's.</summary>
        public async Task<Page<Entry>> HandleAsync(Filter filter, PageRequest page, CancellationToken cancellationToken)
        {
            var tenantId = context.IsPlatformScope && context.TenantId is null ? (Guid?)null : context.RequiredTenantId;
            var query = new AuditQuery(tenantId, filter.EntityType, filter.EntityId, filter.Actor, filter.From, filter.To, filter.Action);
            var result = await reader.ReadAsync(query, page, cancellationToken);
            return result.Map(e => new Entry(
                e.Id, e.TenantId, e.OccurredAt, e.Actor, e.EntityType, e.EntityId, e.Action,
                JsonDocument.Parse(e.Changes).RootElement.Clone(), e.TraceId));
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapTenantGroup()
            .MapGet("/{tenant}/audit", Read)
            .RequirePermission(AuditPermissions.Read)
            .WithName("ReadTenantAuditLog")
            .WithSummary("A tenant's audit log, newest first (filters: entityType, entityId, actor, action, from, to)")
            .WithTags("Audit");

        api.MapGet("/platform/audit", (
                [AsParameters] Query query, Handler handler, RequestContext context, CancellationToken ct) =>
            {
                context.EnterPlatformScope();
                return Read(query, handler, ct);
            })
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithName("ReadPlatformAuditLog")
            .WithSummary("Every tenant's and the platform's audit log, newest first")
            .WithTags("Audit");
    }

    internal sealed record Query(string? EntityType, Guid? EntityId, string? Actor, DateTimeOffset? From, DateTimeOffset? To, string? Action, int? Limit, string? Cursor);

    private static async Task<Ok<Page<Entry>>> Read([AsParameters] Query query, Handler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(
            new Filter(query.EntityType, query.EntityId, query.Actor, query.From, query.To, query.Action),
            PageRequest.From(query.Limit, query.Cursor, sort: null),
            ct));
}
