namespace Portico.Notifications;

/// <summary>Settings under <c>Portico:Notifications</c>: the platform's provider accounts (tenants add their own Slack and Telegram settings through the API).</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "Portico:Notifications";

    public SmsChannelOptions Sms { get; set; } = new();

    public TelegramChannelOptions Telegram { get; set; } = new();

    public WebPushOptions WebPush { get; set; } = new();
}

internal sealed class SmsChannelOptions
{
    /// <summary><c>Twilio</c> (the platform's SMS port: Twilio or the pickup folder) or <c>MessageBird</c>.</summary>
    public string Provider { get; set; } = "Twilio";

    public MessageBirdOptions MessageBird { get; set; } = new();
}

internal sealed class MessageBirdOptions
{
    public string? AccessKey { get; set; }

    public string ApiUrl { get; set; } = "https://rest.messagebird.com";

    /// <summary>Sender shown on the phone (number or up to 11 letters) unless the tenant sets its own sender name.</summary>
    public string Originator { get; set; } = "Portico";
}

internal sealed class TelegramChannelOptions
{
    /// <summary>The platform's bot, used for tenants that have not set their own.</summary>
    public string? BotToken { get; set; }

    public string ApiUrl { get; set; } = "https://api.telegram.org";
}

internal sealed class WebPushOptions
{
    /// <summary>VAPID public key: the uncompressed P-256 point, base64url (65 bytes).</summary>
    public string? PublicKey { get; set; }

    /// <summary>VAPID private key: the P-256 scalar, base64url (32 bytes).</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Contact of the sender for push services: <c>mailto:</c> or <c>https:</c>.</summary>
    public string Subject { get; set; } = "mailto:no-reply@portico.local";

    /// <summary>How long a push service keeps an undelivered message, in seconds.</summary>
    public int TimeToLive { get; set; } = 86400;

    public bool Enabled => !string.IsNullOrWhiteSpace(PublicKey) && !string.IsNullOrWhiteSpace(PrivateKey);
}
