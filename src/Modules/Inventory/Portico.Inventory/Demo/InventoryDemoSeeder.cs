using Microsoft.Extensions.DependencyInjection;
using Portico.Inventory.Items;
using Portico.Inventory.Locations;
using Portico.Inventory.Stock;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Inventory.Demo;

/// <summary>
/// The demo workshop (<c>demo-workshop</c>, «Колесо», RUB) gets two locations and a dozen parts and fluids with
/// Russian names, prices, VAT and reorder levels, received into stock; a few are at their reorder level so the reorder
/// list has lines. A tenant that already has items is left alone.
/// </summary>
internal sealed class InventoryDemoSeeder(IServiceScopeFactory scopes, ITenantDirectory tenants) : IDemoSeeder
{
    private const string Slug = "demo-workshop";

    private static readonly (string Sku, string Name, string Unit, string Category, string Cost, string Price, decimal Reorder, string Supplier, decimal Stock, bool Shelf)[] Items =
    [
        ("OF-W914", "Масляный фильтр MANN W 914/2", "pcs", "Фильтры", "420.00", "690.00", 5, "Автодеталь", 18, false),
        ("AF-C2201", "Воздушный фильтр MANN C 22 017", "pcs", "Фильтры", "610.00", "990.00", 4, "Автодеталь", 3, false),
        ("CF-CU2939", "Салонный фильтр MANN CU 2939", "pcs", "Фильтры", "540.00", "890.00", 4, "Автодеталь", 9, false),
        ("OIL-5W30", "Моторное масло Shell Helix 5W-30", "l", "Масла и жидкости", "520.00", "850.00", 20, "Шелл Нефть", 64, false),
        ("BF-DOT4", "Тормозная жидкость DOT-4", "l", "Масла и жидкости", "310.00", "520.00", 5, "Автодеталь", 4.5m, false),
        ("AFZ-G12", "Антифриз G12 красный", "l", "Масла и жидкости", "260.00", "450.00", 10, "Автодеталь", 30, false),
        ("BP-F0986", "Колодки тормозные передние Bosch", "set", "Тормозная система", "2300.00", "3600.00", 3, "Бош Сервис", 7, true),
        ("BD-0986", "Диск тормозной Bosch", "pcs", "Тормозная система", "2900.00", "4500.00", 2, "Бош Сервис", 2, true),
        ("SP-NGK", "Свеча зажигания NGK BKR6E", "pcs", "Зажигание", "280.00", "450.00", 8, "Автодеталь", 24, true),
        ("WB-600", "Щётка стеклоочистителя 600 мм", "pcs", "Кузов и стёкла", "450.00", "790.00", 4, "Автодеталь", 10, true),
        ("BAT-60", "Аккумулятор 60 А·ч", "pcs", "Электрика", "5600.00", "7900.00", 1, "Аккумуляторы РФ", 3, true),
        ("CL-KIT", "Комплект сцепления LuK", "set", "Трансмиссия", "9800.00", "14500.00", 1, "Бош Сервис", 1, true),
    ];

    public int Order => 45;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not { } tenant)
        {
            return;
        }

        await scopes.RunAsync(tenant.Id, tenant.Slug, "system:seed", async services =>
        {
            var db = services.GetRequiredService<InventoryDbContext>();
            if (await db.Items.AnyAsync(cancellationToken))
            {
                return;
            }

            var main = new Location { Name = "Основной склад" };
            var shelf = new Location { Name = "Стеллаж А (запчасти)" };
            db.Locations.Add(main);
            await db.SaveChangesAsync(cancellationToken);
            db.Locations.Add(shelf);
            await db.SaveChangesAsync(cancellationToken);

            var writer = services.GetRequiredService<ItemWriter>();
            var ledger = services.GetRequiredService<StockLedger>();
            foreach (var demo in Items)
            {
                var item = await writer.CreateAsync(
                    new ItemInput(demo.Sku, demo.Name, demo.Unit, demo.Category, demo.Cost, demo.Price, 20, null, demo.Reorder, demo.Supplier), cancellationToken);
                await ledger.MoveAsync(item, demo.Shelf ? shelf.Id : main.Id, MovementKinds.Receipt, Quantities.ToMilli(demo.Stock), null, null, cancellationToken);
            }
        });
    }
}
