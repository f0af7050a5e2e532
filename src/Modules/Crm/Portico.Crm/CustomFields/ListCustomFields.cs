using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.CustomFields;

internal static class ListCustomFields
{
    internal sealed record Result(IReadOnlyList<CustomFieldView> Items);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db)
    {
        public async Task<Result> HandleAsync(string? recordType, bool archived, CancellationToken cancellationToken)
        {
            var fields = await db.CustomFields.AsNoTracking()
                .Where(f => (recordType == null || f.RecordType == recordType) && (archived || f.ArchivedAt == null))
                .OrderBy(f => f.RecordType).ThenBy(f => f.Position).ThenBy(f => f.Id)
                .ToListAsync(cancellationToken);
            return new Result(fields.Select(CustomFieldView.From).ToList());
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/fields", async Task<Ok<Result>> (string? recordType, bool? archived, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(recordType, archived ?? false, ct)))
        .WithName("ListCustomFields")
        .WithSummary("Custom field definitions (filter: recordType; archived=true includes archived ones)");
}
