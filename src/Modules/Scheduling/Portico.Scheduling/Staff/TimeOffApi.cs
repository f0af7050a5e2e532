using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Staff;

internal sealed record TimeOffView(Guid Id, Guid StaffId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Reason)
{
    public static TimeOffView From(TimeOff t) => new(t.Id, t.StaffId, t.StartsAt, t.EndsAt, t.Reason);
}

/// <summary>A staff member's time off: list, add, change, remove. Slot search treats it as busy.</summary>
internal static class TimeOffApi
{
    internal sealed record Request(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason);

    internal static class Listing
    {
        [RequiresPermission(SchedulingPermissions.Read)]
        internal sealed class Handler(SchedulingDbContext db)
        {
            /// <summary>Time off that ends after <paramref name="from"/> (default: everything), by start, at most 500.</summary>
            public async Task<IReadOnlyList<TimeOffView>> HandleAsync(Guid staffId, DateTimeOffset? from, CancellationToken cancellationToken)
            {
                await db.FindStaffAsync(staffId, cancellationToken);
                var after = from ?? DateTimeOffset.MinValue;
                return (await db.TimeOff.AsNoTracking().Where(t => t.StaffId == staffId && t.EndsAt > after).OrderBy(t => t.StartsAt).Take(500).ToListAsync(cancellationToken))
                    .Select(TimeOffView.From).ToList();
            }
        }
    }

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox)
    {
        public async Task<TimeOffView> CreateAsync(Guid staffId, Request request, CancellationToken cancellationToken)
        {
            await db.FindStaffAsync(staffId, cancellationToken);
            Check(request);
            var entry = new TimeOff { StaffId = staffId, StartsAt = request.StartsAt!.Value.ToUniversalTime(), EndsAt = request.EndsAt!.Value.ToUniversalTime(), Reason = Clean(request.Reason) };
            db.TimeOff.Add(entry);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return TimeOffView.From(entry);
        }

        public async Task<TimeOffView> UpdateAsync(Guid staffId, Guid id, Request request, CancellationToken cancellationToken)
        {
            var entry = await FindAsync(staffId, id, cancellationToken);
            Check(request);
            entry.StartsAt = request.StartsAt!.Value.ToUniversalTime();
            entry.EndsAt = request.EndsAt!.Value.ToUniversalTime();
            entry.Reason = Clean(request.Reason);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return TimeOffView.From(entry);
        }

        public async Task DeleteAsync(Guid staffId, Guid id, CancellationToken cancellationToken)
        {
            db.TimeOff.Remove(await FindAsync(staffId, id, cancellationToken));
            await outbox.SaveChangesAsync(db, cancellationToken);
        }

        private async Task<TimeOff> FindAsync(Guid staffId, Guid id, CancellationToken cancellationToken)
        {
            await db.FindStaffAsync(staffId, cancellationToken);
            return await db.TimeOff.FirstOrDefaultAsync(t => t.Id == id && t.StaffId == staffId, cancellationToken) ?? throw new NotFoundException("Time off", id);
        }

        private static void Check(Request request) => new Rules()
            .Check(request.StartsAt is not null, "startsAt", "is required.")
            .Check(request.EndsAt is not null, "endsAt", "is required.")
            .Check(request.StartsAt is null || request.EndsAt is null || request.EndsAt > request.StartsAt, "endsAt", "must be after startsAt.")
            .Check(request.StartsAt is null || request.EndsAt is null || request.EndsAt - request.StartsAt <= TimeSpan.FromDays(366), "endsAt", "must be at most a year after startsAt.")
            .Length(request.Reason, "reason", 0, 500)
            .ThrowIfInvalid();

        private static string? Clean(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/scheduling/staff/{id:guid}/time-off", async Task<Ok<IReadOnlyList<TimeOffView>>> (Guid id, DateTimeOffset? from, Listing.Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, from, ct)))
            .WithName("ListStaffTimeOff")
            .WithSummary("A staff member's time off ending after from (default: all), by start");
        tenants.MapPost("/{tenant}/scheduling/staff/{id:guid}/time-off", async Task<Created<TimeOffView>> (Guid id, Request request, Handler handler, RequestContext context, CancellationToken ct) =>
            {
                var entry = await handler.CreateAsync(id, request, ct);
                return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/scheduling/staff/{id}/time-off/{entry.Id}", entry);
            })
            .WithName("CreateStaffTimeOff")
            .WithRequestExample(new { startsAt = "2026-12-21T00:00:00+03:00", endsAt = "2026-12-28T00:00:00+03:00", reason = "Vacation" })
            .WithSummary("Add time off for a staff member (instants, half open)");
        tenants.MapPut("/{tenant}/scheduling/staff/{id:guid}/time-off/{timeOffId:guid}", async Task<Ok<TimeOffView>> (Guid id, Guid timeOffId, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.UpdateAsync(id, timeOffId, request, ct)))
            .WithName("UpdateStaffTimeOff")
            .WithRequestExample(new { startsAt = "2026-12-21T00:00:00+03:00", endsAt = "2026-12-30T00:00:00+03:00", reason = "Vacation" })
            .WithSummary("Change a time off entry");
        tenants.MapDelete("/{tenant}/scheduling/staff/{id:guid}/time-off/{timeOffId:guid}", async Task<NoContent> (Guid id, Guid timeOffId, Handler handler, CancellationToken ct) =>
            {
                await handler.DeleteAsync(id, timeOffId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteStaffTimeOff")
            .WithSummary("Remove a time off entry");
    }
}
