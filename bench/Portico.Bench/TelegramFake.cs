using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portico.Bench;

/// <summary>
/// A minimal Telegram Bot API on 127.0.0.1 (<see cref="HttpListener"/>: the benchmark has no ASP.NET Core), for the
/// calls the server makes: <c>POST /bot{token}/{method}</c> with a JSON body, answered <c>{ok, result}</c>. Any token
/// shaped <c>digits:…</c> is a bot whose id is the digits. <c>setWebhook</c>'s <c>url</c> and <c>secret_token</c> are
/// kept per token: the secret is seen nowhere else, and the benchmark needs it to send updates as Telegram would.
/// </summary>
internal sealed class TelegramFake : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (string? Url, string? Secret)> _webhooks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private long _messageIds;

    private TelegramFake(int port)
    {
        Port = port;
        Url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The Bot API's base URL, for <c>Portico:Messaging:Telegram:ApiUrl</c>.</summary>
    public string Url { get; }

    public static TelegramFake Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TelegramFake(port);
    }

    /// <summary>A new bot token (made per run: no token-shaped string is committed) and its bot id.</summary>
    public static (string Token, long Id) NewBot()
    {
        var id = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        return ($"{id.ToString(CultureInfo.InvariantCulture)}:{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18))}", id);
    }

    /// <summary>The webhook's URL and secret as the last <c>setWebhook</c> for this token gave them, or nulls.</summary>
    public (string? Url, string? Secret) WebhookOf(string token) => _webhooks.GetValueOrDefault(token);

    /// <summary>How many times the server called <paramref name="method"/> (all bots).</summary>
    public long Calls(string method) => _calls.GetValueOrDefault(method);

    /// <summary>Every method called, with its count, for the report.</summary>
    public string CallSummary => string.Join(", ", _calls.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"`{kv.Key}` ×{kv.Value}"));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            // /bot{token}/{method}
            var parts = context.Request.Url!.AbsolutePath.Trim('/').Split('/');
            JsonNode? body = null;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var text = await reader.ReadToEndAsync();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    body = JsonNode.Parse(text);
                }
            }

            var (status, answer) = parts is [var bot, var method] && bot.StartsWith("bot", StringComparison.Ordinal)
                ? Answer(bot[3..], method, body)
                : (404, Error(404, "Not Found"));
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or JsonException or ObjectDisposedException)
        {
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
                // Already gone.
            }
        }
    }

    private (int Status, JsonObject Answer) Answer(string token, string method, JsonNode? body)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(token[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var botId))
        {
            return (401, Error(401, "Unauthorized"));
        }

        switch (method)
        {
            case "getMe":
                return (200, Ok(new JsonObject { ["id"] = botId, ["is_bot"] = true, ["first_name"] = "Bench", ["username"] = "bench_bot" }));
            case "setWebhook":
                _webhooks[token] = (body?["url"]?.GetValue<string>(), body?["secret_token"]?.GetValue<string>());
                return (200, Ok(true));
            case "deleteWebhook":
                _webhooks.TryRemove(token, out _);
                return (200, Ok(true));
            case "getWebhookInfo":
                return (200, Ok(new JsonObject { ["url"] = WebhookOf(token).Url ?? "", ["has_custom_certificate"] = false, ["pending_update_count"] = 0 }));
            case "getUpdates":
                return (200, Ok(new JsonArray()));
            case "sendMessage":
                // The benchmark's bots have no welcome message, auto replies or questions: a call here is worth a warning.
                return (200, Ok(new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref _messageIds),
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["chat"] = new JsonObject { ["id"] = body?["chat_id"]?.DeepClone(), ["type"] = "private" },
                    ["text"] = body?["text"]?.DeepClone(),
                }));
            default:
                return (404, Error(404, "Not Found: method not found"));
        }
    }

    private static JsonObject Ok(JsonNode result) => new() { ["ok"] = true, ["result"] = result };

    private static JsonObject Error(int code, string description) => new() { ["ok"] = false, ["error_code"] = code, ["description"] = description };
}
