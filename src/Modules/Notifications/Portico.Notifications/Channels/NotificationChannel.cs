using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Portico.Kernel.Http;

namespace Portico.Notifications.Channels;

/// <summary>The channels a trigger can deliver through.</summary>
internal static class ChannelNames
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Telegram = "telegram";
    public const string Slack = "slack";
    public const string WebPush = "webpush";
    public const string InApp = "inapp";

    public static readonly string[] All = [Email, Sms, Telegram, Slack, WebPush, InApp];

    /// <summary>Channels that reach a member by their user id rather than by an address.</summary>
    public static bool IsPersonal(string channel) => channel is WebPush or InApp;
}

/// <summary>What a template rendered into, for one recipient.</summary>
internal sealed record RenderedMessage(string Subject, string Text, string? Html = null);

/// <summary>Where one delivery goes: the address (email, phone, chat id, webhook URL or user id) and what the channel may need besides.</summary>
internal sealed record ChannelTarget(Guid DeliveryId, string Address, Guid? UserId, string? Name, string EventType, ChannelSettings? Settings);

/// <summary>How values are escaped when a template renders for a channel: the template's own markup is kept, values never become markup.</summary>
internal enum Markup
{
    PlainText,
    Html,
    Slack,
}

/// <summary>
/// One way out: email, SMS, Telegram, Slack, Web Push or in-app. <see cref="SendAsync"/> returns the
/// provider's answer (a message id or status) for the delivery log. A refusal that a retry cannot fix
/// throws <see cref="DeliveryRejectedException"/>; anything else that throws is retried.
/// </summary>
internal interface INotificationChannel
{
    string Name { get; }

    Markup Markup { get; }

    Task<string> SendAsync(ChannelTarget target, RenderedMessage message, CancellationToken cancellationToken);
}

/// <summary>The provider refused the message for good (unknown chat, revoked webhook, bad number): recorded as failed, not retried.</summary>
internal sealed class DeliveryRejectedException(string answer) : Exception(answer);

/// <summary>The provider could not take the message now (5xx, 429, timeout): recorded as retrying, then retried.</summary>
internal sealed class ProviderUnavailableException(string answer) : Exception(answer);

internal static class ProviderAnswers
{
    private const int MaxAnswerLength = 1000;

    /// <summary>The most of a provider's answer that is read: a JSON reply is far smaller; anything longer is refused, not buffered.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>
    /// Sends through a guarded client and turns a failure to get any answer into a retryable (or, for an address the
    /// policy refuses, final) outcome whose text is a short fixed status: no socket error ever reaches the log.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(string provider, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        try
        {
            return await send();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && OutboundStatus.Of(ex) is { } status)
        {
            var answer = $"{provider}: {status}";
            throw status == OutboundStatus.Refused ? new DeliveryRejectedException(answer) : new ProviderUnavailableException(answer);
        }
    }

    /// <summary>For destinations tenants choose (Slack webhooks): success or failure by the status code alone, which is all the log keeps.</summary>
    public static string StatusOnly(string provider, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var answer = $"{provider}: {OutboundStatus.Of(response)}";
        if (response.IsSuccessStatusCode)
        {
            return answer;
        }

        throw IsRetryable(response.StatusCode) ? new ProviderUnavailableException(answer) : new DeliveryRejectedException(answer);
    }

    /// <summary>
    /// For provider APIs the operator configured (Telegram, MessageBird): success returns the body (at most <see cref="MaxAnswerBytes"/>),
    /// 408/429/5xx throw a retryable error, other 4xx a rejection, both with the provider's own words.
    /// </summary>
    public static async Task<string> ReadAsync(string provider, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body;
        try
        {
            body = Trim(await OutboundHttp.ReadLimitedAsync(response.Content, MaxAnswerBytes, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && OutboundStatus.Of(ex) is { } status)
        {
            throw new ProviderUnavailableException($"{provider} answered {(int)response.StatusCode}: {status}");
        }

        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        var answer = $"{provider} answered {(int)response.StatusCode}: {body}";
        throw IsRetryable(response.StatusCode) ? new ProviderUnavailableException(answer) : new DeliveryRejectedException(answer);
    }

    public static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public static string Trim(string? text) => text is null ? "" : text.Length <= MaxAnswerLength ? text : text[..MaxAnswerLength] + "…";

    /// <summary>Escapes values for HTML bodies (email, Telegram) without turning Cyrillic or other letters into entities.</summary>
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
}
