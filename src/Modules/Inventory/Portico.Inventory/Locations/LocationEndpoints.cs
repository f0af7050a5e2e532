using Portico.Kernel.Tenancy;

namespace Portico.Inventory.Locations;

/// <summary>A location's fields: <c>name</c> (required on create); <c>archived</c> on update.</summary>
internal sealed record LocationInput(string? Name, bool? Archived);

internal sealed record LocationView(Guid Id, string Name, bool Archived, DateTimeOffset CreatedAt)
{
    public static LocationView From(Location l) => new(l.Id, l.Name, l.ArchivedAt is not null, l.CreatedAt);
}

internal static class CreateLocation
{
    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(InventoryDbContext db)
    {
        public async Task<LocationView> HandleAsync(LocationInput input, CancellationToken cancellationToken)
        {
            var name = input.Name?.Trim();
            new Rules().Required(name, "name").Length(name, "name", 1, Items.InventoryLimits.LocationName).ThrowIfInvalid();
            var location = new Location { Name = name! };
            db.Locations.Add(location);
            await db.SaveChangesAsync(cancellationToken);
            return LocationView.From(location);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/inventory/locations", async Task<Created<LocationView>> (LocationInput input, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var location = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/inventory/locations/{location.Id}", location);
        })
        .WithName("CreateInventoryLocation")
        .WithRequestExample(new { name = "Склад / Стеллаж 3" })
        .WithSummary("Add a location: a warehouse or a shelf");
}

internal static class UpdateLocation
{
    [RequiresPermission(InventoryPermissions.Write)]
    internal sealed class Handler(InventoryDbContext db, TimeProvider clock)
    {
        public async Task<LocationView> HandleAsync(Guid id, LocationInput input, CancellationToken cancellationToken)
        {
            var location = await db.FindLocationAsync(id, cancellationToken);
            var name = input.Name?.Trim();
            if (name is not null)
            {
                new Rules().Length(name, "name", 1, Items.InventoryLimits.LocationName).ThrowIfInvalid();
                location.Name = name;
            }

            if (input.Archived is { } archived && archived != location.ArchivedAt is not null)
            {
                location.ArchivedAt = archived ? clock.GetUtcNow() : null;
            }

            await db.SaveChangesAsync(cancellationToken);
            return LocationView.From(location);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/inventory/locations/{id:guid}", async Task<Ok<LocationView>> (Guid id, LocationInput input, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
        .WithName("UpdateInventoryLocation")
        .WithRequestExample(new { name = "Склад 2" })
        .WithSummary("Rename or archive a location (its stock stays where it is)");
}

internal static class ListLocations
{
    [RequiresPermission(InventoryPermissions.Read)]
    internal sealed class Handler(InventoryDbContext db)
    {
        public async Task<IReadOnlyList<LocationView>> HandleAsync(CancellationToken cancellationToken) =>
            [.. (await db.Locations.AsNoTracking().OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Take(500).ToListAsync(cancellationToken)).Select(LocationView.From)];
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/inventory/locations", async Task<Ok<IReadOnlyList<LocationView>>> (Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(ct)))
        .WithName("ListInventoryLocations")
        .WithSummary("The tenant's locations, oldest first (the first is where stock goes when no location is named)");
}
