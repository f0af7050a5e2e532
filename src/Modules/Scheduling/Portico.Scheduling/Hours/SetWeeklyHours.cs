using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Availability;
using Portico.Scheduling.Resources;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling.Hours;

/// <summary>Replaces a staff member's or a resource's whole week: working intervals and breaks, wall-clock times in their zone, night shifts allowed.</summary>
internal static class SetWeeklyHours
{
    internal sealed record Request(DayHours[]? Hours, DayHours[]? Breaks);

    internal sealed record Week(IReadOnlyList<DayHours> Hours, IReadOnlyList<DayHours> Breaks);

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox)
    {
        public async Task<Week> ForStaffAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var staff = await db.FindStaffAsync(id, cancellationToken);
            var (hours, breaks) = Check(request);
            staff.WeeklyHours = hours;
            staff.Breaks = breaks;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return new Week(WorkPattern.ReadWeek(staff.WeeklyHours), WorkPattern.ReadWeek(staff.Breaks));
        }

        public async Task<Week> ForResourceAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var resource = await db.FindResourceAsync(id, cancellationToken);
            var (hours, breaks) = Check(request);
            resource.WeeklyHours = hours;
            resource.Breaks = breaks;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return new Week(WorkPattern.ReadWeek(resource.WeeklyHours), WorkPattern.ReadWeek(resource.Breaks));
        }

        private static (string Hours, string Breaks) Check(Request request)
        {
            var rules = new Rules().Check(request.Hours is not null, "hours", "is required (an empty list: no working hours).");
            WorkPattern.CheckWeek(rules, request.Hours, "hours");
            WorkPattern.CheckWeek(rules, request.Breaks, "breaks");
            rules.ThrowIfInvalid();
            return (WorkPattern.Store(Normal(request.Hours!)), WorkPattern.Store(Normal(request.Breaks ?? [])));
        }

        private static DayHours[] Normal(DayHours[] week) =>
            WorkPattern.Parse(week).OrderBy(w => w.Day).ThenBy(w => w.Start)
                .Select(w => new DayHours(WorkPattern.DayNames[(int)w.Day - 1], WorkPattern.Format(w.Start), WorkPattern.Format(w.End))).ToArray();
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        var example = new
        {
            hours = new[] { new { day = "monday", start = "10:00", end = "19:00" }, new { day = "friday", start = "22:00", end = "04:00" } },
            breaks = new[] { new { day = "monday", start = "14:00", end = "15:00" } },
        };
        tenants.MapPut("/{tenant}/scheduling/staff/{id:guid}/hours", async Task<Ok<Week>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForStaffAsync(id, request, ct)))
            .WithName("SetStaffWeeklyHours")
            .WithRequestExample(example)
            .WithSummary("Replace a staff member's weekly hours and breaks (wall-clock times in their zone; an end at or before the start runs into the next day)");
        tenants.MapPut("/{tenant}/scheduling/resources/{id:guid}/hours", async Task<Ok<Week>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForResourceAsync(id, request, ct)))
            .WithName("SetResourceWeeklyHours")
            .WithRequestExample(example)
            .WithSummary("Replace a resource's weekly hours and breaks (an empty week: open whenever staff work)");
    }
}
