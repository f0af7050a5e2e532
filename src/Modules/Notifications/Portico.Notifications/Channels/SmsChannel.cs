using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Kernel.Sms;

namespace Portico.Notifications.Channels;

/// <summary>
/// Texts: through the platform's SMS port (Twilio, or the pickup folder) or through MessageBird's REST API,
/// per <c>Portico:Notifications:Sms:Provider</c>.
/// </summary>
internal sealed class SmsChannel(IServiceProvider services, IOptions<NotificationsOptions> options) : INotificationChannel
{
    public string Name => ChannelNames.Sms;

    public Markup Markup => Markup.PlainText;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        if (string.Equals(options.Value.Sms.Provider, "MessageBird", StringComparison.OrdinalIgnoreCase))
        {
            return await services.GetRequiredService<MessageBirdClient>().SendAsync(target, message.Text, cancellationToken);
        }

        await services.GetRequiredService<ISmsSender>().SendAsync(target.Address, message.Text, cancellationToken);
        return "accepted by the SMS provider";
    }
}

/// <summary>
/// MessageBird's SMS API: <c>POST {ApiUrl}/messages</c> with <c>Authorization: AccessKey {key}</c> and JSON
/// <c>{originator, recipients, body, reference}</c>; answers 201 with the message resource.
/// </summary>
internal sealed class MessageBirdClient(HttpClient http, IOptions<NotificationsOptions> options)
{
    public async Task<string> SendAsync(ChannelTarget target, string text, CancellationToken cancellationToken)
    {
        var settings = options.Value.Sms.MessageBird;
        if (string.IsNullOrEmpty(settings.AccessKey))
        {
            throw new DeliveryRejectedException("MessageBird is not configured (Portico:Notifications:Sms:MessageBird:AccessKey).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.ApiUrl.TrimEnd('/')}/messages")
        {
            Content = JsonContent.Create(new
            {
                originator = target.Settings?.SmsSenderName ?? settings.Originator,
                recipients = new[] { target.Address.TrimStart('+') },
                body = text,
                reference = target.DeliveryId.ToString(),
            }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"AccessKey {settings.AccessKey}");
        using var response = await ProviderAnswers.SendAsync("MessageBird", () => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), cancellationToken);
        var body = await ProviderAnswers.ReadAsync("MessageBird", response, cancellationToken);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("id", out var id) ? $"messagebird id {id.GetString()}" : ProviderAnswers.Trim(body);
    }
}
