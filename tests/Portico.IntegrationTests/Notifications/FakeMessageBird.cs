using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>
/// A local MessageBird SMS API: <c>POST /messages</c> with <c>Authorization: AccessKey {key}</c> (else 401, code 2)
/// and JSON <c>{originator, recipients, body}</c>: the originator a number or at most 11 letters and digits, the
/// recipients MSISDNs without "+", the body non-empty (else 422, code 9). Answers 201 with the message resource.
/// </summary>
public sealed partial class FakeMessageBird : IAsyncDisposable
{
    public const string AccessKey = "test_messagebird_access_key_0123456789";

    public sealed record Message(string Originator, IReadOnlyList<string> Recipients, string Body, string? Reference, string Id);

    private readonly ConcurrentQueue<Message> _received = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<Message> Received => _received.ToList();

    [GeneratedRegex(@"^(\+?\d{1,16}|[A-Za-z0-9 ]{1,11})$")]
    private static partial Regex Originator();

    [GeneratedRegex(@"^\d{7,15}$")]
    private static partial Regex Msisdn();

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app => app.MapPost("/messages", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization.ToString() != $"AccessKey {AccessKey}")
            {
                return Results.Json(new { errors = new[] { new { code = 2, description = "Request not allowed (incorrect access_key)", parameter = (string?)null } } }, statusCode: 401);
            }

            var root = (await JsonDocument.ParseAsync(request.Body)).RootElement;
            var originator = root.TryGetProperty("originator", out var o) ? o.GetString() : null;
            var recipients = root.TryGetProperty("recipients", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetRawText() : x.GetString() ?? "").ToList()
                : [];
            var body = root.TryGetProperty("body", out var b) ? b.GetString() : null;
            var bad = originator is null || !Originator().IsMatch(originator) ? "originator"
                : recipients.Count == 0 || !recipients.All(Msisdn().IsMatch) ? "recipients"
                : string.IsNullOrEmpty(body) ? "body"
                : null;
            if (bad is not null)
            {
                return Results.Json(new { errors = new[] { new { code = 9, description = $"no (correct) {bad} given", parameter = bad } } }, statusCode: 422);
            }

            var id = Guid.NewGuid().ToString("N");
            _received.Enqueue(new Message(originator!, recipients, body!, root.TryGetProperty("reference", out var reference) ? reference.GetString() : null, id));
            return Results.Json(new
            {
                id,
                href = $"{Url}/messages/{id}",
                direction = "mt",
                type = "sms",
                originator,
                body,
                createdDatetime = DateTimeOffset.UtcNow,
                recipients = new { totalCount = recipients.Count, totalSentCount = recipients.Count, items = recipients.Select(x => new { recipient = long.Parse(x, System.Globalization.CultureInfo.InvariantCulture), status = "sent" }) },
            }, statusCode: 201);
        }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
