using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>
/// A local Telegram Bot API: <c>POST /bot{token}/sendMessage</c> with a JSON body. It knows the bots whose tokens it
/// was given (else 401 Unauthorized), requires <c>chat_id</c> and a non-empty <c>text</c> of at most 4096
/// characters, and, with <c>parse_mode: HTML</c>, refuses text that Telegram could not parse: a <c>&lt;</c>,
/// <c>&gt;</c> or <c>&amp;</c> that is not part of a supported tag or an entity ("can't parse entities").
/// </summary>
public sealed partial class FakeTelegramBotApi : IAsyncDisposable
{
    public sealed record Message(string Token, string ChatId, string Text, string? ParseMode);

    private readonly ConcurrentQueue<Message> _received = new();
    private readonly HashSet<string> _tokens;
    private WebApplication? _app;
    private int _nextId = 100;

    public FakeTelegramBotApi(params string[] tokens) => _tokens = [.. tokens];

    public string Url { get; private set; } = "";

    public IReadOnlyList<Message> Received => _received.ToList();

    [GeneratedRegex(@"</?(b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote)>|<a href=""[^""<>]*"">|</a>|&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")]
    private static partial Regex AllowedMarkup();

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app => app.MapPost("/{bot}/sendMessage", async (string bot, HttpRequest request) =>
        {
            var token = bot.StartsWith("bot", StringComparison.Ordinal) ? bot[3..] : "";
            if (!_tokens.Contains(token))
            {
                return Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
            }

            if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
            {
                return BadRequest("Bad Request: message text is empty");
            }

            var body = await JsonDocument.ParseAsync(request.Body);
            var root = body.RootElement;
            var chat = root.TryGetProperty("chat_id", out var c) ? (c.ValueKind == JsonValueKind.Number ? c.GetRawText() : c.GetString()) : null;
            var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
            var parseMode = root.TryGetProperty("parse_mode", out var p) ? p.GetString() : null;
            if (string.IsNullOrEmpty(chat))
            {
                return BadRequest("Bad Request: chat_id is empty");
            }

            if (chat == "-1")
            {
                return BadRequest("Bad Request: chat not found");
            }

            if (string.IsNullOrWhiteSpace(text) || text.Length > 4096)
            {
                return BadRequest("Bad Request: message text is empty or too long");
            }

            if (parseMode == "HTML" && AllowedMarkup().Replace(text, "").IndexOfAny(['<', '>', '&']) >= 0)
            {
                return BadRequest("Bad Request: can't parse entities: unsupported start tag or unescaped character");
            }

            _received.Enqueue(new Message(token, chat, text, parseMode));
            var id = Interlocked.Increment(ref _nextId);
            return Results.Json(new { ok = true, result = new { message_id = id, chat = new { id = chat }, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), text } });
        }));
    }

    private static IResult BadRequest(string description) => Results.Json(new { ok = false, error_code = 400, description }, statusCode: 400);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
