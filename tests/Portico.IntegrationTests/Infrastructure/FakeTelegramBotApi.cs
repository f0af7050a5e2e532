using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// A local Telegram Bot API (https://core.telegram.org/bots/api) on a loopback port, answering in Telegram's wire
/// format: <c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error_code":N,"description":"…","parameters":{…}}</c>
/// with the HTTP status equal to <c>error_code</c>.
/// <list type="bullet">
/// <item>Methods live at <c>/bot{token}/{method}</c>, their names case-insensitive; GET and POST; parameters from
/// the query string, a JSON body, or a urlencoded or multipart form, as Telegram takes them. An unknown token is
/// 401 <c>Unauthorized</c>, an unknown method 404 <c>Not Found</c>.</item>
/// <item><c>getMe</c>; <c>setWebhook</c> (https only unless <see cref="AllowHttpWebhooks"/>, Telegram's ports,
/// <c>secret_token</c> of 1–256 <c>A-Za-z0-9_-</c>), <c>deleteWebhook</c>, <c>getWebhookInfo</c>;
/// <c>getUpdates</c> with Telegram's offset confirmation, long polling (capped at <see cref="MaxLongPollSeconds"/>),
/// 409 while a webhook is set and 409 for a poll overtaken by a newer one; <c>sendMessage</c> and <c>sendPhoto</c>
/// with Telegram's checks on text, captions, <c>parse_mode</c> (HTML tags and entities, MarkdownV2 reserved
/// characters) and <c>reply_markup</c>.</item>
/// <item>For tests: <see cref="QueueUpdate(string, JsonObject)"/>, <see cref="FailNext"/>, <see cref="BlockChat"/>,
/// <see cref="SetWebhookError"/>; every request is in <see cref="Calls"/>, every message sent in
/// <see cref="Received"/>; <see cref="DeliverAsync"/> pushes an update to a webhook as Telegram does, and
/// <see cref="Updates"/> builds the updates.</item>
/// </list>
/// Chat id <c>-1</c> is a chat that does not exist ("chat not found").
/// </summary>
public sealed partial class FakeTelegramBotApi : IAsyncDisposable
{
    /// <summary>Telegram waits up to 50 s on <c>getUpdates</c>; the fake no more than this, so tests stay quick.</summary>
    public const int MaxLongPollSeconds = 5;

    /// <summary>A message a bot sent: <c>sendMessage</c>'s text, or <c>sendPhoto</c>'s caption ("" without one).</summary>
    public sealed record Message(string Token, string ChatId, string Text, string? ParseMode)
    {
        public string Method { get; init; } = "sendMessage";

        public long MessageId { get; init; }

        /// <summary><c>sendPhoto</c>'s photo: a file_id, a URL, or <c>file:{name}</c> for an upload.</summary>
        public string? Photo { get; init; }

        /// <summary>The <c>reply_markup</c> as JSON text.</summary>
        public string? ReplyMarkup { get; init; }

        public long? ReplyToMessageId { get; init; }
    }

    /// <summary>One request: the method's canonical name (<c>sendMessage</c> whatever the case used) and its
    /// parameters as Telegram reads them (strings; a JSON body's non-string values as their JSON text).</summary>
    public sealed record ApiCall(DateTimeOffset At, string Token, string Method, IReadOnlyDictionary<string, string> Parameters);

    public sealed record Bot(string Token, long Id, string Username, string FirstName);

    public sealed record Webhook(string Url, string? SecretToken, IReadOnlyList<string>? AllowedUpdates, int MaxConnections);

    private static readonly Dictionary<string, string> KnownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["getMe"] = "getMe",
        ["setWebhook"] = "setWebhook",
        ["deleteWebhook"] = "deleteWebhook",
        ["getWebhookInfo"] = "getWebhookInfo",
        ["getUpdates"] = "getUpdates",
        ["sendMessage"] = "sendMessage",
        ["sendPhoto"] = "sendPhoto",
    };

    private static readonly int[] WebhookPorts = [443, 80, 88, 8443];

    private readonly ConcurrentQueue<Message> _received = new();
    private readonly ConcurrentQueue<ApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, BotState> _bots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private long _nextId = 100;
    private long _nextFile;

    /// <summary>Knows a bot per token, each <c>{id}:{secret}</c>: id the number before the colon, username
    /// <c>bot{id}_bot</c>, first name <c>Bot {id}</c>.</summary>
    public FakeTelegramBotApi(params string[] tokens)
    {
        foreach (var token in tokens)
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new ArgumentException("A bot token is '{bot id}:{secret}', like Telegram's.", nameof(tokens));
            }

            AddBot(token, id, $"bot{token[..colon]}_bot", $"Bot {token[..colon]}");
        }
    }

    public string Url { get; private set; } = "";

    /// <summary>Accept http webhook URLs on any port (tests listen on http loopback); Telegram insists on https.</summary>
    public bool AllowHttpWebhooks { get; init; }

    public IReadOnlyList<Message> Received => _received.ToList();

    public IReadOnlyList<ApiCall> Calls => _calls.ToList();

    public IReadOnlyList<ApiCall> CallsOf(string token, string method) =>
        _calls.Where(c => c.Token == token && string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Adds a bot, or changes the identity <c>getMe</c> reports for a known token.</summary>
    public void AddBot(string token, long id, string username, string firstName)
    {
        var bot = new Bot(token, id, username, firstName);
        _bots.AddOrUpdate(token, _ => new BotState(bot), (_, state) =>
        {
            state.Bot = bot;
            return state;
        });
    }

    /// <summary>Forgets a bot, as when its token is revoked in BotFather: its token is then 401.</summary>
    public void RevokeBot(string token) => _bots.TryRemove(token, out _);

    public Webhook? WebhookOf(string token)
    {
        var state = StateOf(token);
        lock (state.Gate)
        {
            return state.Webhook;
        }
    }

    /// <summary>What <c>getWebhookInfo</c> reports until the webhook is set or deleted again.</summary>
    public void SetWebhookError(string token, int pendingCount, string message)
    {
        var state = StateOf(token);
        lock (state.Gate)
        {
            state.WebhookError = (pendingCount, message, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Queues an update for <c>getUpdates</c>; without an <c>update_id</c> it gets the next one. Returns the id.</summary>
    public long QueueUpdate(string token, JsonObject update)
    {
        var state = StateOf(token);
        var copy = (JsonObject)update.DeepClone();
        lock (state.Gate)
        {
            long id;
            if (copy["update_id"] is { } given && given.GetValueKind() == JsonValueKind.Number)
            {
                id = long.Parse(given.ToJsonString(), CultureInfo.InvariantCulture);
            }
            else
            {
                id = state.NextUpdateId;
                copy["update_id"] = id;
            }

            state.NextUpdateId = Math.Max(state.NextUpdateId, id + 1);
            state.Pending.Add((id, copy));
            state.Pending.Sort((a, b) => a.Id.CompareTo(b.Id));
            var arrived = state.Arrived;
            state.Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
            return id;
        }
    }

    /// <inheritdoc cref="QueueUpdate(string, JsonObject)"/>
    public long QueueUpdate(string token, string update) =>
        QueueUpdate(token, JsonNode.Parse(update) as JsonObject ?? throw new ArgumentException("An update is a JSON object.", nameof(update)));

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> by this bot answer this error,
    /// e.g. <c>FailNext(token, "sendMessage", 1, 429, "Too Many Requests: retry after 2", 2)</c>.</summary>
    public void FailNext(string token, string method, int count, int errorCode, string description, int? retryAfter = null)
    {
        var state = StateOf(token);
        lock (state.Gate)
        {
            state.Failures[method] = new Failure(count, errorCode, description, retryAfter);
        }
    }

    /// <summary>The user of this private chat blocked the bot: sending there is 403.</summary>
    public void BlockChat(string token, long chatId) => BlockChat(token, chatId.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc cref="BlockChat(string, long)"/>
    public void BlockChat(string token, string chatId)
    {
        var state = StateOf(token);
        lock (state.Gate)
        {
            state.Blocked.Add(chatId);
        }
    }

    public void UnblockChat(string token, long chatId)
    {
        var state = StateOf(token);
        lock (state.Gate)
        {
            state.Blocked.Remove(chatId.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Pushes an update to a webhook as Telegram does: a JSON POST, with the
    /// <c>X-Telegram-Bot-Api-Secret-Token</c> header when the webhook has a secret.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(HttpClient client, string webhookUrl, string? secretToken, string updateJson)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new StringContent(updateJson, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secretToken is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secretToken);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Pushes an update to the webhook this bot set (its URL and secret).</summary>
    public Task<HttpResponseMessage> DeliverToWebhookAsync(HttpClient client, string token, string updateJson)
    {
        var webhook = WebhookOf(token) ?? throw new InvalidOperationException("The bot has no webhook set.");
        return DeliverAsync(client, webhook.Url, webhook.SecretToken, updateJson);
    }

    [GeneratedRegex(@"</?(b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote)>|<a href=""[^""<>]*"">|</a>|&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")]
    private static partial Regex AllowedMarkup();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretTokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex FileIdShape();

    public async Task StartAsync()
    {
        (_app, Url) = await LoopbackHost.StartAsync(app =>
        {
            app.MapMethods("/{bot}/{method}", ["GET", "POST"], (string bot, string method, HttpContext context) => HandleAsync(bot, method, context));
            app.MapFallback(() => Error(404, "Not Found"));
        });
    }

    private async Task<IResult> HandleAsync(string bot, string method, HttpContext context)
    {
        if (!bot.StartsWith("bot", StringComparison.Ordinal))
        {
            return Error(404, "Not Found");
        }

        var token = bot[3..];
        var name = KnownMethods.GetValueOrDefault(method) ?? method;
        Dictionary<string, string> parameters;
        try
        {
            parameters = await ReadParametersAsync(context.Request);
        }
        catch (JsonException)
        {
            _calls.Enqueue(new ApiCall(DateTimeOffset.UtcNow, token, name, new Dictionary<string, string>()));
            return Error(400, "Bad Request: can't parse JSON object");
        }

        _calls.Enqueue(new ApiCall(DateTimeOffset.UtcNow, token, name, parameters));
        if (!_bots.TryGetValue(token, out var state))
        {
            return Error(401, "Unauthorized");
        }

        lock (state.Gate)
        {
            if (state.Failures.TryGetValue(name, out var failure) && failure.Remaining > 0)
            {
                state.Failures[name] = failure with { Remaining = failure.Remaining - 1 };
                return Error(failure.ErrorCode, failure.Description, failure.RetryAfter);
            }
        }

        return name switch
        {
            "getMe" => Ok(new JsonObject
            {
                ["id"] = state.Bot.Id,
                ["is_bot"] = true,
                ["first_name"] = state.Bot.FirstName,
                ["username"] = state.Bot.Username,
                ["can_join_groups"] = true,
                ["can_read_all_group_messages"] = false,
                ["supports_inline_queries"] = false,
            }),
            "setWebhook" => SetWebhook(state, parameters),
            "deleteWebhook" => DeleteWebhook(state, parameters),
            "getWebhookInfo" => GetWebhookInfo(state),
            "getUpdates" => await GetUpdatesAsync(state, parameters, context.RequestAborted),
            "sendMessage" => SendMessage(state, parameters),
            "sendPhoto" => SendPhoto(state, parameters),
            _ => Error(404, "Not Found"),
        };
    }

    private IResult SetWebhook(BotState state, Dictionary<string, string> parameters)
    {
        var url = parameters.GetValueOrDefault("url") ?? "";
        if (url.Length == 0)
        {
            // Telegram: "Pass an empty string to remove webhook integration".
            return DeleteWebhook(state, parameters);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (AllowHttpWebhooks && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return Error(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        }

        if (!AllowHttpWebhooks && !WebhookPorts.Contains(uri.Port))
        {
            return Error(400, "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
        }

        var secret = parameters.GetValueOrDefault("secret_token");
        if (!string.IsNullOrEmpty(secret) && !SecretTokenShape().IsMatch(secret))
        {
            return Error(400, "Bad Request: secret token contains unallowed characters");
        }

        var maxConnections = Number(parameters, "max_connections") is { } max ? (int)Math.Clamp(max, 1, 100) : 40;
        var webhook = new Webhook(url, string.IsNullOrEmpty(secret) ? null : secret, StringList(parameters.GetValueOrDefault("allowed_updates")), maxConnections);
        lock (state.Gate)
        {
            var same = state.Webhook is { } current && current.Url == webhook.Url && current.SecretToken == webhook.SecretToken
                && current.MaxConnections == webhook.MaxConnections
                && (current.AllowedUpdates ?? []).SequenceEqual(webhook.AllowedUpdates ?? current.AllowedUpdates ?? []);
            state.Webhook = webhook with { AllowedUpdates = webhook.AllowedUpdates ?? state.Webhook?.AllowedUpdates };
            state.WebhookError = null;
            if (Flag(parameters, "drop_pending_updates"))
            {
                state.Pending.Clear();
            }

            return Ok(true, same ? "Webhook is already set" : "Webhook was set");
        }
    }

    private static IResult DeleteWebhook(BotState state, Dictionary<string, string> parameters)
    {
        lock (state.Gate)
        {
            var had = state.Webhook is not null;
            state.Webhook = null;
            state.WebhookError = null;
            if (Flag(parameters, "drop_pending_updates"))
            {
                state.Pending.Clear();
            }

            return Ok(true, had ? "Webhook was deleted" : "Webhook is already deleted");
        }
    }

    private static IResult GetWebhookInfo(BotState state)
    {
        lock (state.Gate)
        {
            var info = new JsonObject
            {
                ["url"] = state.Webhook?.Url ?? "",
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = state.WebhookError?.Pending ?? state.Pending.Count,
            };
            if (state.WebhookError is { } error)
            {
                info["last_error_date"] = error.At.ToUnixTimeSeconds();
                info["last_error_message"] = error.Message;
            }

            if (state.Webhook is { } webhook)
            {
                info["max_connections"] = webhook.MaxConnections;
                if (webhook.AllowedUpdates is { } allowed)
                {
                    info["allowed_updates"] = new JsonArray([.. allowed.Select(a => (JsonNode)a)]);
                }
            }

            return Ok(info);
        }
    }

    private async Task<IResult> GetUpdatesAsync(BotState state, Dictionary<string, string> parameters, CancellationToken aborted)
    {
        var offset = Number(parameters, "offset") ?? 0;
        var limit = (int)Math.Clamp(Number(parameters, "limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(Number(parameters, "timeout") ?? 0, 0, MaxLongPollSeconds));
        var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        CancellationTokenSource? previous;
        lock (state.Gate)
        {
            if (state.Webhook is not null)
            {
                poll.Dispose();
                return Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
            }

            // Telegram: an update is confirmed once getUpdates is called with an offset higher than its id;
            // a negative offset keeps only that many updates from the end of the queue.
            if (offset > 0)
            {
                state.Pending.RemoveAll(u => u.Id < offset);
            }
            else if (offset < 0)
            {
                state.Pending.RemoveRange(0, (int)Math.Max(0, state.Pending.Count + offset));
            }

            previous = state.Poller;
            state.Poller = poll;
        }

        // Telegram ends a waiting getUpdates when another one for the same bot arrives.
        try
        {
            previous?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That poll has just ended by itself.
        }

        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                Task arrived;
                lock (state.Gate)
                {
                    if (state.Pending.Count > 0 || clock.Elapsed >= timeout || poll.IsCancellationRequested)
                    {
                        if (poll.IsCancellationRequested && !aborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
                        {
                            return Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                        }

                        return Ok(new JsonArray([.. state.Pending.Take(limit).Select(u => u.Update.DeepClone())]));
                    }

                    arrived = state.Arrived.Task;
                }

                await Task.WhenAny(arrived, Task.Delay(TimeSpan.FromTicks(Math.Max(0, (timeout - clock.Elapsed).Ticks)), poll.Token));
            }
        }
        finally
        {
            lock (state.Gate)
            {
                if (state.Poller == poll)
                {
                    state.Poller = null;
                }

                poll.Dispose();
            }
        }
    }

    private IResult SendMessage(BotState state, Dictionary<string, string> parameters)
    {
        var chat = parameters.GetValueOrDefault("chat_id");
        var text = parameters.GetValueOrDefault("text");
        var parseMode = parameters.GetValueOrDefault("parse_mode");
        var markup = parameters.GetValueOrDefault("reply_markup");
        if ((ChatProblem(state, chat) ?? TextProblem(text, parseMode) ?? MarkupProblem(markup)) is { } problem)
        {
            return problem;
        }

        var replyTo = ReplyTo(parameters);
        var message = NewMessage(state, chat!, replyTo, markup);
        message["text"] = IsHtml(parseMode) ? WebUtility.HtmlDecode(AnyTag().Replace(text!, "")) : text;
        _received.Enqueue(new Message(state.Bot.Token, chat!, text!, parseMode)
        {
            MessageId = (long)message["message_id"]!, ReplyMarkup = markup, ReplyToMessageId = replyTo,
        });
        return Ok(message);
    }

    private IResult SendPhoto(BotState state, Dictionary<string, string> parameters)
    {
        var chat = parameters.GetValueOrDefault("chat_id");
        var photo = parameters.GetValueOrDefault("photo");
        var caption = parameters.GetValueOrDefault("caption");
        var parseMode = parameters.GetValueOrDefault("parse_mode");
        var markup = parameters.GetValueOrDefault("reply_markup");
        if ((ChatProblem(state, chat) ?? PhotoProblem(photo) ?? CaptionProblem(caption, parseMode) ?? MarkupProblem(markup)) is { } problem)
        {
            return problem;
        }

        var replyTo = ReplyTo(parameters);
        var message = NewMessage(state, chat!, replyTo, markup);
        var n = Interlocked.Increment(ref _nextFile);
        var isFileId = FileIdShape().IsMatch(photo!);
        message["photo"] = new JsonArray(
            PhotoSize($"AgACAgIAAxkBAAI{n}s", $"AQAD{n}s", 90, 68, 1_200),
            PhotoSize(isFileId ? photo! : $"AgACAgIAAxkBAAI{n}y", $"AQAD{n}y", 800, 600, 48_000));
        if (!string.IsNullOrEmpty(caption))
        {
            message["caption"] = IsHtml(parseMode) ? WebUtility.HtmlDecode(AnyTag().Replace(caption, "")) : caption;
        }

        _received.Enqueue(new Message(state.Bot.Token, chat!, caption ?? "", parseMode)
        {
            Method = "sendPhoto", MessageId = (long)message["message_id"]!, Photo = photo, ReplyMarkup = markup, ReplyToMessageId = replyTo,
        });
        return Ok(message);
    }

    private static JsonObject PhotoSize(string fileId, string uniqueId, int width, int height, int size) => new()
    {
        ["file_id"] = fileId, ["file_unique_id"] = uniqueId, ["file_size"] = size, ["width"] = width, ["height"] = height,
    };

    private JsonObject NewMessage(BotState state, string chat, long? replyTo, string? markup)
    {
        var date = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextId),
            ["from"] = new JsonObject
            {
                ["id"] = state.Bot.Id, ["is_bot"] = true, ["first_name"] = state.Bot.FirstName, ["username"] = state.Bot.Username,
            },
            ["chat"] = Chat(chat),
            ["date"] = date,
        };
        if (replyTo is { } id)
        {
            message["reply_to_message"] = new JsonObject { ["message_id"] = id, ["chat"] = Chat(chat), ["date"] = date };
        }

        // Telegram echoes an inline keyboard in the message it sent; reply keyboards are not part of the message.
        if (markup is not null && JsonNode.Parse(markup)?["inline_keyboard"] is { } keyboard)
        {
            message["reply_markup"] = new JsonObject { ["inline_keyboard"] = keyboard.DeepClone() };
        }

        return message;
    }

    private JsonObject Chat(string chat)
    {
        if (chat.StartsWith('@'))
        {
            var id = _channels.GetOrAdd(chat, _ => -1_001_000_000_000 - _channels.Count);
            return new JsonObject { ["id"] = id, ["title"] = chat[1..], ["username"] = chat[1..], ["type"] = "channel" };
        }

        var number = long.Parse(chat, CultureInfo.InvariantCulture);
        return number switch
        {
            > 0 => new JsonObject { ["id"] = number, ["type"] = "private" },
            <= -1_000_000_000_000 => new JsonObject { ["id"] = number, ["title"] = $"Supergroup {chat}", ["type"] = "supergroup" },
            _ => new JsonObject { ["id"] = number, ["title"] = $"Group {chat}", ["type"] = "group" },
        };
    }

    private static IResult? ChatProblem(BotState state, string? chat)
    {
        if (string.IsNullOrEmpty(chat))
        {
            return Error(400, "Bad Request: chat_id is empty");
        }

        if (chat == "-1" || !(chat.StartsWith('@') || long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return Error(400, "Bad Request: chat not found");
        }

        lock (state.Gate)
        {
            return state.Blocked.Contains(chat) ? Error(403, "Forbidden: bot was blocked by the user") : null;
        }
    }

    private static IResult? TextProblem(string? text, string? parseMode)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error(400, "Bad Request: message text is empty");
        }

        return text.Length > 4096 ? Error(400, "Bad Request: message is too long") : ParseModeProblem(text, parseMode);
    }

    private static IResult? CaptionProblem(string? caption, string? parseMode)
    {
        if (string.IsNullOrEmpty(caption))
        {
            return null;
        }

        return caption.Length > 1024 ? Error(400, "Bad Request: message caption is too long") : ParseModeProblem(caption, parseMode);
    }

    private static IResult? PhotoProblem(string? photo)
    {
        if (string.IsNullOrEmpty(photo))
        {
            return Error(400, "Bad Request: there is no photo in the request");
        }

        var isUrl = Uri.TryCreate(photo, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        return isUrl || photo.StartsWith("file:", StringComparison.Ordinal) || FileIdShape().IsMatch(photo)
            ? null
            : Error(400, "Bad Request: wrong file identifier/HTTP URL specified");
    }

    private static IResult? ParseModeProblem(string text, string? parseMode)
    {
        if (string.IsNullOrEmpty(parseMode) || string.Equals(parseMode, "Markdown", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (IsHtml(parseMode))
        {
            return AllowedMarkup().Replace(text, "").IndexOfAny(['<', '>', '&']) >= 0
                ? Error(400, "Bad Request: can't parse entities: unsupported start tag or unescaped character")
                : null;
        }

        if (!string.Equals(parseMode, "MarkdownV2", StringComparison.OrdinalIgnoreCase))
        {
            return Error(400, "Bad Request: unsupported parse_mode");
        }

        // MarkdownV2: these characters mean nothing as markup and must always be escaped, outside code and link URLs.
        var code = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '`')
            {
                code = !code;
            }
            else if (!code && text[i] == ']' && i + 1 < text.Length && text[i + 1] == '(')
            {
                while (i < text.Length && text[i] != ')')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }
            }
            else if (!code && "#+-={}.!".Contains(text[i], StringComparison.Ordinal))
            {
                return Error(400, $"Bad Request: can't parse entities: Character '{text[i]}' is reserved and must be escaped with the preceding '\\'");
            }
        }

        return null;
    }

    private static IResult? MarkupProblem(string? markup)
    {
        if (markup is null)
        {
            return null;
        }

        JsonObject? parsed;
        try
        {
            parsed = JsonNode.Parse(markup) as JsonObject;
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is null)
        {
            return Error(400, "Bad Request: can't parse reply keyboard markup JSON object");
        }

        if (!parsed.TryGetPropertyValue("inline_keyboard", out var keyboard))
        {
            return null;
        }

        if (keyboard is not JsonArray rows || rows.Any(r => r is not JsonArray))
        {
            return Error(400, "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
        }

        foreach (var button in rows.SelectMany(r => (JsonArray)r!))
        {
            if (button is not JsonObject b || b["text"]?.GetValueKind() != JsonValueKind.String)
            {
                return Error(400, "Bad Request: can't parse inline keyboard button: Field \"text\" must be of type String");
            }

            if (b["callback_data"] is { } data && (data.GetValueKind() != JsonValueKind.String || Encoding.UTF8.GetByteCount((string)data!) is < 1 or > 64))
            {
                return Error(400, "Bad Request: BUTTON_DATA_INVALID");
            }

            if (b.Count == 1)
            {
                return Error(400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
            }
        }

        return null;
    }

    private static bool IsHtml(string? parseMode) => string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase);

    private static long? ReplyTo(Dictionary<string, string> parameters)
    {
        if (Number(parameters, "reply_to_message_id") is { } id)
        {
            return id;
        }

        try
        {
            return parameters.GetValueOrDefault("reply_parameters") is { } reply ? (long?)(JsonNode.Parse(reply)?["message_id"]) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                parameters[file.Name] = "file:" + file.FileName;
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync();
            if (string.IsNullOrWhiteSpace(text))
            {
                return parameters;
            }

            var body = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("Not an object.");
            foreach (var (key, value) in body)
            {
                if (value is not null && value.GetValueKind() != JsonValueKind.Null)
                {
                    parameters[key] = value.GetValueKind() == JsonValueKind.String ? (string)value! : value.ToJsonString();
                }
            }
        }

        return parameters;
    }

    private static long? Number(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static bool Flag(Dictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && (value == "1" || (bool.TryParse(value, out var flag) && flag));

    private static List<string>? StringList(string? json)
    {
        try
        {
            return json is null ? null : JsonNode.Parse(json) is JsonArray items ? [.. items.Select(i => i?.ToString() ?? "")] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private BotState StateOf(string token) =>
        _bots.TryGetValue(token, out var state) ? state : throw new InvalidOperationException("The fake knows no bot with this token.");

    private static IResult Ok(JsonNode result, string? description = null)
    {
        var body = new JsonObject { ["ok"] = true, ["result"] = result };
        if (description is not null)
        {
            body["description"] = description;
        }

        return Results.Json(body);
    }

    private static IResult Error(int code, string description, int? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        return Results.Json(body, statusCode: code);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private sealed record Failure(int Remaining, int ErrorCode, string Description, int? RetryAfter);

    private sealed class BotState(Bot bot)
    {
        public Lock Gate { get; } = new();

        public Bot Bot { get; set; } = bot;

        public Webhook? Webhook { get; set; }

        public (int Pending, string Message, DateTimeOffset At)? WebhookError { get; set; }

        public List<(long Id, JsonObject Update)> Pending { get; } = [];

        public long NextUpdateId { get; set; } = 1;

        public TaskCompletionSource Arrived { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource? Poller { get; set; }

        public HashSet<string> Blocked { get; } = [];

        public Dictionary<string, Failure> Failures { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
