using System.Security.Claims;
using Portico.Identity.Contracts;
using Portico.Kernel.Events;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Preferences;

/// <summary><c>GET|PUT /profile/notifications</c>: the signed-in user's opt-ins per event type and channel, and quiet hours.</summary>
internal static class PreferenceEndpoints
{
    internal sealed record QuietHoursView(string Start, string End);

    internal sealed record Request(List<PreferenceRule>? Rules, QuietHoursView? QuietHours);

    /// <summary>The time zone is the profile's (set through /me); quiet hours are read in it.</summary>
    internal sealed record Response(IReadOnlyList<PreferenceRule> Rules, QuietHoursView? QuietHours, string TimeZone, IReadOnlyList<string> Channels);

    public const int MaxRules = 200;

    internal sealed class Handler(NotificationsDbContext db, IUserDirectory users, EventCatalog catalog)
    {
        public async Task<Response> GetAsync(Guid userId, CancellationToken ct) =>
            await ToResponseAsync(userId, await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct), ct);

        public async Task<Response> PutAsync(Guid userId, Request request, CancellationToken ct)
        {
            var rules = new Rules()
                .Check(request.Rules is null || request.Rules.Count <= MaxRules, "rules", $"must list at most {MaxRules} rules.")
                .Check(request.QuietHours is null || QuietHours.TryParse(request.QuietHours.Start, request.QuietHours.End, out _), "quietHours",
                    "must have start and end as different local times HH:mm, such as 22:00 and 08:00.");
            for (var i = 0; request.Rules is not null && i < request.Rules.Count; i++)
            {
                var rule = request.Rules[i];
                rules.CheckEventType(catalog, rule?.EventType, allowAny: true, $"rules[{i}].eventType")
                    .Check(rule?.Channel == "*" || ChannelNames.All.Contains(rule?.Channel), $"rules[{i}].channel", $"must be * or one of: {string.Join(", ", ChannelNames.All)}.");
            }

            rules.ThrowIfInvalid();
            var preferences = await db.Preferences.FirstOrDefaultAsync(p => p.UserId == userId, ct);
            if (preferences is null)
            {
                preferences = new NotificationPreferences { UserId = userId };
                db.Preferences.Add(preferences);
            }

            // One rule per event type and channel: the last one given wins.
            var distinct = (request.Rules ?? []).GroupBy(r => (r.EventType, r.Channel)).Select(g => g.Last()).ToList();
            preferences.Rules = System.Text.Json.JsonSerializer.Serialize(distinct, EventJson.Options);
            preferences.QuietHoursStart = request.QuietHours?.Start;
            preferences.QuietHoursEnd = request.QuietHours?.End;
            await db.SaveChangesAsync(ct);
            return await ToResponseAsync(userId, preferences, ct);
        }

        private async Task<Response> ToResponseAsync(Guid userId, NotificationPreferences? preferences, CancellationToken ct)
        {
            var user = (await users.FindByIdsAsync([userId], ct)).SingleOrDefault();
            var quiet = preferences?.Quiet();
            return new Response(
                preferences?.RuleList() ?? [],
                quiet is null ? null : new QuietHoursView(quiet.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), quiet.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                user?.TimeZone ?? "UTC",
                ChannelNames.All);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var profile = api.MapGroup("/profile/notifications").RequireAuthorization(Policies.Authenticated).WithTags("Notifications");
        profile.MapGet("/", async Task<Ok<Response>> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(principal.UserId(), ct)))
            .WithName("GetMyNotificationPreferences").WithSummary("My notification preferences: rules per event type and channel, quiet hours");
        profile.MapPut("/", async Task<Ok<Response>> (Request request, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.PutAsync(principal.UserId(), request, ct)))
            .WithName("PutMyNotificationPreferences").WithSummary("Replace my notification preferences (everything not switched off stays on)");
    }
}
