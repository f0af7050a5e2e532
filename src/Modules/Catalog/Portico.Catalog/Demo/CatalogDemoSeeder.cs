using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Catalog.Categories;
using Portico.Catalog.Services;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Catalog.Demo;

/// <summary>
/// The demo studio (<c>demo-studio</c>, salon «Лаванда», RUB) gets a realistic menu: haircuts, colouring, nails and
/// tattoo work (with a subcategory), a dozen services with Russian names and English translations, buffers, "from" and
/// range prices and deposits on tattoo work. Runs after the CRM and before Scheduling (which assigns staff). A tenant
/// that already has a catalog is left alone.
/// </summary>
internal sealed class CatalogDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants) : IDemoSeeder
{
    private const string Slug = "demo-studio";

    private sealed record Demo(
        string Category, string Ru, string En, string Kind, long Rubles, long? MaxRubles, int Minutes, int Before, int After,
        long? DepositRubles = null, int? DepositPercent = null, bool Bookable = true, string? Resource = "chair", string[]? Tags = null,
        string? DescriptionRu = null, string? DescriptionEn = null);

    private static readonly (string Key, string Ru, string En, string? Parent)[] Categories =
    [
        ("hair", "Стрижки", "Haircuts", null),
        ("colour", "Окрашивание", "Colouring", null),
        ("nails", "Маникюр", "Nails", null),
        ("tattoo", "Тату", "Tattoo", null),
        ("mini", "Мини-тату", "Mini tattoos", "tattoo"),
    ];

    private static readonly Demo[] Services =
    [
        new("hair", "Женская стрижка", "Women's haircut", PriceKinds.Fixed, 2500, null, 60, 0, 10, Tags: ["hair"],
            DescriptionRu: "Мытьё головы, стрижка и укладка феном.", DescriptionEn: "Wash, cut and blow-dry."),
        new("hair", "Мужская стрижка", "Men's haircut", PriceKinds.Fixed, 1500, null, 45, 0, 10, Tags: ["hair", "men"]),
        new("hair", "Детская стрижка", "Kids' haircut", PriceKinds.Fixed, 1000, null, 30, 0, 10, Tags: ["hair", "kids"]),
        new("colour", "Окрашивание в один тон", "Single-tone colouring", PriceKinds.From, 4500, null, 120, 10, 15, Tags: ["hair", "colour"],
            DescriptionRu: "Цена зависит от длины и густоты волос.", DescriptionEn: "The price depends on the length and thickness of the hair."),
        new("colour", "Балаяж", "Balayage", PriceKinds.Range, 8000, 15000, 180, 10, 15, DepositRubles: 1000, Tags: ["hair", "colour"]),
        new("colour", "Тонирование", "Toning", PriceKinds.Fixed, 3000, null, 60, 0, 10, Tags: ["hair", "colour"]),
        new("nails", "Маникюр с покрытием гель-лак", "Manicure with gel polish", PriceKinds.Fixed, 2200, null, 90, 0, 10, Tags: ["nails"]),
        new("nails", "Педикюр", "Pedicure", PriceKinds.Fixed, 2800, null, 90, 0, 10, Tags: ["nails"]),
        new("nails", "Снятие покрытия", "Gel polish removal", PriceKinds.Fixed, 500, null, 20, 0, 5, Tags: ["nails"]),
        new("tattoo", "Консультация тату-мастера", "Tattoo consultation", PriceKinds.Fixed, 0, null, 30, 0, 0, Resource: "room", Tags: ["tattoo"],
            DescriptionRu: "Обсуждаем эскиз, размер и место. Бесплатно.", DescriptionEn: "We discuss the design, size and placement. Free of charge."),
        new("mini", "Мини-тату", "Mini tattoo", PriceKinds.From, 5000, null, 60, 15, 15, DepositPercent: 30, Resource: "room", Tags: ["tattoo"],
            DescriptionRu: "Небольшая работа до 5 см. Предоплата 30 %.", DescriptionEn: "A small piece up to 5 cm. 30% deposit."),
        new("tattoo", "Тату-сеанс (большая работа)", "Tattoo session (large piece)", PriceKinds.Range, 15000, 40000, 240, 15, 30, DepositRubles: 5000,
            Bookable: false, Resource: "room", Tags: ["tattoo"],
            DescriptionRu: "Запись после консультации. Предоплата 5 000 ₽.", DescriptionEn: "Booked after a consultation. 5,000 RUB deposit."),
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
            foreach (var (key, ru, en, parent) in Categories)
            {
                var category = new Category
                {
                    NameRu = ru, NameEn = en, ParentId = parent is null ? null : ids[parent],
                    Position = Categories.Where(c => c.Parent == parent).TakeWhile(c => c.Key != key).Count(),
                };
                ids[key] = category.Id;
                db.Categories.Add(category);
            }

            foreach (var (demo, i) in Services.Select((s, i) => (s, i)))
            {
                db.Services.Add(new Service
                {
                    CategoryId = ids[demo.Category], NameRu = demo.Ru, NameEn = demo.En, DescriptionRu = demo.DescriptionRu, DescriptionEn = demo.DescriptionEn,
                    SortName = demo.Ru.ToLowerInvariant(), SearchText = $"{demo.En} {demo.Ru} {string.Join(' ', demo.Tags ?? [])}".ToLowerInvariant(),
                    PriceKind = demo.Kind, PriceMinor = demo.Rubles * 100, PriceMaxMinor = demo.MaxRubles * 100, Currency = "RUB",
                    DurationMinutes = demo.Minutes, BufferBeforeMinutes = demo.Before, BufferAfterMinutes = demo.After,
                    DepositMinor = demo.DepositRubles * 100, DepositPercent = demo.DepositPercent, OnlineBookable = demo.Bookable,
                    ResourceKind = demo.Resource, Tags = JsonSerializer.Serialize(demo.Tags ?? []),
                    Position = Services.Take(i).Count(s => s.Category == demo.Category),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        });
    }
}
