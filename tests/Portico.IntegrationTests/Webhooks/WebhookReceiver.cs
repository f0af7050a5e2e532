using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Webhooks;

/// <summary>One request the receiver got, with the verdict of its signature check.</summary>
public sealed record ReceivedWebhook(string Hook, IReadOnlyDictionary<string, string> Headers, string Body, bool SignatureValid, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A customer's webhook receiver on a loopback port. Each hook (<c>/hooks/{name}</c>) knows the secrets it
/// trusts and checks <c>Portico-Signature</c> exactly as the docs tell customers to: parse <c>t</c> and every
/// <c>v1</c>, refuse a timestamp outside the tolerance, recompute HMAC-SHA256 over <c>"{t}.{raw body}"</c> with
/// the secret and compare in constant time. A bad signature is answered 400. A hook can be told to fail the
/// next N requests (with a status, or by not answering in time).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, string[]> _secrets = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpResponse, Task<int>>>> _failures = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public async Task StartAsync() => (_app, BaseUrl) = await LoopbackHost.StartAsync(app =>
        app.MapPost("/hooks/{name}", async (string name, HttpRequest request, HttpResponse response) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var valid = Verify(headers.GetValueOrDefault("Portico-Signature"), body, _secrets.GetValueOrDefault(name) ?? [], DateTimeOffset.UtcNow);
            int status;
            if (!valid)
            {
                status = 400;
                response.StatusCode = status;
                await response.WriteAsync("bad signature");
            }
            else if (_failures.TryGetValue(name, out var queue) && queue.TryDequeue(out var fail))
            {
                status = await fail(response);
            }
            else
            {
                status = 200;
                await response.WriteAsync("ok");
            }

            _received.Enqueue(new ReceivedWebhook(name, headers, body, valid, status));
        }));

    /// <summary>A fresh hook: its URL, to be registered as an endpoint.</summary>
    public string NewHook(out string name)
    {
        name = Guid.NewGuid().ToString("N")[..12];
        return $"{BaseUrl}/hooks/{name}";
    }

    /// <summary>The secrets this hook accepts (the endpoint's, as shown at create or rotate).</summary>
    public void Trust(string hook, params string[] secrets) => _secrets[hook] = secrets;

    /// <summary>The next <paramref name="times"/> requests to the hook answer <paramref name="status"/> with <paramref name="body"/>.</summary>
    public void Fail(string hook, int times, int status = 500, string body = "internal error")
    {
        for (var i = 0; i < times; i++)
        {
            Queue(hook, async response =>
            {
                response.StatusCode = status;
                await response.WriteAsync(body);
                return status;
            });
        }
    }

    /// <summary>The next request to the hook is answered 302 to <paramref name="location"/>.</summary>
    public void Redirect(string hook, string location) => Queue(hook, response =>
    {
        response.StatusCode = 302;
        response.Headers.Location = location;
        return Task.FromResult(302);
    });

    /// <summary>The next request to the hook gets no answer for <paramref name="delay"/> (longer than the sender's timeout).</summary>
    public void Hang(string hook, TimeSpan delay) => Queue(hook, async response =>
    {
        try
        {
            await Task.Delay(delay, response.HttpContext.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up, as it should.
        }

        return 0;
    });

    /// <summary>Forgets the failures still queued for the hook: it answers 200 again.</summary>
    public void Heal(string hook) => _failures.TryRemove(hook, out _);

    private void Queue(string hook, Func<HttpResponse, Task<int>> failure) =>
        _failures.GetOrAdd(hook, _ => new ConcurrentQueue<Func<HttpResponse, Task<int>>>()).Enqueue(failure);

    /// <summary>What the hook received, optionally only the requests about one event.</summary>
    public IReadOnlyList<ReceivedWebhook> ReceivedBy(string hook, string? eventId = null) =>
        _received.Where(r => r.Hook == hook && (eventId is null || r.Header("Portico-Event-Id") == eventId)).ToList();

    /// <summary>Waits until the hook has received at least <paramref name="count"/> requests (about <paramref name="eventId"/>, when given).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string hook, int count, string? eventId = null)
    {
        var deadline = DateTime.UtcNow + Patience.Cap;
        while (ReceivedBy(hook, eventId).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Hook {hook} received {ReceivedBy(hook, eventId).Count} of {count} expected requests.");
            }

            await Task.Delay(50);
        }

        return ReceivedBy(hook, eventId);
    }

    /// <summary>The check a customer writes, from the docs: any v1 matching the HMAC of "t.body" under a trusted secret, with a fresh t.</summary>
    public static bool Verify(string? header, string body, IEnumerable<string> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var pairs = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var t = pairs.Where(p => p[0] == "t").Select(p => p[1]).FirstOrDefault();
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || (now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > Tolerance)
        {
            return false;
        }

        var signatures = pairs.Where(p => p[0] == "v1").Select(p => p[1]).ToList();
        foreach (var secret in secrets)
        {
            var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"))));
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected)))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
