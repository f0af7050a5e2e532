using System.Net.Http.Json;
using Portico.Kernel.Http;

namespace Portico.Notifications.Channels;

/// <summary>
/// A Slack incoming webhook: <c>POST {webhook URL}</c> with JSON <c>{text}</c> in Slack's mrkdwn; Slack answers <c>ok</c>.
/// The URL is the tenant's, so the log keeps only the status (<c>slack: HTTP 404</c>), never the answer's body.
/// </summary>
internal sealed class SlackChannel(HttpClient http) : INotificationChannel
{
    public string Name => ChannelNames.Slack;

    public Markup Markup => Markup.Slack;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(message.Subject) ? message.Text : $"*{message.Subject}*\n{message.Text}";
        using var response = await ProviderAnswers.SendAsync(Name, () => http.PostAsJsonAsync(target.Address, new { text }, cancellationToken), cancellationToken);
        return ProviderAnswers.StatusOnly(Name, response);
    }
}
