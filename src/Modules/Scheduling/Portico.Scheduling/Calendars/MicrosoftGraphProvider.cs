using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// Outlook calendars through Microsoft Graph v1.0 over the guarded outbound client, in plain HTTP and JSON: the
/// Microsoft identity platform's authorization-code flow (<c>offline_access</c> for a refresh token, which Microsoft
/// rotates on every refresh), <c>/me/events</c> POST/PATCH/DELETE on the default calendar, and busy times from
/// <c>/me/calendarView/delta</c> (the delta link is the cursor; times asked for in UTC with
/// <c>Prefer: outlook.timezone</c>). Events Portico writes carry <c>transactionId</c> <c>portico-{appointment}</c>, which
/// Graph uses to drop a retried POST and which marks them when read back. The Microsoft.Graph SDK is not used: it
/// brings Kiota's HTTP pipeline and authentication providers, while these few calls must go through the guarded client
/// to configurable addresses.
/// </summary>
internal sealed class MicrosoftGraphProvider(HttpClient http, IOptions<CalendarOptions> options, TimeProvider clock) : CalendarHttp(http, clock), ICalendarProvider
{
    public const string Scopes = "offline_access https://graph.microsoft.com/Calendars.ReadWrite";

    public const string TransactionPrefix = "portico-";

    private MicrosoftCalendarOptions Settings => options.Value.Microsoft;

    public string Name => CalendarProviders.Outlook;

    public bool IsConfigured => Settings.IsConfigured;

    public string AuthorizationUrl(string redirectUri, string state) => Settings.AuthUrl + (Settings.AuthUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Query(
        ("client_id", Settings.ClientId!), ("response_type", "code"), ("redirect_uri", redirectUri), ("response_mode", "query"), ("scope", Scopes), ("state", state));

    public Task<CalendarTokenSet> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken) => TokenAsync(Settings.TokenUrl,
        [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri), new("client_id", Settings.ClientId!),
         new("client_secret", Settings.ClientSecret!), new("scope", Scopes)],
        cancellationToken);

    public Task<CalendarTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken) => TokenAsync(Settings.TokenUrl,
        [new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("client_id", Settings.ClientId!), new("client_secret", Settings.ClientSecret!), new("scope", Scopes)],
        cancellationToken);

    /// <summary>The identity platform has no endpoint to revoke one app's refresh token; deleting it here is all there is.</summary>
    public Task RevokeAsync(string refreshToken, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<ExternalCalendar> GetCalendarAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Api}/me/calendar", accessToken, null, cancellationToken);
        await EnsureSuccessAsync(response, "Reading the calendar", cancellationToken);
        var json = await ReadJsonAsync(response, cancellationToken);
        return new ExternalCalendar(json["id"]?.GetValue<string>() ?? "calendar", json["owner"]?["address"]?.GetValue<string>() ?? json["name"]?.GetValue<string>());
    }

    public async Task<string> InsertEventAsync(string accessToken, string calendarId, CalendarEventDraft draft, CancellationToken cancellationToken)
    {
        var body = Body(draft);
        body["transactionId"] = TransactionPrefix + draft.AppointmentId.ToString("N");
        body["showAs"] = "busy";
        body["isReminderOn"] = false;
        using var response = await SendAsync(HttpMethod.Post, $"{Api}/me/events", accessToken, body, cancellationToken);
        await EnsureSuccessAsync(response, "Creating the event", cancellationToken);
        return (await ReadJsonAsync(response, cancellationToken))["id"]?.GetValue<string>()
            ?? throw new CalendarApiException("Graph created an event without an id.", 502);
    }

    public async Task<bool> PatchEventAsync(string accessToken, string calendarId, string eventId, CalendarEventDraft draft, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"{Api}/me/events/{Uri.EscapeDataString(eventId)}", accessToken, Body(draft), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "Moving the event", cancellationToken);
        return true;
    }

    public async Task DeleteEventAsync(string accessToken, string calendarId, string eventId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"{Api}/me/events/{Uri.EscapeDataString(eventId)}", accessToken, null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "Deleting the event", cancellationToken);
        }
    }

    public async Task<BusyChanges> ReadBusyAsync(string accessToken, string calendarId, string? cursor, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // A stored delta link is followed only on the configured Graph address: the access token goes nowhere else.
        var full = cursor is null || !cursor.StartsWith(Api + "/", StringComparison.OrdinalIgnoreCase);
        var url = full
            ? $"{Api}/me/calendarView/delta?" + Query(("startDateTime", Iso(from) + "Z"), ("endDateTime", Iso(until) + "Z"))
            : cursor!;
        var busy = new List<BusyEvent>();
        var gone = new List<string>();
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Get, url, accessToken, null, cancellationToken, request =>
            {
                request.Headers.TryAddWithoutValidation("Prefer", "outlook.timezone=\"UTC\"");
                request.Headers.TryAddWithoutValidation("Prefer", "odata.maxpagesize=100");
            });
            if (!full && response.StatusCode == HttpStatusCode.Gone)
            {
                // syncStateNotFound / resyncRequired: the delta link is no longer good.
                return await ReadBusyAsync(accessToken, calendarId, null, from, until, cancellationToken);
            }

            await EnsureSuccessAsync(response, "Reading events", cancellationToken);
            var page = await ReadJsonAsync(response, cancellationToken);
            foreach (var item in page["value"]?.AsArray() ?? [])
            {
                if (item?["id"]?.GetValue<string>() is not { } id)
                {
                    continue;
                }

                var starts = When(item["start"]);
                var ends = When(item["end"]);
                var free = item["@removed"] is not null || item["isCancelled"]?.GetValue<bool>() == true
                    || item["showAs"]?.GetValue<string>() is "free" or "workingElsewhere";
                if (free || starts is null || ends is null || ends <= starts)
                {
                    gone.Add(id);
                    continue;
                }

                var byPortico = item["transactionId"]?.GetValue<string>()?.StartsWith(TransactionPrefix, StringComparison.Ordinal) == true;
                busy.Add(new BusyEvent(id, starts.Value, ends.Value, byPortico));
            }

            if (page["@odata.nextLink"]?.GetValue<string>() is { } next && next.StartsWith(Api + "/", StringComparison.OrdinalIgnoreCase))
            {
                url = next;
                continue;
            }

            return new BusyChanges(full, busy, gone, page["@odata.deltaLink"]?.GetValue<string>());
        }
    }

    private string Api => Settings.ApiUrl.TrimEnd('/');

    private static JsonObject Body(CalendarEventDraft draft) => new()
    {
        ["subject"] = draft.Summary,
        ["body"] = new JsonObject { ["contentType"] = "text", ["content"] = draft.Description ?? "" },
        ["start"] = new JsonObject { ["dateTime"] = Iso(draft.StartsAt), ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = Iso(draft.EndsAt), ["timeZone"] = "UTC" },
    };

    /// <summary>Graph's dateTimeTimeZone: a local date and time without offset, and the zone it is in.</summary>
    private static DateTimeOffset? When(JsonNode? node)
    {
        if (node?["dateTime"]?.GetValue<string>() is not { } text
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = node["timeZone"]?.GetValue<string>() ?? "UTC";
        if (zone is "UTC" or "tzone://Microsoft/Utc" or "Etc/UTC")
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
        }

        try
        {
            var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), info.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified))).ToUniversalTime();
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
