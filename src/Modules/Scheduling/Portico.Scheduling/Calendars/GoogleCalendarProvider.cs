using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Portico.Scheduling.Calendars;

/// <summary>
/// Google Calendar API v3 over the guarded outbound client, in plain HTTP and JSON: Google's OAuth 2.0 web-server flow
/// (offline access, so a refresh token comes back), <c>events.insert/patch/delete</c> on the connected calendar, and
/// busy times from <c>events.list</c> with sync tokens (a 410 answer starts a full sync again). Events Portico writes
/// carry the appointment's id as their own event id (base32hex allows a GUID's hex digits), so a retried insert meets
/// Google's 409 instead of making a second event, and as a private extended property, so reading them back skips them.
/// Google.Apis.Auth is not used: its flows bring their own HTTP client factory and fixed endpoints, while every
/// request here must go through the guarded client to configurable addresses; the wire format is small and documented.
/// </summary>
internal sealed class GoogleCalendarProvider(HttpClient http, IOptions<CalendarOptions> options, TimeProvider clock) : CalendarHttp(http, clock), ICalendarProvider
{
    public const string AppointmentProperty = "porticoAppointmentId";

    /// <summary>Writing events and reading the calendar's events (busy times): the least that does both.</summary>
    public const string Scopes = "https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly";

    private GoogleCalendarOptions Settings => options.Value.Google;

    public string Name => CalendarProviders.Google;

    public bool IsConfigured => Settings.IsConfigured;

    public string AuthorizationUrl(string redirectUri, string state) => Settings.AuthUrl + (Settings.AuthUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Query(
        ("client_id", Settings.ClientId!), ("redirect_uri", redirectUri), ("response_type", "code"), ("scope", Scopes),
        ("access_type", "offline"), ("prompt", "consent"), ("include_granted_scopes", "true"), ("state", state));

    public Task<CalendarTokenSet> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken) => TokenAsync(Settings.TokenUrl,
        [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri), new("client_id", Settings.ClientId!), new("client_secret", Settings.ClientSecret!)],
        cancellationToken);

    public Task<CalendarTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken) => TokenAsync(Settings.TokenUrl,
        [new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("client_id", Settings.ClientId!), new("client_secret", Settings.ClientSecret!)],
        cancellationToken);

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Settings.RevokeUrl))
        {
            return;
        }

        try
        {
            using var content = new FormUrlEncodedContent([new("token", refreshToken)]);
            using var response = await Http.PostAsync(Settings.RevokeUrl, content, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            // Best effort: the tokens are deleted here whatever Google says.
        }
    }

    public async Task<ExternalCalendar> GetCalendarAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Api}/calendars/primary", accessToken, null, cancellationToken);
        await EnsureSuccessAsync(response, "Reading the calendar", cancellationToken);
        var json = await ReadJsonAsync(response, cancellationToken);
        var id = json["id"]?.GetValue<string>() ?? "primary";
        return new ExternalCalendar(id, id.Contains('@', StringComparison.Ordinal) ? id : json["summary"]?.GetValue<string>());
    }

    public async Task<string> InsertEventAsync(string accessToken, string calendarId, CalendarEventDraft draft, CancellationToken cancellationToken)
    {
        var id = EventIdOf(draft.AppointmentId);
        var body = Body(draft);
        body["id"] = id;
        using var response = await SendAsync(HttpMethod.Post, $"{Events(calendarId)}?sendUpdates=none", accessToken, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // Written before (a redelivered event, or booked, cancelled and booked again): bring that one up to date.
            await PatchEventAsync(accessToken, calendarId, id, draft, cancellationToken);
            return id;
        }

        await EnsureSuccessAsync(response, "Creating the event", cancellationToken);
        return (await ReadJsonAsync(response, cancellationToken))["id"]?.GetValue<string>() ?? id;
    }

    public async Task<bool> PatchEventAsync(string accessToken, string calendarId, string eventId, CalendarEventDraft draft, CancellationToken cancellationToken)
    {
        var body = Body(draft);
        body["status"] = "confirmed";
        using var response = await SendAsync(HttpMethod.Patch, $"{Events(calendarId)}/{Uri.EscapeDataString(eventId)}?sendUpdates=none", accessToken, body, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "Moving the event", cancellationToken);
        return true;
    }

    public async Task DeleteEventAsync(string accessToken, string calendarId, string eventId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"{Events(calendarId)}/{Uri.EscapeDataString(eventId)}?sendUpdates=none", accessToken, null, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Gone))
        {
            await EnsureSuccessAsync(response, "Deleting the event", cancellationToken);
        }
    }

    public async Task<BusyChanges> ReadBusyAsync(string accessToken, string calendarId, string? cursor, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var full = cursor is null;
        var busy = new List<BusyEvent>();
        var gone = new List<string>();
        string? pageToken = null;
        while (true)
        {
            var query = full
                ? Query(("singleEvents", "true"), ("maxResults", "250"), ("timeMin", Rfc3339(from)), ("timeMax", Rfc3339(until)))
                : Query(("singleEvents", "true"), ("maxResults", "250"), ("syncToken", cursor!));
            if (pageToken is not null)
            {
                query += "&" + Query(("pageToken", pageToken));
            }

            using var response = await SendAsync(HttpMethod.Get, $"{Events(calendarId)}?{query}", accessToken, null, cancellationToken);
            if (!full && response.StatusCode == HttpStatusCode.Gone)
            {
                // The sync token expired or was invalidated: Google asks for a full sync.
                return await ReadBusyAsync(accessToken, calendarId, null, from, until, cancellationToken);
            }

            await EnsureSuccessAsync(response, "Reading events", cancellationToken);
            var page = await ReadJsonAsync(response, cancellationToken);
            foreach (var item in page["items"]?.AsArray() ?? [])
            {
                if (item?["id"]?.GetValue<string>() is not { } id)
                {
                    continue;
                }

                var starts = When(item["start"]);
                var ends = When(item["end"]);
                var free = item["status"]?.GetValue<string>() == "cancelled" || item["transparency"]?.GetValue<string>() == "transparent";
                if (free || starts is null || ends is null || ends <= starts)
                {
                    gone.Add(id);
                    continue;
                }

                busy.Add(new BusyEvent(id, starts.Value, ends.Value, item["extendedProperties"]?["private"]?[AppointmentProperty] is not null));
            }

            pageToken = page["nextPageToken"]?.GetValue<string>();
            if (pageToken is null)
            {
                return new BusyChanges(full, busy, gone, page["nextSyncToken"]?.GetValue<string>());
            }
        }
    }

    /// <summary>Google event ids are 5–1024 characters of base32hex (0-9, a-v): a GUID's 32 lowercase hex digits are one.</summary>
    public static string EventIdOf(Guid appointmentId) => appointmentId.ToString("N");

    private string Api => Settings.ApiUrl.TrimEnd('/');

    private string Events(string calendarId) => $"{Api}/calendars/{Uri.EscapeDataString(calendarId)}/events";

    private static JsonObject Body(CalendarEventDraft draft) => new()
    {
        ["summary"] = draft.Summary,
        ["description"] = draft.Description,
        ["start"] = new JsonObject { ["dateTime"] = Rfc3339(draft.StartsAt) },
        ["end"] = new JsonObject { ["dateTime"] = Rfc3339(draft.EndsAt) },
        ["extendedProperties"] = new JsonObject { ["private"] = new JsonObject { [AppointmentProperty] = draft.AppointmentId.ToString("D") } },
    };

    /// <summary>A timed event's <c>dateTime</c>, or an all-day event's <c>date</c> as that UTC day.</summary>
    private static DateTimeOffset? When(JsonNode? node) =>
        node?["dateTime"]?.GetValue<string>() is { } dateTime && DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : node?["date"]?.GetValue<string>() is { } date && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : null;

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);}
