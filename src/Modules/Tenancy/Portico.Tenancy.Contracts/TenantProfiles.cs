namespace Portico.Tenancy.Contracts;

/// <summary>A tenant as other modules see it; read through <see cref="ITenantProfiles"/>.</summary>
/// <param name="Id">The tenant's id.</param>
/// <param name="Slug">The tenant's slug, as in its routes.</param>
/// <param name="Name">The tenant's display name.</param>
/// <param name="Vertical"><c>studio</c>, <c>workshop</c>, <c>omnichannel</c>, <c>bots</c>, <c>gaming</c> or <c>generic</c>.</param>
/// <param name="Locale">The language of the tenant's texts: <c>en</c> or <c>ru</c>.</param>
/// <param name="Currency">ISO 4217 code such as <c>EUR</c> or <c>RUB</c>.</param>
/// <param name="TimeZone">IANA time zone id such as <c>Europe/Moscow</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code, uppercase (<c>RU</c>, <c>DE</c>); <c>null</c> when unknown.</param>
/// <param name="Suspended">Suspended by the platform: its events reach none of its webhooks or notifications.</param>
/// <param name="BrandColor">The tenant's brand colour (<c>#RRGGBB</c>), for its console theme and pages; <c>null</c> for the default.</param>
public sealed record TenantProfile(Guid Id, string Slug, string Name, string Vertical, string Locale, string Currency, string TimeZone, string? Country, bool Suspended = false, string? BrandColor = null);

/// <summary>
/// What other modules need to know about a tenant: its vertical for defaults, locale for texts,
/// currency for money, country for phone numbers. Works outside a request too (background work, event handlers).
/// </summary>
public interface ITenantProfiles
{
    /// <summary>The tenant's profile; <c>null</c> for an unknown or deleted tenant (a suspended one is still found).</summary>
    Task<TenantProfile?> FindAsync(Guid tenantId, CancellationToken cancellationToken);
}
