using Portico.Kernel.Modules;
using Portico.Tenancy.Tenants;

namespace Portico.Tenancy;

/// <summary>One demo tenant per vertical, in English and Russian. Idempotent: matched by slug.</summary>
internal sealed class TenancyDemoSeeder(TenancyDbContext db) : IDemoSeeder
{
    private static readonly Tenant[] Demo =
    [
        new() { Slug = "demo-studio", Name = "Салон «Лаванда»", Vertical = "studio", TimeZone = "Europe/Moscow", Currency = "RUB", Locale = "ru" },
        new() { Slug = "demo-workshop", Name = "Автосервис «Колесо»", Vertical = "workshop", TimeZone = "Europe/Moscow", Currency = "RUB", Locale = "ru" },
        new() { Slug = "demo-inbox", Name = "Northwind Support", Vertical = "omnichannel", TimeZone = "Europe/Berlin", Currency = "EUR", Locale = "en" },
        new() { Slug = "demo-bots", Name = "Bot Studio", Vertical = "bots", TimeZone = "UTC", Currency = "USD", Locale = "en" },
        new() { Slug = "demo-gaming", Name = "Lucky Play", Vertical = "gaming", TimeZone = "Europe/Malta", Currency = "EUR", Locale = "en" },
    ];

    public int Order => 0;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Tenants.Select(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var tenant in Demo.Where(t => !existing.Contains(t.Slug)))
        {
            db.Tenants.Add(new Tenant
            {
                Slug = tenant.Slug, Name = tenant.Name, Vertical = tenant.Vertical,
                TimeZone = tenant.TimeZone, Currency = tenant.Currency, Locale = tenant.Locale,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
