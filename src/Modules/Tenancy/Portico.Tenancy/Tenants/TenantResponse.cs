namespace Portico.Tenancy.Tenants;

internal sealed record TenantResponse(
    Guid Id,
    string Slug,
    string Name,
    string Vertical,
    string TimeZone,
    string Currency,
    string Locale,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public static TenantResponse From(Tenant t) =>
        new(t.Id, t.Slug, t.Name, t.Vertical, t.TimeZone, t.Currency, t.Locale, t.CreatedAt, t.UpdatedAt, t.Version);
}
