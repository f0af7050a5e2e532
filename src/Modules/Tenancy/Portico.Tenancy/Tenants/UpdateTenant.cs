using System.Text.RegularExpressions;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Tenancy.Tenants;

internal static partial class UpdateTenant
{
    /// <summary>A merge patch: absent fields stay as they are.</summary>
    internal sealed record Request(
        string? Name, string? TimeZone, string? Currency, string? Locale, string? Country, string? BrandColor, string? LogoUrl, int? DataRetentionDays,
        string? DpoContact);

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();

    [RequiresPermission(TenancyPermissions.SettingsManage)]
    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<TenantResponse> HandleAsync(Guid tenantId, Request request, long? expectedVersion, CancellationToken cancellationToken)
        {
            new Rules()
                .Length(request.Name?.Trim(), "name", 2, 200)
                .CheckSettings(request.TimeZone, request.Currency, request.Locale)
                .CheckCountry(request.Country)
                .Check(request.BrandColor is null || HexColor().IsMatch(request.BrandColor), "brandColor", "must be a hex colour such as #7B61FF.")
                .Check(request.LogoUrl is null || (Uri.TryCreate(request.LogoUrl, UriKind.Absolute, out var logo) && logo.Scheme == Uri.UriSchemeHttps), "logoUrl", "must be an https URL.")
                .Check(request.DataRetentionDays is null or (>= 1 and <= 36500), "dataRetentionDays", "must be between 1 and 36500.")
                .Length(request.DpoContact, "dpoContact", 3, 200)
                .ThrowIfInvalid();

            var tenant = await db.Tenants.FirstAsync(t => t.Id == tenantId, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, tenant.Version);

            tenant.Name = request.Name?.Trim() ?? tenant.Name;
            tenant.TimeZone = request.TimeZone ?? tenant.TimeZone;
            tenant.Currency = request.Currency ?? tenant.Currency;
            tenant.Locale = request.Locale ?? tenant.Locale;
            tenant.Country = TenantRules.NormalizeCountry(request.Country) ?? tenant.Country;
            tenant.BrandColor = request.BrandColor?.ToUpperInvariant() ?? tenant.BrandColor;
            tenant.LogoUrl = request.LogoUrl ?? tenant.LogoUrl;
            tenant.DataRetentionDays = request.DataRetentionDays ?? tenant.DataRetentionDays;
            tenant.DpoContact = request.DpoContact ?? tenant.DpoContact;
            await db.SaveChangesAsync(cancellationToken);
            return TenantResponse.From(tenant);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}", async Task<Ok<TenantResponse>> (Request request, RequestContext context, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var updated = await handler.HandleAsync(context.RequiredTenantId, request, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(updated.Version);
            return TypedResults.Ok(updated);
        })
        .WithName("UpdateTenant")
        .WithSummary("Update a tenant's settings, branding and GDPR settings (send If-Match with the ETag to avoid lost updates)")
        .WithTags("Tenants");
}
