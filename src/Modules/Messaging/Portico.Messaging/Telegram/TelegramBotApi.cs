using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Portico.Messaging.Telegram;

/// <summary>
/// Telegram's Bot API (<c>{ApiUrl}/bot{token}/{method}</c>, JSON in and out), through the guarded outbound client
/// with its loggers removed: the token is part of every URL and must never reach a log. Every answer is
/// <c>{ok, result}</c> or <c>{ok: false, error_code, description, parameters.retry_after}</c>, which becomes a
/// <see cref="TelegramApiException"/>.
/// </summary>
internal sealed class TelegramBotApi(HttpClient http, IOptions<MessagingOptions> options)
{
    private const int MaxAnswerBytes = 4 << 20;

    public async Task<TelegramBot> GetMeAsync(string token, CancellationToken cancellationToken)
    {
        var me = await CallAsync(token, "getMe", new JsonObject(), cancellationToken);
        return new TelegramBot(me["id"]!.GetValue<long>(), me["username"]?.GetValue<string>() ?? "", me["first_name"]?.GetValue<string>() ?? "");
    }

    public Task SetWebhookAsync(string token, string url, string secret, CancellationToken cancellationToken) =>
        CallAsync(token, "setWebhook", new JsonObject
        {
            ["url"] = url,
            ["secret_token"] = secret,
            ["allowed_updates"] = new JsonArray("message", "edited_message", "callback_query", "my_chat_member"),
        }, cancellationToken);

    public Task DeleteWebhookAsync(string token, CancellationToken cancellationToken) =>
        CallAsync(token, "deleteWebhook", new JsonObject(), cancellationToken);

    public async Task<WebhookInfo> GetWebhookInfoAsync(string token, CancellationToken cancellationToken)
    {
        var info = await CallAsync(token, "getWebhookInfo", new JsonObject(), cancellationToken);
        return new WebhookInfo(
            info["url"]?.GetValue<string>() ?? "",
            info["pending_update_count"]?.GetValue<int>() ?? 0,
            info["last_error_message"]?.GetValue<string>(),
            info["last_error_date"]?.GetValue<long>() is { } date ? DateTimeOffset.FromUnixTimeSeconds(date) : null);
    }

    /// <summary>Updates after <paramref name="offset"/> (long polling for up to <paramref name="timeoutSeconds"/>), each as its JSON.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetUpdatesAsync(string token, long offset, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var updates = await CallAsync(token, "getUpdates", new JsonObject { ["offset"] = offset, ["timeout"] = timeoutSeconds, ["limit"] = 100 }, cancellationToken);
        return updates.AsArray().OfType<JsonObject>().ToList();
    }

    /// <summary>Sends a text (with an optional inline keyboard or other reply markup); returns Telegram's message id.</summary>
    public async Task<long> SendMessageAsync(string token, long chatId, string text, JsonNode? replyMarkup, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["chat_id"] = chatId, ["text"] = text };
        if (replyMarkup is not null)
        {
            body["reply_markup"] = replyMarkup.DeepClone();
        }

        var message = await CallAsync(token, "sendMessage", body, cancellationToken);
        return message["message_id"]!.GetValue<long>();
    }

    /// <summary><c>sendPhoto</c>: a photo by https URL (Telegram fetches it) or by a file id Telegram already has, with a caption.</summary>
    public async Task<long> SendPhotoAsync(string token, long chatId, string photo, string? caption, JsonNode? replyMarkup, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["chat_id"] = chatId, ["photo"] = photo };
        if (!string.IsNullOrEmpty(caption))
        {
            body["caption"] = caption;
        }

        if (replyMarkup is not null)
        {
            body["reply_markup"] = replyMarkup.DeepClone();
        }

        var message = await CallAsync(token, "sendPhoto", body, cancellationToken);
        return message["message_id"]!.GetValue<long>();
    }

    private async Task<JsonNode> CallAsync(string token, string method, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"{options.Value.Telegram.ApiUrl.TrimEnd('/')}/bot{token}/{method}", body, cancellationToken);
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(await OutboundHttp.ReadLimitedAsync(response.Content, MaxAnswerBytes, cancellationToken));
        }
        catch (JsonException)
        {
            throw new TelegramApiException((int)response.StatusCode, $"HTTP {(int)response.StatusCode} without a Bot API answer", null);
        }

        if (answer?["ok"]?.GetValue<bool>() == true && answer["result"] is { } result)
        {
            return result;
        }

        var code = answer?["error_code"]?.GetValue<int>() ?? (int)response.StatusCode;
        var description = answer?["description"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
        var retryAfter = answer?["parameters"]?["retry_after"]?.GetValue<int>();
        throw new TelegramApiException(code, description.Length > 300 ? description[..300] : description, retryAfter);
    }
}

internal sealed record TelegramBot(long Id, string Username, string FirstName);

internal sealed record WebhookInfo(string Url, int PendingUpdateCount, string? LastErrorMessage, DateTimeOffset? LastErrorDate);

/// <summary>A refusal from the Bot API: <see cref="ErrorCode"/> 401 (bad token), 403 (blocked by the user), 429 (wait <see cref="RetryAfter"/> seconds)…</summary>
internal sealed class TelegramApiException(int errorCode, string description, int? retryAfter)
    : Exception($"Telegram answered {errorCode}: {description}")
{
    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;

    public int? RetryAfter { get; } = retryAfter;

    public bool IsBlockedByUser => ErrorCode == (int)HttpStatusCode.Forbidden;
}
