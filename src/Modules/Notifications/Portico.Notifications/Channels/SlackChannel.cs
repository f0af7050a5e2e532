using System.Net.Http.Json;

namespace Portico.Notifications.Channels;

/// <summary>A Slack incoming webhook: <c>POST {webhook URL}</c> with JSON <c>{text}</c> in Slack's mrkdwn; Slack answers <c>ok</c>.</summary>
internal sealed class SlackChannel(HttpClient http) : INotificationChannel
{
    public string Name => ChannelNames.Slack;

    public Markup Markup => Markup.Slack;

    public async Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(message.Subject) ? message.Text : $"*{message.Subject}*\n{message.Text}";
        using var response = await http.PostAsJsonAsync(target.Address, new { text }, cancellationToken);
        var body = await ProviderAnswers.ReadAsync("Slack", response, cancellationToken);
        return $"slack {(int)response.StatusCode} {body}";
    }
}
