using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Crm.Forms;

/// <summary>
/// The way in for anonymous visitors: a public route names only a form key, so the form's tenant is looked up
/// across tenants (in a scope of its own, in platform scope, reading nothing but the tenant id) and then becomes
/// this request's tenant. Every later query (this module's filters, row-level security on PostgreSQL, which is
/// set when a connection opens) sees that tenant only, as on a tenant route.
/// </summary>
internal sealed class PublicForms(IServiceScopeFactory scopes, RequestContext request, ITenantProfiles profiles, ITenantDirectory tenants, CrmDbContext db)
{
    public const string Actor = "system:web-form";

    /// <summary>The enabled form with this key, its tenant now the request's tenant; 404 for an unknown or disabled form or a tenant that is suspended or gone.</summary>
    public async Task<WebForm> EnterAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsKeyShaped(key))
        {
            throw NotFound(key);
        }

        Guid tenantId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var lookup = scope.ServiceProvider.GetRequiredService<RequestContext>();
            lookup.SetActor(Actor);
            lookup.EnterPlatformScope();
            tenantId = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Forms.IgnoreQueryFilters().AsNoTracking()
                .Where(f => f.Key == key)
                .Select(f => f.TenantId)
                .FirstOrDefaultAsync(cancellationToken);
        }

        var profile = tenantId == Guid.Empty ? null : await profiles.FindAsync(tenantId, cancellationToken);
        if (profile is null || await tenants.FindBySlugAsync(profile.Slug, cancellationToken) is null)
        {
            throw NotFound(key);
        }

        request.SetTenant(profile.Id, profile.Slug);
        request.SetActor(Actor);
        return await db.Forms.FirstOrDefaultAsync(f => f.Key == key && f.Enabled, cancellationToken) ?? throw NotFound(key);
    }

    /// <summary>Keys are URL-safe base64; anything else is not looked up at all.</summary>
    public static bool IsKeyShaped(string? key) =>
        key is { Length: >= 16 and <= 40 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static NotFoundException NotFound(string key) => new("Form", key);
}
