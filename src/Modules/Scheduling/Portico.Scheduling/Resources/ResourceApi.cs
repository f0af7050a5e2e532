using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Availability;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling.Resources;

/// <summary>A resource as the API shows it; no weekly hours means it is open whenever staff work.</summary>
internal sealed record ResourceView(
    Guid Id, string Name, string Kind, int Capacity, string TimeZone, DateTimeOffset? ArchivedAt, IReadOnlyList<DayHours> Hours, IReadOnlyList<DayHours> Breaks, long Version)
{
    public static ResourceView From(Resource r) =>
        new(r.Id, r.Name, r.Kind, r.Capacity, r.TimeZone, r.ArchivedAt, WorkPattern.ReadWeek(r.WeeklyHours), WorkPattern.ReadWeek(r.Breaks), r.Version);
}

/// <summary>Adds a resource: a chair, a room, a bay or a machine, holding 1 to 50 bookings at once.</summary>
internal static class CreateResource
{
    internal sealed record Request(string? Name, string? Kind, int? Capacity, string? TimeZone);

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, StaffMembers members, Outbox outbox)
    {
        public async Task<ResourceView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules().Required(request.Name, "name")
                .Length(request.Name?.Trim(), "name", 1, 200)
                .Required(request.Kind, "kind")
                .OneOf(request.Kind, "kind", ResourceKinds.All)
                .Check(request.Capacity is null or >= 1 and <= 50, "capacity", "must be 1 to 50.")
                .TimeZone(request.TimeZone)
                .ThrowIfInvalid();
            var resource = new Resource
            {
                Name = request.Name!.Trim(),
                Kind = request.Kind!,
                Capacity = request.Capacity ?? 1,
                TimeZone = request.TimeZone ?? await members.TenantZoneAsync(cancellationToken),
            };
            db.Resources.Add(resource);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return ResourceView.From(resource);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/scheduling/resources", async Task<Created<ResourceView>> (Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var resource = await handler.HandleAsync(request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/scheduling/resources/{resource.Id}", resource);
        })
        .WithName("CreateResource")
        .WithRequestExample(new { name = "Wash room", kind = "room", capacity = 2, timeZone = "Europe/Moscow" })
        .WithSummary("Add a resource (chair, room, bay, machine) with a capacity of 1 to 50 bookings at once");
}

/// <summary>Changes a resource; fields left out stay as they are.</summary>
internal static class UpdateResource
{
    internal sealed record Request(string? Name, string? Kind, int? Capacity, string? TimeZone);

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox)
    {
        public async Task<ResourceView> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var resource = await db.FindResourceAsync(id, cancellationToken);
            new Rules().Check(request.Name is null || request.Name.Trim().Length is > 0 and <= 200, "name", "must be 1 to 200 characters.")
                .OneOf(request.Kind, "kind", ResourceKinds.All)
                .Check(request.Capacity is null or >= 1 and <= 50, "capacity", "must be 1 to 50.")
                .TimeZone(request.TimeZone)
                .ThrowIfInvalid();
            resource.Name = request.Name?.Trim() ?? resource.Name;
            resource.Kind = request.Kind ?? resource.Kind;
            resource.Capacity = request.Capacity ?? resource.Capacity;
            resource.TimeZone = request.TimeZone ?? resource.TimeZone;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return ResourceView.From(resource);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/scheduling/resources/{id:guid}", async Task<Ok<ResourceView>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("UpdateResource")
        .WithRequestExample(new { capacity = 3 })
        .WithSummary("Change a resource's name, kind, capacity or time zone");
}

/// <summary>Archives a resource (no new bookings) or brings it back.</summary>
internal static class ArchiveResource
{
    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox, TimeProvider clock)
    {
        public async Task<ResourceView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var resource = await db.FindResourceAsync(id, cancellationToken);
            resource.ArchivedAt = archive ? resource.ArchivedAt ?? clock.GetUtcNow() : null;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return ResourceView.From(resource);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/scheduling/resources/{id:guid}/archive", async Task<Ok<ResourceView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, true, ct)))
            .WithName("ArchiveResource")
            .WithSummary("Archive a resource: slot search stops using it");
        tenants.MapPost("/{tenant}/scheduling/resources/{id:guid}/restore", async Task<Ok<ResourceView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, false, ct)))
            .WithName("RestoreResource")
            .WithSummary("Bring an archived resource back");
    }
}

internal static class ListResources
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<IReadOnlyList<ResourceView>> HandleAsync(bool includeArchived, CancellationToken cancellationToken) =>
            (await db.Resources.AsNoTracking().Where(r => includeArchived || r.ArchivedAt == null)
                .OrderBy(r => r.Name).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken)).Select(ResourceView.From).ToList();
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/resources", async Task<Ok<IReadOnlyList<ResourceView>>> (bool? includeArchived, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(includeArchived ?? false, ct)))
        .WithName("ListResources")
        .WithSummary("The tenant's resources by name (archived ones with includeArchived=true)");
}

internal static class GetResource
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<ResourceView> HandleAsync(Guid id, CancellationToken cancellationToken) => ResourceView.From(await db.FindResourceAsync(id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/resources/{id:guid}", async Task<Ok<ResourceView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetResource")
        .WithSummary("A resource with its weekly hours");
}
