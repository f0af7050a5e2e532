using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Settings;

internal static class SettingsEndpoints
{
    internal sealed record View(bool RestrictedVisibility);

    internal sealed record Request(bool? RestrictedVisibility);

    internal sealed class Handler(CrmDbContext db, Records.CrmAccess access)
    {
        public async Task<View> GetAsync(CancellationToken cancellationToken) => new((await access.SettingsAsync(cancellationToken)).RestrictedVisibility);

        public async Task<View> UpdateAsync(Request request, CancellationToken cancellationToken)
        {
            var settings = await db.Settings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null)
            {
                settings = new CrmSettings { TenantId = access.TenantId };
                db.Settings.Add(settings);
            }

            settings.RestrictedVisibility = request.RestrictedVisibility ?? settings.RestrictedVisibility;
            await db.SaveChangesAsync(cancellationToken);
            return new View(settings.RestrictedVisibility);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/crm/settings", async Task<Ok<View>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.GetAsync(ct)))
            .RequirePermission(CrmPermissions.Read).WithName("GetCrmSettings").WithSummary("The tenant's CRM settings");
        tenants.MapPut("/{tenant}/crm/settings", async Task<Ok<View>> (Request request, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.UpdateAsync(request, ct)))
            .RequirePermission(CrmPermissions.Settings).WithName("UpdateCrmSettings")
            .WithSummary("Change the CRM settings: restrictedVisibility makes Employees see only the records assigned to them");
    }
}
