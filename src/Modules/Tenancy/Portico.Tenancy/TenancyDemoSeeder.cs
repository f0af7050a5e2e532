using Portico.Identity.Contracts;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Members;
using Portico.Tenancy.Tenants;

namespace Portico.Tenancy;

/// <summary>
/// One demo tenant per vertical, in English and Russian, each with an Owner, an Admin and an
/// Employee, and a Mechanic where the identity module's seeder has one (the demo workshop). Idempotent: matched by slug and member.
/// </summary>
internal sealed class TenancyDemoSeeder(TenancyDbContext db, IUserDirectory users) : IDemoSeeder
{
    private static readonly Tenant[] Demo =
    [
        new() { Slug = "demo-studio", Name = "Салон «Лаванда»", Vertical = "studio", TimeZone = "Europe/Moscow", Currency = "RUB", Locale = "ru", Country = "RU" },
        new() { Slug = "demo-workshop", Name = "Автосервис «Колесо»", Vertical = "workshop", TimeZone = "Europe/Moscow", Currency = "RUB", Locale = "ru", Country = "RU" },
        new() { Slug = "demo-inbox", Name = "Northwind Support", Vertical = "omnichannel", TimeZone = "Europe/Berlin", Currency = "EUR", Locale = "en", Country = "DE" },
        new() { Slug = "demo-bots", Name = "Bot Studio", Vertical = "bots", TimeZone = "UTC", Currency = "USD", Locale = "en" },
        new() { Slug = "demo-gaming", Name = "Lucky Play", Vertical = "gaming", TimeZone = "Europe/Malta", Currency = "EUR", Locale = "en", Country = "MT" },
    ];

    private static readonly (string Prefix, string Role)[] Staff =
        [("owner", Roles.Owner), ("admin", Roles.Admin), ("staff", Roles.Employee), ("mechanic", Roles.Mechanic)];

    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in Demo)
        {
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == demo.Slug, cancellationToken);
            if (tenant is null)
            {
                tenant = new Tenant
                {
                    Slug = demo.Slug, Name = demo.Name, Vertical = demo.Vertical,
                    TimeZone = demo.TimeZone, Currency = demo.Currency, Locale = demo.Locale, Country = demo.Country,
                };
                db.Tenants.Add(tenant);
            }

            foreach (var (prefix, role) in Staff)
            {
                var person = await users.FindByEmailAsync($"{prefix}@{demo.Slug}.portico.test", cancellationToken);
                if (person is not null && !await db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId == person.Id, cancellationToken))
                {
                    db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = person.Id, Role = role });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
