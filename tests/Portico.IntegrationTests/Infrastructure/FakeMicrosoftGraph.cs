using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// A local Microsoft identity platform v2.0 endpoint and Microsoft Graph v1.0 calendar API on a loopback port, in their
/// wire format: <c>/common/oauth2/v2.0/authorize</c> and <c>/token</c> (a new refresh token on every refresh, errors as
/// <c>{"error","error_description","error_codes"}</c>); <c>/v1.0/me/calendar</c>; <c>/v1.0/me/events</c> POST (a repeated
/// <c>transactionId</c> answers the event made first), PATCH and DELETE by id; <c>/v1.0/me/calendarView/delta</c> with
/// <c>startDateTime/endDateTime</c>, <c>@odata.nextLink</c> pages and an <c>@odata.deltaLink</c> whose
/// <c>$deltatoken</c> gives the changes since, deleted events as <c>@removed</c>. Times are answered in UTC when asked
/// with <c>Prefer: outlook.timezone="UTC"</c>. Every API call needs a valid bearer token, else 401
/// <c>InvalidAuthenticationToken</c>.
/// </summary>
public sealed class FakeMicrosoftGraph : IAsyncDisposable
{
    public sealed record StoredEvent(string Id, string Subject, DateTimeOffset Start, DateTimeOffset End, bool Deleted, string ShowAs, string? TransactionId, long Seq);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StoredEvent>> _calendars = new();
    private long _seq;
    private WebApplication? _app;

    public FakeOAuthServer OAuth { get; } = new(rotateRefreshTokens: true);

    public string Url { get; private set; } = "";

    public int PageSize { get; set; } = 100;

    public ConcurrentQueue<string> Calls { get; } = new();

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/common/oauth2/v2.0/authorize", (HttpRequest r) => OAuth.Authorize(r));
            app.MapPost("/common/oauth2/v2.0/token", (HttpRequest r) => OAuth.TokenAsync(r,
                (error, _) => Results.Json(new { error, error_description = "AADSTS7000215: Invalid client secret provided.", error_codes = new[] { 7000215 } }, statusCode: 401),
                (error, _) => Results.Json(new { error, error_description = "AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.", error_codes = new[] { 70008 } }, statusCode: 400)));
            app.MapGet("/v1.0/me/calendar", (HttpRequest r) => Api(r, account => Json(new JsonObject
            {
                ["@odata.context"] = $"{Url}/v1.0/$metadata#users('{account}')/calendar/$entity",
                ["id"] = CalendarIdOf(account),
                ["name"] = "Calendar",
                ["owner"] = new JsonObject { ["name"] = account, ["address"] = account },
            })));
            app.MapPost("/v1.0/me/events", (HttpRequest r) => ApiAsync(r, account => InsertAsync(account, r)));
            app.MapMethods("/v1.0/me/events/{id}", ["PATCH"], (string id, HttpRequest r) => ApiAsync(r, account => PatchAsync(account, id, r)));
            app.MapDelete("/v1.0/me/events/{id}", (string id, HttpRequest r) => Api(r, account =>
            {
                var events = Calendar(account);
                if (!events.TryGetValue(id, out var existing) || existing.Deleted)
                {
                    return NotFound();
                }

                events[id] = existing with { Deleted = true, Seq = Interlocked.Increment(ref _seq) };
                return Results.NoContent();
            }));
            app.MapGet("/v1.0/me/calendarView/delta", (HttpRequest r) => Api(r, account => Delta(account, r)));
        });
    }

    public static string CalendarIdOf(string account) => "AAMkAD" + Convert.ToBase64String(Encoding.UTF8.GetBytes(account)).TrimEnd('=');

    public string AddEvent(string account, DateTimeOffset start, DateTimeOffset end, string subject = "Lunch", string showAs = "busy")
    {
        var id = NewId();
        Calendar(account)[id] = new StoredEvent(id, subject, start, end, false, showAs, null, Interlocked.Increment(ref _seq));
        return id;
    }

    public void DeleteEvent(string account, string id) =>
        Calendar(account)[id] = Calendar(account)[id] with { Deleted = true, Seq = Interlocked.Increment(ref _seq) };

    public IReadOnlyList<StoredEvent> Events(string account) => [.. Calendar(account).Values.OrderBy(e => e.Start)];

    private ConcurrentDictionary<string, StoredEvent> Calendar(string account) => _calendars.GetOrAdd(account, _ => new());

    private static string NewId() => "AAMkAGI2" + Guid.NewGuid().ToString("N") + "AAA=";

    private IResult Api(HttpRequest request, Func<string, IResult> call)
    {
        Calls.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        return OAuth.AccountOf(request) is { } account ? call(account) : Unauthorized(request);
    }

    private async Task<IResult> ApiAsync(HttpRequest request, Func<string, Task<IResult>> call)
    {
        Calls.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        return OAuth.AccountOf(request) is { } account ? await call(account) : Unauthorized(request);
    }

    private static IResult Unauthorized(HttpRequest request)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"";
        return Error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
    }

    private async Task<IResult> InsertAsync(string account, HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        if (When(body["start"]) is not { } start || When(body["end"]) is not { } end)
        {
            return Error(400, "ErrorInvalidRequest", "Your request can't be completed. The start and end of the event are required.");
        }

        var transaction = body["transactionId"]?.GetValue<string>();
        var events = Calendar(account);
        if (transaction is not null && events.Values.FirstOrDefault(e => e.TransactionId == transaction && !e.Deleted) is { } first)
        {
            return Json(Resource(first, withAll: true), 201);
        }

        var stored = new StoredEvent(NewId(), body["subject"]?.GetValue<string>() ?? "", start, end, false, body["showAs"]?.GetValue<string>() ?? "busy", transaction,
            Interlocked.Increment(ref _seq));
        events[stored.Id] = stored;
        return Json(Resource(stored, withAll: true), 201);
    }

    private async Task<IResult> PatchAsync(string account, string id, HttpRequest request)
    {
        var events = Calendar(account);
        if (!events.TryGetValue(id, out var existing) || existing.Deleted)
        {
            return NotFound();
        }

        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var updated = existing with
        {
            Subject = body["subject"]?.GetValue<string>() ?? existing.Subject,
            Start = When(body["start"]) ?? existing.Start,
            End = When(body["end"]) ?? existing.End,
            Seq = Interlocked.Increment(ref _seq),
        };
        events[id] = updated;
        return Json(Resource(updated, withAll: true));
    }

    /// <summary>
    /// The first round lists the window's events; its delta link's token is "window start|window end|last seq", so a later
    /// round gives what changed since in that window, deletions as <c>@removed</c>. Pages carry a skip count.
    /// </summary>
    private IResult Delta(string account, HttpRequest request)
    {
        var q = request.Query;
        DateTimeOffset from, until;
        long since;
        if (q.ContainsKey("$deltatoken"))
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(q["$deltatoken"].ToString())).Split('|');
            (from, until, since) = (DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture), DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        else if (q.ContainsKey("$skiptoken"))
        {
            return Error(400, "ErrorInvalidRequest", "Use the nextLink as given.");
        }
        else
        {
            if (!q.ContainsKey("startDateTime") || !q.ContainsKey("endDateTime"))
            {
                return Error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
            }

            (from, until, since) = (DateTimeOffset.Parse(q["startDateTime"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                DateTimeOffset.Parse(q["endDateTime"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), -1);
        }

        var utc = request.Headers["Prefer"].Any(p => p?.Contains("outlook.timezone=\"UTC\"", StringComparison.Ordinal) == true);
        var all = Calendar(account).Values.Where(e => e.End > from && e.Start < until && (since < 0 ? !e.Deleted : e.Seq > since)).OrderBy(e => e.Seq).ToList();
        var skip = int.TryParse(q["skip"], out var s) ? s : 0;
        var page = all.Skip(skip).Take(PageSize).ToList();
        var answer = new JsonObject
        {
            ["@odata.context"] = $"{Url}/v1.0/$metadata#Collection(event)",
            ["value"] = new JsonArray([.. page.Select(e => (JsonNode)(e.Deleted
                ? new JsonObject { ["@odata.type"] = "#microsoft.graph.event", ["id"] = e.Id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } }
                : Resource(e, withAll: false, utc)))]),
        };
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{from:O}|{until:O}|{(skip + page.Count < all.Count ? since : Interlocked.Read(ref _seq))}")));
        if (skip + page.Count < all.Count)
        {
            answer["@odata.nextLink"] = q.ContainsKey("$deltatoken")
                ? $"{Url}/v1.0/me/calendarView/delta?$deltatoken={Uri.EscapeDataString(q["$deltatoken"].ToString())}&skip={skip + page.Count}"
                : $"{Url}/v1.0/me/calendarView/delta?startDateTime={Uri.EscapeDataString(q["startDateTime"].ToString())}&endDateTime={Uri.EscapeDataString(q["endDateTime"].ToString())}&skip={skip + page.Count}";
        }
        else
        {
            answer["@odata.deltaLink"] = $"{Url}/v1.0/me/calendarView/delta?$deltatoken={Uri.EscapeDataString(token)}";
        }

        return Json(answer);
    }

    private static JsonObject Resource(StoredEvent e, bool withAll, bool utc = true)
    {
        // Without the Prefer header Graph answers in the event's own zone; this stand-in then uses Pacific time, so a
        // client that forgets the header reads wrong times.
        var zone = utc ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var resource = new JsonObject
        {
            ["@odata.etag"] = $"W/\"{e.Seq}\"",
            ["id"] = e.Id,
            ["subject"] = e.Subject,
            ["isCancelled"] = false,
            ["showAs"] = e.ShowAs,
            ["start"] = new JsonObject { ["dateTime"] = TimeZoneInfo.ConvertTime(e.Start, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = utc ? "UTC" : "Pacific Standard Time" },
            ["end"] = new JsonObject { ["dateTime"] = TimeZoneInfo.ConvertTime(e.End, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = utc ? "UTC" : "Pacific Standard Time" },
            ["transactionId"] = e.TransactionId,
        };
        if (withAll)
        {
            resource["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(e.Id)}";
        }

        return resource;
    }

    private static DateTimeOffset? When(JsonNode? node) =>
        node?["dateTime"]?.GetValue<string>() is { } text && node["timeZone"]?.GetValue<string>() == "UTC"
            ? new DateTimeOffset(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero)
            : null;

    private static IResult NotFound() => Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static IResult Json(JsonNode node, int status = 200) => Results.Text(node.ToJsonString(), "application/json", statusCode: status);

    /// <summary>Graph's error shape: <c>{"error":{"code","message","innerError":{"date","request-id"}}}</c>.</summary>
    private static IResult Error(int status, string code, string message) => Results.Text(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ["request-id"] = Guid.NewGuid().ToString() },
        },
    }.ToJsonString(), "application/json", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
