using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Reminders;

internal sealed record ReminderSettingsView(bool Enabled, IReadOnlyList<int> OffsetsMinutes, string Channel)
{
    public static ReminderSettingsView From(ReminderSettings s) => new(s.Enabled, s.Offsets, s.Channel);
}

/// <summary>The tenant's reminders: any number of offsets (minutes before the start, 1 minute to 14 days) and a channel; applies to appointments booked or moved from now on.</summary>
internal static class ReminderSettingsEndpoints
{
    internal sealed record Request(bool? Enabled, int[]? OffsetsMinutes, string? Channel);

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<ReminderSettingsView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(request.OffsetsMinutes is null || request.OffsetsMinutes.Length <= 10, "offsetsMinutes", "takes at most 10 reminders.")
                .Check(request.OffsetsMinutes is null || request.OffsetsMinutes.All(o => o is >= 1 and <= 20160), "offsetsMinutes", "each must be 1 to 20160 minutes (14 days) before the start.")
                .OneOf(request.Channel, "channel", ReminderSettings.Channels)
                .ThrowIfInvalid();
            var settings = await db.ReminderSettings.FirstOrDefaultAsync(cancellationToken);
            if (settings is null)
            {
                settings = new ReminderSettings();
                db.ReminderSettings.Add(settings);
            }

            settings.Enabled = request.Enabled ?? settings.Enabled;
            settings.OffsetsMinutes = request.OffsetsMinutes is { } offsets ? string.Join(',', offsets.Distinct().OrderDescending()) : settings.OffsetsMinutes;
            settings.Channel = request.Channel ?? settings.Channel;
            await db.SaveChangesAsync(cancellationToken);
            return ReminderSettingsView.From(settings);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/scheduling/reminder-settings", async Task<Ok<ReminderSettingsView>> (GetReminderSettings.Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("GetReminderSettings")
            .WithSummary("The tenant's appointment reminders: offsets in minutes before the start and the channel (default 24 h and 2 h by email)");
        tenants.MapPut("/{tenant}/scheduling/reminder-settings", async Task<Ok<ReminderSettingsView>> (Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(request, ct)))
            .WithName("SetReminderSettings")
            .WithRequestExample(new { enabled = true, offsetsMinutes = (int[])[1440, 120], channel = "email" })
            .WithSummary("Set the reminders (any number of offsets, 1 minute to 14 days; channel email, sms or telegram) for appointments booked or moved from now on");
    }
}

internal static class GetReminderSettings
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db)
    {
        public async Task<ReminderSettingsView> HandleAsync(CancellationToken cancellationToken) =>
            ReminderSettingsView.From(await db.ReminderSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new ReminderSettings());
    }
}
