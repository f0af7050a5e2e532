using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Staff;

internal static class ListStaff
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        /// <summary>A studio has tens of staff, not thousands: one list by name (at most 500), archived ones on request.</summary>
        public async Task<IReadOnlyList<StaffView>> HandleAsync(bool includeArchived, CancellationToken cancellationToken) =>
            (await db.Staff.AsNoTracking().Where(s => includeArchived || s.ArchivedAt == null)
                .OrderBy(s => s.DisplayName).ThenBy(s => s.Id).Take(500).ToListAsync(cancellationToken)).Select(StaffView.From).ToList();
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/staff", async Task<Ok<IReadOnlyList<StaffView>>> (bool? includeArchived, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(includeArchived ?? false, ct)))
        .WithName("ListStaffMembers")
        .WithSummary("The tenant's staff with their weekly hours, by name (archived ones with includeArchived=true)");
}

internal static class GetStaff
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<StaffView> HandleAsync(Guid id, CancellationToken cancellationToken) => StaffView.From(await db.FindStaffAsync(id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/staff/{id:guid}", async Task<Ok<StaffView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetStaffMember")
        .WithSummary("A staff profile with weekly hours and breaks");
}
