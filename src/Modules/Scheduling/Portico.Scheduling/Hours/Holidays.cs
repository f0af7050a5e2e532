using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Hours;

internal sealed record HolidayView(Guid Id, DateOnly Date, string Name)
{
    public static HolidayView From(Holiday h) => new(h.Id, h.Date, h.Name);
}

/// <summary>The tenant's holidays: dates the whole studio is closed, midnight to midnight in the tenant's time zone.</summary>
internal static class Holidays
{
    internal sealed record Request(string? Date, string? Name);

    internal static class Listing
    {
        [RequiresPermission(SchedulingPermissions.Read)]
        internal sealed class Handler(SchedulingDbContext db)
        {
            public async Task<IReadOnlyList<HolidayView>> HandleAsync(int? year, CancellationToken cancellationToken)
            {
                var first = year is { } y and >= 1 and <= 9998 ? new DateOnly(y, 1, 1) : DateOnly.MinValue;
                var last = year is { } z and >= 1 and <= 9998 ? new DateOnly(z, 12, 31) : DateOnly.MaxValue;
                return (await db.Holidays.AsNoTracking().Where(h => h.Date >= first && h.Date <= last).OrderBy(h => h.Date).Take(1000).ToListAsync(cancellationToken))
                    .Select(HolidayView.From).ToList();
            }
        }
    }

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox)
    {
        public async Task<HolidayView> CreateAsync(Request request, CancellationToken cancellationToken)
        {
            var (date, name) = Check(request);
            var holiday = new Holiday { Date = date, Name = name };
            db.Holidays.Add(holiday);
            await SaveAsync(date, cancellationToken);
            return HolidayView.From(holiday);
        }

        public async Task<HolidayView> UpdateAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var holiday = await db.Holidays.FirstOrDefaultAsync(h => h.Id == id, cancellationToken) ?? throw new NotFoundException("Holiday", id);
            var (date, name) = Check(request);
            holiday.Date = date;
            holiday.Name = name;
            await SaveAsync(date, cancellationToken);
            return HolidayView.From(holiday);
        }

        public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
        {
            var holiday = await db.Holidays.FirstOrDefaultAsync(h => h.Id == id, cancellationToken) ?? throw new NotFoundException("Holiday", id);
            db.Holidays.Remove(holiday);
            await outbox.SaveChangesAsync(db, cancellationToken);
        }

        private static (DateOnly Date, string Name) Check(Request request)
        {
            new Rules().Required(request.Date, "date").Required(request.Name, "name").Length(request.Name?.Trim(), "name", 1, 200).ThrowIfInvalid();
            return (DateOverrides.ParseDate(request.Date, "date"), request.Name!.Trim());
        }

        private Task SaveAsync(DateOnly date, CancellationToken cancellationToken) => Portico.Data.UniqueRules.SaveAsync(db,
            () => outbox.SaveChangesAsync(db, cancellationToken),
            async () => await db.Holidays.AsNoTracking().Where(h => h.Date == date).Select(h => (Guid?)h.Id).FirstOrDefaultAsync(CancellationToken.None) is { } existing
                ? new ConflictException($"{date:yyyy-MM-dd} is a holiday already.", "holiday-exists") { ExistingId = existing }
                : null);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/scheduling/holidays", async Task<Ok<IReadOnlyList<HolidayView>>> (int? year, Listing.Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(year, ct)))
            .WithName("ListHolidays")
            .WithSummary("The tenant's holidays by date (one year with ?year=2026)");
        tenants.MapPost("/{tenant}/scheduling/holidays", async Task<Created<HolidayView>> (Request request, Handler handler, RequestContext context, CancellationToken ct) =>
            {
                var holiday = await handler.CreateAsync(request, ct);
                return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/scheduling/holidays/{holiday.Id}", holiday);
            })
            .WithName("CreateHoliday")
            .WithRequestExample(new { date = "2026-12-31", name = "New Year's Eve" })
            .WithSummary("Add a holiday: no slots that date (midnight to midnight in the tenant's zone)");
        tenants.MapPut("/{tenant}/scheduling/holidays/{id:guid}", async Task<Ok<HolidayView>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.UpdateAsync(id, request, ct)))
            .WithName("UpdateHoliday")
            .WithRequestExample(new { date = "2027-01-01", name = "New Year" })
            .WithSummary("Change a holiday's date or name");
        tenants.MapDelete("/{tenant}/scheduling/holidays/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
            {
                await handler.DeleteAsync(id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteHoliday")
            .WithSummary("Remove a holiday");
    }
}
