using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>
/// A local Slack incoming-webhook service: <c>POST /services/{team}/{channel}/{secret}</c>. An unknown webhook is
/// 404 <c>no_service</c>, a body that is not JSON with a <c>text</c> is 400 <c>invalid_payload</c>, success is
/// 200 <c>ok</c>, as Slack answers. <see cref="FailNext"/> makes the next requests answer 500.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string Text)> _received = new();
    private readonly ConcurrentDictionary<string, bool> _webhooks = new();
    private WebApplication? _app;
    private int _failures;

    public string Url { get; private set; } = "";

    public IReadOnlyList<(string Path, string Text)> Received => _received.ToList();

    /// <summary>A new webhook URL the fake accepts.</summary>
    public string NewWebhook()
    {
        var path = $"/services/T{Guid.NewGuid():N}"[..20] + $"/B{Guid.NewGuid():N}"[..12] + $"/{Guid.NewGuid():N}";
        _webhooks[path] = true;
        return Url + path;
    }

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app => app.MapPost("/services/{team}/{channel}/{secret}", async (HttpRequest request) =>
        {
            var path = request.Path.Value!;
            if (!_webhooks.ContainsKey(path))
            {
                return Results.Text("no_service", statusCode: 404);
            }

            if (Interlocked.Decrement(ref _failures) >= 0)
            {
                return Results.Text("internal_error", statusCode: 500);
            }

            try
            {
                var body = await JsonDocument.ParseAsync(request.Body);
                if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true
                    || !body.RootElement.TryGetProperty("text", out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                {
                    return Results.Text("invalid_payload", statusCode: 400);
                }

                _received.Enqueue((path, text.GetString()!));
                return Results.Text("ok");
            }
            catch (JsonException)
            {
                return Results.Text("invalid_payload", statusCode: 400);
            }
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
