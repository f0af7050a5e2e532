using Portico.Crm.Contracts;
using Portico.Inventory.Stock;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Inventory.Items;

/// <summary>
/// The writable fields of an item. On create, sku and name are required (unit defaults to pcs); on update it is a merge
/// patch (a missing field keeps its value; an empty string clears category, barcode and supplier; <c>cost</c>,
/// <c>price</c> and <c>reorderLevel</c> are cleared by <c>clear: ["cost"]</c>-style nulls only through the console).
/// Prices are decimal strings in the tenant's currency; quantities decimals with at most 3 places.
/// </summary>
internal sealed record ItemInput(
    string? Sku, string? Name, string? Unit, string? Category, string? Cost, string? Price, int? VatRate, string? Barcode,
    decimal? ReorderLevel, string? Supplier);

/// <summary>An item as the API shows it, with its stock totals.</summary>
internal sealed record ItemView(
    Guid Id, string Sku, string Name, string Unit, string? Category, MoneyAmount? Cost, MoneyAmount? Price, int? VatRate, string? Barcode,
    decimal? ReorderLevel, string? Supplier, decimal OnHand, decimal Reserved, decimal Available, bool LowStock, bool Archived,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ItemView From(Item i) => new(
        i.Id, i.Sku, i.Name, i.Unit, i.Category, MinorUnits.View(i.CostMinor, i.Currency), MinorUnits.View(i.PriceMinor, i.Currency), i.VatRate, i.Barcode,
        Quantities.View(i.ReorderLevelMilli), i.Supplier, Quantities.View(i.OnHandMilli), Quantities.View(i.ReservedMilli),
        Quantities.View(i.OnHandMilli - i.ReservedMilli), i.ReorderLevelMilli is { } level && i.OnHandMilli - i.ReservedMilli <= level,
        i.ArchivedAt is not null, i.CreatedAt, i.UpdatedAt, i.Version);
}

/// <summary>The rules of an item's fields, shared by create, update and import (the API and the console).</summary>
internal sealed class ItemWriter(InventoryDbContext db, RequestContext request, ITenantProfiles tenants, StockLedger ledger)
{
    public const string DuplicateSku = "duplicate-sku";

    public async Task<string> CurrencyAsync(CancellationToken cancellationToken) =>
        (await tenants.FindAsync(request.RequiredTenantId, cancellationToken))?.Currency ?? "EUR";

    public async Task<Item> CreateAsync(ItemInput input, CancellationToken cancellationToken)
    {
        var item = new Item { Currency = await CurrencyAsync(cancellationToken) };
        var rules = new Rules().Required(input.Sku, "sku").Required(input.Name, "name");
        await ApplyAsync(item, input, rules, cancellationToken);
        db.Items.Add(item);
        await SaveAsync(item, levelChanged: false, cancellationToken);
        return item;
    }

    public async Task UpdateAsync(Item item, ItemInput input, CancellationToken cancellationToken)
    {
        var level = item.ReorderLevelMilli;
        await ApplyAsync(item, input, new Rules(), cancellationToken);
        await SaveAsync(item, level != item.ReorderLevelMilli, cancellationToken);
    }

    /// <summary>Checks and applies the input; throws 422 with every field error.</summary>
    public async Task ApplyAsync(Item item, ItemInput input, Rules rules, CancellationToken cancellationToken)
    {
        var sku = input.Sku?.Trim();
        if (sku is not null)
        {
            rules.Length(sku, "sku", 1, InventoryLimits.Sku)
                .Check(!sku.Any(char.IsControl), "sku", "must not contain control characters.");
            var key = sku.ToUpperInvariant();
            if (rules.IsValid && key != item.SkuKey && await db.Items.AnyAsync(i => i.SkuKey == key && i.Id != item.Id, cancellationToken))
            {
                throw new ConflictException($"An item with SKU '{sku}' already exists.", DuplicateSku);
            }
        }

        if (input.Name is not null)
        {
            rules.Length(input.Name.Trim(), "name", 1, InventoryLimits.Name);
        }

        var unit = input.Unit?.Trim().ToLowerInvariant();
        if (unit is not null)
        {
            rules.OneOf(unit, "unit", Units.All);
        }

        rules.Check(input.Category is null || input.Category.Trim().Length <= InventoryLimits.Category, "category", $"must be at most {InventoryLimits.Category} characters.")
            .Check(input.Barcode is null || input.Barcode.Trim().Length <= InventoryLimits.Barcode, "barcode", $"must be at most {InventoryLimits.Barcode} characters.")
            .Check(input.Supplier is null || input.Supplier.Trim().Length <= InventoryLimits.Supplier, "supplier", $"must be at most {InventoryLimits.Supplier} characters.")
            .Check(input.VatRate is null or (>= 0 and <= 100), "vatRate", "must be a percentage from 0 to 100.");
        var cost = MinorUnits.Parse(input.Cost, item.Currency, rules, "cost");
        var price = MinorUnits.Parse(input.Price, item.Currency, rules, "price");
        var level = Quantities.Check(input.ReorderLevel, rules, "reorderLevel", allowZero: true);
        rules.ThrowIfInvalid();

        if (sku is not null)
        {
            (item.Sku, item.SkuKey) = (sku, sku.ToUpperInvariant());
        }

        item.Name = input.Name?.Trim() ?? item.Name;
        item.Unit = unit ?? item.Unit;
        item.Category = input.Category is null ? item.Category : Clean(input.Category);
        item.Barcode = input.Barcode is null ? item.Barcode : Clean(input.Barcode);
        item.Supplier = input.Supplier is null ? item.Supplier : Clean(input.Supplier);
        item.CostMinor = input.Cost is null ? item.CostMinor : cost;
        item.PriceMinor = input.Price is null ? item.PriceMinor : price;
        item.VatRate = input.VatRate ?? item.VatRate;
        item.ReorderLevelMilli = input.ReorderLevel is null ? item.ReorderLevelMilli : level;
        item.SortName = item.Name.ToLowerInvariant();
        var search = string.Join(' ', new[] { item.Sku, item.Name, item.Barcode, item.Category, item.Supplier }.Where(t => !string.IsNullOrWhiteSpace(t))).ToLowerInvariant();
        item.SearchText = search.Length > 1000 ? search[..1000] : search;
    }

    private async Task SaveAsync(Item item, bool levelChanged, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Portico.Data.DatabaseErrors.IsUniqueViolation(e))
        {
            db.Entry(item).State = EntityState.Detached;
            throw new ConflictException($"An item with SKU '{item.Sku}' already exists.", DuplicateSku);
        }

        if (levelChanged)
        {
            await ledger.CheckLowStockAsync(item.Id, cancellationToken);
            await db.Entry(item).ReloadAsync(cancellationToken);
        }
    }

    private static string? Clean(string value) => value.Trim() is { Length: > 0 } text ? text : null;
}
