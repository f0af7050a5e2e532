using Microsoft.Extensions.DependencyInjection;
using Portico.Catalog.Categories;
using Portico.Catalog.Services;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Catalog.Demo;

/// <summary>
/// The demo workshop (<c>demo-workshop</c>, «Колесо», RUB) gets its menu of repair services in Russian with English
/// translations: diagnostics, maintenance, brakes, engine and transmission work, each in a repair bay. The WorkOrders
/// demo turns them into repair services with labour prices and stage templates. A tenant that already has a catalog is
/// left alone.
/// </summary>
internal sealed class WorkshopCatalogDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants) : IDemoSeeder
{
    private const string Slug = "demo-workshop";

    private static readonly (string Key, string Ru, string En)[] Categories =
    [
        ("service", "Техобслуживание", "Maintenance"),
        ("repair", "Ремонт", "Repairs"),
    ];

    private static readonly (string Category, string Ru, string En, string Kind, long Rubles, int Minutes, string Description)[] Services =
    [
        ("service", "Компьютерная диагностика", "Computer diagnostics", PriceKinds.Fixed, 1500, 30, "Считываем ошибки блоков управления и проверяем датчики."),
        ("service", "Замена масла и фильтров", "Oil and filter change", PriceKinds.Fixed, 1200, 45, "Моторное масло, масляный и воздушный фильтры."),
        ("service", "Замена свечей зажигания", "Spark plug replacement", PriceKinds.Fixed, 1000, 40, "Четыре свечи, проверка катушек."),
        ("service", "Замена антифриза", "Coolant replacement", PriceKinds.Fixed, 1800, 60, "Слив, промывка и заправка системы охлаждения."),
        ("repair", "Замена тормозных колодок", "Brake pad replacement", PriceKinds.From, 3600, 90, "Передние колодки, проверка дисков и тормозной жидкости."),
        ("repair", "Замена сцепления", "Clutch replacement", PriceKinds.From, 12000, 300, "Снятие КПП, замена комплекта сцепления, регулировка."),
    ];

    public int Order => 35;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not { } tenant)
        {
            return;
        }

        await scopes.RunAsync(tenant.Id, tenant.Slug, "system:seed", async services =>
        {
            var db = services.GetRequiredService<CatalogDbContext>();
            if (await db.Categories.AnyAsync(cancellationToken) || await db.Services.AnyAsync(cancellationToken))
            {
                return;
            }

            var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
            foreach (var ((key, ru, en), i) in Categories.Select((c, i) => (c, i)))
            {
                var category = new Category { NameRu = ru, NameEn = en, Position = i };
                ids[key] = category.Id;
                db.Categories.Add(category);
            }

            foreach (var (demo, i) in Services.Select((s, i) => (s, i)))
            {
                db.Services.Add(new Service
                {
                    CategoryId = ids[demo.Category], NameRu = demo.Ru, NameEn = demo.En, DescriptionRu = demo.Description,
                    SortName = demo.Ru.ToLowerInvariant(), SearchText = $"{demo.En} {demo.Ru}".ToLowerInvariant(),
                    PriceKind = demo.Kind, PriceMinor = demo.Rubles * 100, Currency = "RUB", DurationMinutes = demo.Minutes,
                    ResourceKind = "bay", Tags = """["workshop"]""",
                    Position = Services.Take(i).Count(s => s.Category == demo.Category),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        });
    }
}
