using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Inventory.Items;

internal static class CreateItem
{
    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(ItemWriter writer)
    {
        public async Task<ItemView> HandleAsync(ItemInput input, CancellationToken cancellationToken) =>
            ItemView.From(await writer.CreateAsync(input, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/inventory/items", async Task<Created<ItemView>> (ItemInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var item = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(item.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/inventory/items/{item.Id}", item);
        })
        .WithName("CreateInventoryItem")
        .WithRequestExample(new
        {
            sku = "OF-123", name = "Масляный фильтр", unit = "pcs", category = "Фильтры", cost = "350.00", price = "590.00", vatRate = 20,
            barcode = "4601234567890", reorderLevel = 5, supplier = "Автодеталь",
        })
        .WithSummary("Add an item: SKU (unique in the tenant), name, unit, category, cost and sale price in the tenant's currency, VAT rate, barcode, reorder level, supplier");
}

internal static class GetItem
{
    [RequiresPermission(InventoryPermissions.Read)]
    internal sealed class Handler(InventoryDbContext db)
    {
        public async Task<ItemView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
            ItemView.From(await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException("Item", id));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/inventory/items/{id:guid}", async Task<Ok<ItemView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var item = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(item.Version);
            return TypedResults.Ok(item);
        })
        .WithName("GetInventoryItem")
        .WithSummary("An item with its stock totals (on hand, reserved, available) and whether it is at or below its reorder level");
}

internal static class UpdateItem
{
    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(InventoryDbContext db, ItemWriter writer)
    {
        public async Task<ItemView> HandleAsync(Guid id, ItemInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var item = await db.FindItemAsync(id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, item.Version);
            await writer.UpdateAsync(item, input, cancellationToken);
            return ItemView.From(item);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/inventory/items/{id:guid}", async Task<Ok<ItemView>> (Guid id, ItemInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var item = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(item.Version);
            return TypedResults.Ok(item);
        })
        .WithName("UpdateInventoryItem")
        .WithRequestExample(new { price = "650.00", reorderLevel = 10 })
        .WithSummary("Change an item (merge patch; an empty string clears category, barcode and supplier; send If-Match to avoid lost updates)");
}

internal static class ArchiveItem
{
    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(InventoryDbContext db, TimeProvider clock)
    {
        public async Task<ItemView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var item = await db.FindItemAsync(id, cancellationToken);
            if (archive != item.ArchivedAt is not null)
            {
                item.ArchivedAt = archive ? clock.GetUtcNow() : null;
                await db.SaveChangesAsync(cancellationToken);
            }

            return ItemView.From(item);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants
            .MapPost("/{tenant}/inventory/items/{id:guid}/archive", async Task<Ok<ItemView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: true, ct)))
            .WithName("ArchiveInventoryItem")
            .WithSummary("Archive an item: kept with its ledger, gone from lists and the reorder list");
        tenants
            .MapPost("/{tenant}/inventory/items/{id:guid}/unarchive", async Task<Ok<ItemView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: false, ct)))
            .WithName("UnarchiveInventoryItem")
            .WithSummary("Bring an archived item back");
    }
}

internal static class ListItems
{
    /// <summary><c>q</c> searches SKU, name, barcode, category and supplier; <c>lowStock</c> true lists items at or below their reorder level.</summary>
    internal sealed record Query(string? Q, string? Category, bool? LowStock, bool? Archived, int? Limit, string? Cursor, string? Sort);

    public static readonly SortFields<Item> Sorts = new SortFields<Item>("name")
        .Add("name", i => i.SortName)
        .Add("sku", i => i.SkuKey)
        .Add("onHand", i => i.OnHandMilli)
        .Add("createdAt", i => i.CreatedAt);

    [RequiresPermission(InventoryPermissions.Read)]
    internal sealed class Handler(InventoryDbContext db)
    {
        public async Task<Page<ItemView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.From(query.Limit, query.Cursor, query.Sort);
            var items = db.Items.AsNoTracking();
            if (query.Q is { } q && q.Trim().ToLowerInvariant() is { Length: > 0 } text)
            {
                if (text.Length > 200)
                {
                    throw new BadRequestException("q must be at most 200 characters.", "invalid-filter");
                }

                items = items.Where(i => i.SearchText.Contains(text));
            }

            if (query.Category is { } category && category.Trim() is { Length: > 0 } name)
            {
                items = items.Where(i => i.Category == name);
            }

            if (query.LowStock == true)
            {
                items = items.Where(i => i.ReorderLevelMilli != null && i.OnHandMilli - i.ReservedMilli <= i.ReorderLevelMilli);
            }

            items = query.Archived == true ? items.Where(i => i.ArchivedAt != null) : items.Where(i => i.ArchivedAt == null);
            return (await items.ToPageAsync(page, Sorts, cancellationToken)).Map(ItemView.From);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/inventory/items", async Task<Ok<Page<ItemView>>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(query, ct)))
        .WithName("ListInventoryItems")
        .WithSummary("Items in keyset pages: q searches SKU, name, barcode, category and supplier (Cyrillic too); filters category, lowStock, archived; sort name, sku, onHand, createdAt (- for descending)");
}
