namespace Portico.Tenancy.Tenants;

internal sealed record TenantResponse(
    Guid Id,
    string Slug,
    string Name,
    string Vertical,
    string TimeZone,
    string Currency,
    string Locale,
    string? Country,
    string? BrandColor,
    string? LogoUrl,
    int? DataRetentionDays,
    string? DpoContact,
    bool Suspended,
    Guid? ManagerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static TenantResponse From(Tenant t) => new(
        t.Id, t.Slug, t.Name, t.Vertical, t.TimeZone, t.Currency, t.Locale, t.Country, t.BrandColor, t.LogoUrl, t.DataRetentionDays, t.DpoContact,
        t.SuspendedAt is not null, t.ManagerId, t.CreatedAt, t.UpdatedAt, t.Version);
}
