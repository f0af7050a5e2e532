using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Portico.Notifications.Channels;

/// <summary>
/// Telegram's Bot API: <c>POST {ApiUrl}/bot{token}/sendMessage</c> with JSON <c>{chat_id, text, parse_mode: "HTML"}</c>,
/// through the tenant's own bot or the platform's. Values in the text are HTML-escaped.
/// </summary>
internal sealed class TelegramChannel(HttpClient http, IOptions<NotificationsOptions> options) : INotificationChannel
{
    public string Name => ChannelNames.Telegram;

    public Markup Markup => Markup.Html;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Telegram;
        var token = target.Settings?.TelegramBotToken ?? settings.BotToken;
        if (string.IsNullOrEmpty(token))
        {
            throw new DeliveryRejectedException("No Telegram bot: set the tenant's bot token or Portico:Notifications:Telegram:BotToken.");
        }

        var text = string.IsNullOrWhiteSpace(message.Subject) ? message.Text : $"<b>{message.Subject}</b>\n{message.Text}";
        object chat = long.TryParse(target.Address, System.Globalization.CultureInfo.InvariantCulture, out var numeric) ? numeric : target.Address;
        using var response = await ProviderAnswers.SendAsync("Telegram", () => http.PostAsJsonAsync(
            $"{settings.ApiUrl.TrimEnd('/')}/bot{token}/sendMessage",
            new { chat_id = chat, text, parse_mode = "HTML", disable_web_page_preview = true },
            cancellationToken), cancellationToken);
        var body = await ProviderAnswers.ReadAsync("Telegram", response, cancellationToken);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("result", out var result) && result.TryGetProperty("message_id", out var id)
            ? $"telegram message_id {id.GetRawText()}"
            : ProviderAnswers.Trim(body);
    }
}
