using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Settings;

/// <summary>The current tenant's booking rules: minimum notice, horizon, slot step, and the cancellation window.</summary>
internal sealed record BookingTerms(int MinimumNoticeMinutes, int HorizonDays, int SlotStepMinutes, int CancellationWindowHours)
{
    public TimeSpan CancellationWindow => TimeSpan.FromHours(CancellationWindowHours);

    public static BookingTerms From(BookingSettings s) => new(s.MinimumNoticeMinutes, s.HorizonDays, s.SlotStepMinutes, s.CancellationWindowHours);
}

/// <summary>
/// Reads the current tenant's booking policy (one indexed row, defaults when the tenant never set it). Slot search
/// reads notice, horizon and step; appointments read <see cref="BookingTerms.CancellationWindow"/> (a client may cancel
/// or reschedule by themselves until that long before the start).
/// </summary>
internal sealed class BookingPolicy(SchedulingDbContext db)
{
    /// <summary>An hour's notice, 60 days ahead, a 15-minute grid, cancellation up to 24 hours before.</summary>
    public static readonly BookingTerms Default = new(60, 60, 15, 24);

    private BookingTerms? _terms;

    public async Task<BookingTerms> CurrentAsync(CancellationToken cancellationToken) =>
        _terms ??= await db.BookingSettings.AsNoTracking().Select(s => new BookingTerms(s.MinimumNoticeMinutes, s.HorizonDays, s.SlotStepMinutes, s.CancellationWindowHours))
            .FirstOrDefaultAsync(cancellationToken) ?? Default;
}

internal static class GetBookingSettings
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(BookingPolicy policy)
    {
        public Task<BookingTerms> HandleAsync(CancellationToken cancellationToken) => policy.CurrentAsync(cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/settings", async Task<Ok<BookingTerms>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
        .WithName("GetBookingSettings")
        .WithSummary("The tenant's booking policy: minimum notice, booking horizon, slot step, cancellation window");
}

/// <summary>Changes the booking policy; fields left out stay as they are.</summary>
internal static class UpdateBookingSettings
{
    internal sealed record Request(int? MinimumNoticeMinutes, int? HorizonDays, int? SlotStepMinutes, int? CancellationWindowHours);

    public static readonly int[] Steps = [5, 10, 15, 20, 30, 45, 60, 90, 120];

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox)
    {
        public async Task<BookingTerms> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules().Check(request.MinimumNoticeMinutes is null or >= 0 and <= 43_200, "minimumNoticeMinutes", "must be 0 to 43200 (30 days).")
                .Check(request.HorizonDays is null or >= 1 and <= 730, "horizonDays", "must be 1 to 730.")
                .Check(request.SlotStepMinutes is null || Steps.Contains(request.SlotStepMinutes.Value), "slotStepMinutes", $"must be one of {string.Join(", ", Steps)}.")
                .Check(request.CancellationWindowHours is null or >= 0 and <= 720, "cancellationWindowHours", "must be 0 to 720.")
                .ThrowIfInvalid();
            var settings = await db.BookingSettings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null)
            {
                var d = BookingPolicy.Default;
                settings = new BookingSettings
                {
                    MinimumNoticeMinutes = d.MinimumNoticeMinutes, HorizonDays = d.HorizonDays, SlotStepMinutes = d.SlotStepMinutes, CancellationWindowHours = d.CancellationWindowHours,
                };
                db.BookingSettings.Add(settings);
            }

            settings.MinimumNoticeMinutes = request.MinimumNoticeMinutes ?? settings.MinimumNoticeMinutes;
            settings.HorizonDays = request.HorizonDays ?? settings.HorizonDays;
            settings.SlotStepMinutes = request.SlotStepMinutes ?? settings.SlotStepMinutes;
            settings.CancellationWindowHours = request.CancellationWindowHours ?? settings.CancellationWindowHours;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return BookingTerms.From(settings);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPut("/{tenant}/scheduling/settings", async Task<Ok<BookingTerms>> (Request request, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(request, ct)))
        .WithName("UpdateBookingSettings")
        .WithRequestExample(new { minimumNoticeMinutes = 120, horizonDays = 90, slotStepMinutes = 30, cancellationWindowHours = 24 })
        .WithSummary("Change the booking policy (fields left out stay)");
}
