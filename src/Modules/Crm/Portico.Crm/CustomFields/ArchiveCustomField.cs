using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.CustomFields;

internal static class ArchiveCustomField
{
    [RequiresPermission(CrmPermissions.Settings)]
    internal sealed class Handler(CrmDbContext db, TimeProvider clock)
    {
        public async Task<CustomFieldView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var field = await db.CustomFields.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("Custom field", id);
            field.ArchivedAt = archive ? field.ArchivedAt ?? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(cancellationToken);
            return CustomFieldView.From(field);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/crm/fields/{id:guid}/archive", async Task<Ok<CustomFieldView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: true, ct)))
            .WithName("ArchiveCustomField")
            .WithSummary("Archive a custom field: hidden from forms and closed to new values; stored values stay readable and filterable");
        tenants.MapPost("/{tenant}/crm/fields/{id:guid}/restore", async Task<Ok<CustomFieldView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: false, ct)))
            .WithName("RestoreCustomField")
            .WithSummary("Bring an archived custom field back");
    }
}
