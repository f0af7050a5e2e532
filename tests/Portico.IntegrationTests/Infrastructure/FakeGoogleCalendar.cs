using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// The OAuth 2.0 half both calendar stand-ins share: an authorization endpoint that approves at once as
/// <see cref="NextAccount"/> and redirects back with a code, and a token endpoint for the authorization_code and
/// refresh_token grants that checks the client id and secret, the code's redirect_uri and single use. Access tokens
/// live until <see cref="ExpireAccessTokens"/>; refresh tokens until <see cref="RevokeRefreshTokens"/>.
/// </summary>
public sealed class FakeOAuthServer(bool rotateRefreshTokens)
{
    private readonly ConcurrentDictionary<string, (string Account, string RedirectUri, string ClientId)> _codes = new();
    private readonly ConcurrentDictionary<string, string> _access = new();
    private readonly ConcurrentDictionary<string, string> _refresh = new();

    public string ClientId { get; } = "client-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public string ClientSecret { get; } = "secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    /// <summary>Whose account the next authorization approves.</summary>
    public string NextAccount { get; set; } = "staff@example.test";

    private int _codeExchanges;
    private int _refreshes;

    public int CodeExchanges => Volatile.Read(ref _codeExchanges);

    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Every token this server issued (tests check none of them shows up in answers or logs).</summary>
    public ConcurrentBag<string> Issued { get; } = [];

    /// <summary>Every access token issued so far now answers 401, as an expired one does.</summary>
    public void ExpireAccessTokens() => _access.Clear();

    public void RevokeRefreshTokens() => _refresh.Clear();

    /// <summary>The account of a bearer token, or null.</summary>
    public string? AccountOf(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
        && _access.TryGetValue(header["Bearer ".Length..], out var account) ? account : null;

    public IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["redirect_uri"]) || string.IsNullOrEmpty(q["scope"]))
        {
            return Results.BadRequest("invalid_request");
        }

        var code = "code-" + Token();
        _codes[code] = (NextAccount, q["redirect_uri"]!, ClientId);
        var redirect = q["redirect_uri"].ToString();
        return Results.Redirect($"{redirect}{(redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}");
    }

    public async Task<IResult> TokenAsync(HttpRequest request, Func<string, string, IResult> clientError, Func<string, string, IResult> grantError)
    {
        if (!request.HasFormContentType)
        {
            return grantError("invalid_request", "form body expected");
        }

        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return clientError("invalid_client", "Unauthorized");
        }

        string account;
        string? refresh = null;
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var granted) || granted.RedirectUri != form["redirect_uri"])
                {
                    return grantError("invalid_grant", "Bad Request");
                }

                account = granted.Account;
                refresh = "rt-" + Token();
                Interlocked.Increment(ref _codeExchanges);
                break;
            case "refresh_token":
                if (!_refresh.TryGetValue(form["refresh_token"].ToString(), out var owner))
                {
                    return grantError("invalid_grant", "Token has been expired or revoked.");
                }

                account = owner;
                refresh = rotateRefreshTokens ? "rt-" + Token() : null;
                Interlocked.Increment(ref _refreshes);
                break;
            default:
                return grantError("unsupported_grant_type", "Invalid grant_type");
        }

        var access = "at-" + Token();
        _access[access] = account;
        Issued.Add(access);
        var answer = new JsonObject { ["access_token"] = access, ["expires_in"] = 3599, ["token_type"] = "Bearer", ["scope"] = "calendar" };
        if (refresh is not null)
        {
            _refresh[refresh] = account;
            Issued.Add(refresh);
            answer["refresh_token"] = refresh;
        }

        return Results.Text(answer.ToJsonString(), "application/json");
    }

    public bool Revoke(string token) => _refresh.TryRemove(token, out _) | _access.TryRemove(token, out _);

    private static string Token() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}

/// <summary>
/// A local Google Calendar API v3 (https://developers.google.com/calendar/api/v3/reference) and Google OAuth 2.0
/// endpoints on a loopback port, in Google's wire format: <c>/o/oauth2/v2/auth</c>, <c>/token</c>, <c>/revoke</c>;
/// <c>/calendar/v3/calendars/{id}</c> and its <c>events</c> (insert with a client-chosen base32hex id and 409
/// <c>duplicate</c>, patch, delete with 410 for an event already deleted, list with <c>timeMin/timeMax</c>,
/// <c>singleEvents</c>, <c>pageToken</c> and <c>syncToken</c>/<c>nextSyncToken</c>; an unknown sync token is 410).
/// Every API call needs a valid bearer token, else 401 with Google's error shape. <c>primary</c> is the token's account.
/// </summary>
public sealed class FakeGoogleCalendar : IAsyncDisposable
{
    public sealed record StoredEvent(string Id, string Summary, DateTimeOffset Start, DateTimeOffset End, string Status, string? Transparency, string? AppointmentId, long Seq);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StoredEvent>> _calendars = new();
    private long _seq;
    private long _oldestSyncToken;
    private WebApplication? _app;

    public FakeOAuthServer OAuth { get; } = new(rotateRefreshTokens: false);

    public string Url { get; private set; } = "";

    public int PageSize { get; set; } = 250;

    public ConcurrentQueue<string> Calls { get; } = new();

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/o/oauth2/v2/auth", (HttpRequest r) => OAuth.Authorize(r));
            app.MapPost("/token", (HttpRequest r) => OAuth.TokenAsync(r,
                (error, description) => Results.Json(new { error, error_description = description }, statusCode: 401),
                (error, description) => Results.Json(new { error, error_description = description }, statusCode: 400)));
            app.MapPost("/revoke", async (HttpRequest r) => r.HasFormContentType && OAuth.Revoke((await r.ReadFormAsync())["token"].ToString())
                ? Results.Ok() : Results.Json(new { error = "invalid_token", error_description = "Token expired or revoked" }, statusCode: 400));
            app.MapGet("/calendar/v3/calendars/{calendarId}", (string calendarId, HttpRequest r) => Api(r, calendarId, account =>
                Json(new JsonObject { ["kind"] = "calendar#calendar", ["id"] = account, ["summary"] = account, ["timeZone"] = "Europe/Berlin" })));
            app.MapPost("/calendar/v3/calendars/{calendarId}/events", (string calendarId, HttpRequest r) => Api(r, calendarId, account => InsertAsync(account, r)));
            app.MapMethods("/calendar/v3/calendars/{calendarId}/events/{eventId}", ["PATCH"], (string calendarId, string eventId, HttpRequest r) =>
                Api(r, calendarId, account => PatchAsync(account, eventId, r)));
            app.MapDelete("/calendar/v3/calendars/{calendarId}/events/{eventId}", (string calendarId, string eventId, HttpRequest r) => Api(r, calendarId, account =>
            {
                var events = Calendar(account);
                if (!events.TryGetValue(eventId, out var existing))
                {
                    return Task.FromResult(Error(404, "notFound", "Not Found", "NOT_FOUND"));
                }

                if (existing.Status == "cancelled")
                {
                    return Task.FromResult(Error(410, "deleted", "Resource has been deleted", "GONE"));
                }

                events[eventId] = existing with { Status = "cancelled", Seq = Interlocked.Increment(ref _seq) };
                return Task.FromResult(Results.NoContent());
            }));
            app.MapGet("/calendar/v3/calendars/{calendarId}/events", (string calendarId, HttpRequest r) => Api(r, calendarId, account => Task.FromResult(List(account, r))));
        });
    }

    /// <summary>An event the staff member made themselves in Google Calendar.</summary>
    public string AddEvent(string account, DateTimeOffset start, DateTimeOffset end, string summary = "Dentist", bool transparent = false)
    {
        var id = Guid.NewGuid().ToString("N");
        Calendar(account)[id] = new StoredEvent(id, summary, start, end, "confirmed", transparent ? "transparent" : null, null, Interlocked.Increment(ref _seq));
        return id;
    }

    public void MoveEvent(string account, string id, DateTimeOffset start, DateTimeOffset end) =>
        Calendar(account)[id] = Calendar(account)[id] with { Start = start, End = end, Seq = Interlocked.Increment(ref _seq) };

    public void CancelEvent(string account, string id) =>
        Calendar(account)[id] = Calendar(account)[id] with { Status = "cancelled", Seq = Interlocked.Increment(ref _seq) };

    /// <summary>Every sync token issued so far answers 410 (Google's "full sync required").</summary>
    public void InvalidateSyncTokens() => Interlocked.Exchange(ref _oldestSyncToken, Interlocked.Read(ref _seq) + 1);

    public IReadOnlyList<StoredEvent> Events(string account) => [.. Calendar(account).Values.OrderBy(e => e.Start)];

    private ConcurrentDictionary<string, StoredEvent> Calendar(string account) => _calendars.GetOrAdd(account, _ => new());

    private async Task<IResult> Api(HttpRequest request, string calendarId, Func<string, Task<IResult>> call)
    {
        Calls.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (OAuth.AccountOf(request) is not { } account)
        {
            return Error(401, "authError", "Invalid Credentials", "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.");
        }

        if (calendarId != "primary" && calendarId != account)
        {
            return Error(404, "notFound", "Not Found", "NOT_FOUND");
        }

        return await call(account);
    }

    private Task<IResult> Api(HttpRequest request, string calendarId, Func<string, IResult> call) => Api(request, calendarId, a => Task.FromResult(call(a)));

    private async Task<IResult> InsertAsync(string account, HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        if (When(body["start"]) is not { } start || When(body["end"]) is not { } end || end < start)
        {
            return Error(400, "timeRangeEmpty", "The specified time range is empty.", "INVALID_ARGUMENT");
        }

        var id = body["id"]?.GetValue<string>();
        if (id is not null && (id.Length is < 5 or > 1024 || !id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'v')))
        {
            return Error(400, "invalid", "Invalid resource id value.", "INVALID_ARGUMENT");
        }

        id ??= Guid.NewGuid().ToString("N");
        var stored = new StoredEvent(id, body["summary"]?.GetValue<string>() ?? "", start, end, "confirmed", body["transparency"]?.GetValue<string>(),
            body["extendedProperties"]?["private"]?["porticoAppointmentId"]?.GetValue<string>(), Interlocked.Increment(ref _seq));
        if (!Calendar(account).TryAdd(id, stored))
        {
            return Error(409, "duplicate", "The requested identifier already exists.", "ALREADY_EXISTS");
        }

        return Json(Resource(stored));
    }

    private async Task<IResult> PatchAsync(string account, string eventId, HttpRequest request)
    {
        var events = Calendar(account);
        if (!events.TryGetValue(eventId, out var existing))
        {
            return Error(404, "notFound", "Not Found", "NOT_FOUND");
        }

        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var updated = existing with
        {
            Summary = body["summary"]?.GetValue<string>() ?? existing.Summary,
            Start = When(body["start"]) ?? existing.Start,
            End = When(body["end"]) ?? existing.End,
            Status = body["status"]?.GetValue<string>() ?? existing.Status,
            Seq = Interlocked.Increment(ref _seq),
        };
        events[eventId] = updated;
        return Json(Resource(updated));
    }

    private IResult List(string account, HttpRequest request)
    {
        var q = request.Query;
        IEnumerable<StoredEvent> events = Calendar(account).Values.OrderBy(e => e.Seq);
        if (q.ContainsKey("syncToken"))
        {
            if (q.ContainsKey("timeMin") || q.ContainsKey("timeMax"))
            {
                return Error(400, "invalidParameter", "Sync token cannot be combined with timeMin or timeMax.", "INVALID_ARGUMENT");
            }

            if (!long.TryParse(q["syncToken"].ToString().Replace("sync-", "", StringComparison.Ordinal), out var since) || since < Interlocked.Read(ref _oldestSyncToken))
            {
                return Error(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.", "GONE");
            }

            events = events.Where(e => e.Seq > since);
        }
        else
        {
            var min = DateTimeOffset.Parse(q["timeMin"].ToString(), CultureInfo.InvariantCulture);
            var max = q.ContainsKey("timeMax") ? DateTimeOffset.Parse(q["timeMax"].ToString(), CultureInfo.InvariantCulture) : DateTimeOffset.MaxValue;
            events = events.Where(e => e.Status != "cancelled" && e.End > min && e.Start < max);
        }

        var all = events.ToList();
        var skip = int.TryParse(q["pageToken"], out var page) ? page : 0;
        var items = all.Skip(skip).Take(PageSize).ToList();
        var answer = new JsonObject { ["kind"] = "calendar#events", ["summary"] = account, ["items"] = new JsonArray([.. items.Select(e => (JsonNode)Resource(e))]) };
        if (skip + items.Count < all.Count)
        {
            answer["nextPageToken"] = (skip + items.Count).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            answer["nextSyncToken"] = "sync-" + Interlocked.Read(ref _seq).ToString(CultureInfo.InvariantCulture);
        }

        return Json(answer);
    }

    private static JsonObject Resource(StoredEvent e)
    {
        var resource = new JsonObject { ["kind"] = "calendar#event", ["id"] = e.Id, ["status"] = e.Status };
        if (e.Status == "cancelled")
        {
            return resource;
        }

        resource["summary"] = e.Summary;
        resource["start"] = new JsonObject { ["dateTime"] = e.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) };
        resource["end"] = new JsonObject { ["dateTime"] = e.End.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) };
        if (e.Transparency is not null)
        {
            resource["transparency"] = e.Transparency;
        }

        if (e.AppointmentId is not null)
        {
            resource["extendedProperties"] = new JsonObject { ["private"] = new JsonObject { ["porticoAppointmentId"] = e.AppointmentId } };
        }

        return resource;
    }

    private static DateTimeOffset? When(JsonNode? node) =>
        node?["dateTime"]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    /// <summary>Google's error shape: <c>{"error":{"code","message","errors":[{"domain","reason","message"}],"status"}}</c>.</summary>
    private static IResult Error(int code, string reason, string message, string status, string? longMessage = null) =>
        Results.Text(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = longMessage ?? message,
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason, ["message"] = message }),
                ["status"] = status,
            },
        }.ToJsonString(), "application/json", statusCode: code);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
