using System.Globalization;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Availability;

namespace Portico.Scheduling.Hours;

/// <summary>A date with other hours than the week says: its intervals, or none (closed).</summary>
internal sealed record DateOverrideView(Guid Id, DateOnly Date, bool Closed, IReadOnlyList<TimeRange> Intervals)
{
    public static DateOverrideView From(DateOverride o)
    {
        var intervals = WorkPattern.ReadRanges(o.Intervals);
        return new DateOverrideView(o.Id, o.Date, intervals.Count == 0, intervals);
    }
}

/// <summary>Date overrides of staff members and resources: list a range, set one date, remove one date.</summary>
internal static class DateOverrides
{
    internal sealed record Request(TimeRange[]? Intervals);

    public static DateOnly ParseDate(string? value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw ValidationException.For(field, "must be a date yyyy-MM-dd.");

    internal static class Listing
    {
        [RequiresPermission(SchedulingPermissions.Read)]
        internal sealed class Handler(SchedulingDbContext db)
        {
            public async Task<IReadOnlyList<DateOverrideView>> HandleAsync(string owner, Guid id, string? from, string? to, CancellationToken cancellationToken)
            {
                await EnsureOwnerAsync(db, owner, id, cancellationToken);
                var first = from is null ? DateOnly.MinValue : ParseDate(from, "from");
                var last = to is null ? DateOnly.MaxValue : ParseDate(to, "to");
                return (await db.DateOverrides.AsNoTracking().Where(o => o.OwnerId == id && o.Date >= first && o.Date <= last)
                    .OrderBy(o => o.Date).Take(500).ToListAsync(cancellationToken)).Select(DateOverrideView.From).ToList();
            }
        }
    }

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox)
    {
        public async Task<DateOverrideView> SetAsync(string owner, Guid id, string date, Request request, CancellationToken cancellationToken)
        {
            await EnsureOwnerAsync(db, owner, id, cancellationToken);
            var day = ParseDate(date, "date");
            var rules = new Rules().Check(request.Intervals is not null, "intervals", "is required (an empty list closes the date).");
            WorkPattern.CheckRanges(rules, request.Intervals, "intervals").ThrowIfInvalid();
            var entry = await db.DateOverrides.FirstOrDefaultAsync(o => o.OwnerId == id && o.Date == day, cancellationToken);
            if (entry is null)
            {
                entry = new DateOverride { OwnerId = id, Date = day };
                db.DateOverrides.Add(entry);
            }

            entry.Intervals = WorkPattern.Store(WorkPattern.Parse(request.Intervals!).OrderBy(r => r.Start)
                .Select(r => new TimeRange(WorkPattern.Format(r.Start), WorkPattern.Format(r.End))).ToArray());
            await outbox.SaveChangesAsync(db, cancellationToken);
            return DateOverrideView.From(entry);
        }

        public async Task RemoveAsync(string owner, Guid id, string date, CancellationToken cancellationToken)
        {
            await EnsureOwnerAsync(db, owner, id, cancellationToken);
            var day = ParseDate(date, "date");
            var entry = await db.DateOverrides.FirstOrDefaultAsync(o => o.OwnerId == id && o.Date == day, cancellationToken)
                ?? throw new NotFoundException("Date override", date);
            db.DateOverrides.Remove(entry);
            await outbox.SaveChangesAsync(db, cancellationToken);
        }
    }

    private static async Task EnsureOwnerAsync(SchedulingDbContext db, string owner, Guid id, CancellationToken cancellationToken)
    {
        if (owner == "staff")
        {
            await db.FindStaffAsync(id, cancellationToken);
        }
        else
        {
            await db.FindResourceAsync(id, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        foreach (var (owner, name) in new[] { ("staff", "Staff"), ("resources", "Resource") })
        {
            var kind = owner == "staff" ? "staff" : "resource";
            tenants.MapGet($"/{{tenant}}/scheduling/{owner}/{{id:guid}}/overrides", async Task<Ok<IReadOnlyList<DateOverrideView>>> (Guid id, string? from, string? to, Listing.Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(kind, id, from, to, ct)))
                .WithName($"List{name}DateOverrides")
                .WithSummary($"The {kind}'s date overrides between from and to (yyyy-MM-dd, both optional)");
            tenants.MapPut($"/{{tenant}}/scheduling/{owner}/{{id:guid}}/overrides/{{date}}", async Task<Ok<DateOverrideView>> (Guid id, string date, Request request, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.SetAsync(kind, id, date, request, ct)))
                .WithName($"Set{name}DateOverride")
                .WithRequestExample(new { intervals = new[] { new { start = "10:00", end = "14:00" } } })
                .WithSummary($"Set the {kind}'s hours on one date (replacing the week's hours and breaks); an empty list closes the date");
            tenants.MapDelete($"/{{tenant}}/scheduling/{owner}/{{id:guid}}/overrides/{{date}}", async Task<NoContent> (Guid id, string date, Handler handler, CancellationToken ct) =>
                {
                    await handler.RemoveAsync(kind, id, date, ct);
                    return TypedResults.NoContent();
                })
                .WithName($"Remove{name}DateOverride")
                .WithSummary($"Remove the {kind}'s override of one date: the week's hours apply again");
        }
    }
}
