using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>
/// The application with the notification providers pointed at local stand-ins: Telegram's Bot API, Slack
/// webhooks, MessageBird (the SMS provider here) and a push service with a fresh VAPID key pair. Settings
/// must be in place before the host starts, so this fixture creates the provider's factory itself.
/// </summary>
public sealed class NotificationsHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    // Made per run, so no token-shaped string is committed.
    public static readonly string PlatformBotToken = "111111:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    public static readonly string TenantBotToken = "222222:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public TFactory App { get; } = new();

    public FakeTelegramBotApi Telegram { get; } = new(PlatformBotToken, TenantBotToken);

    public FakeSlack Slack { get; } = new();

    public FakeMessageBird MessageBird { get; } = new();

    public P256Keys Vapid { get; } = P256Keys.Create();

    public FakePushService Push { get; }

    public NotificationsHost() => Push = new FakePushService(Vapid.PublicKey);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Telegram.StartAsync(), Slack.StartAsync(), MessageBird.StartAsync(), Push.StartAsync());
        // The outbound policy stays on: only the stand-ins' loopback ports are opened, over http.
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        var ports = new[] { Telegram.Url, Slack.Url, MessageBird.Url, Push.Url }.Select(u => new Uri(u).Port).ToArray();
        for (var i = 0; i < ports.Length; i++)
        {
            App.Set($"Portico:Outbound:AllowLoopbackPorts:{i}", ports[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        App.Set("Portico:Notifications:Telegram:ApiUrl", Telegram.Url);
        App.Set("Portico:Notifications:Telegram:BotToken", PlatformBotToken);
        App.Set("Portico:Notifications:Sms:Provider", "MessageBird");
        App.Set("Portico:Notifications:Sms:MessageBird:AccessKey", FakeMessageBird.AccessKey);
        App.Set("Portico:Notifications:Sms:MessageBird:ApiUrl", MessageBird.Url);
        App.Set("Portico:Notifications:WebPush:PublicKey", Vapid.PublicKey);
        App.Set("Portico:Notifications:WebPush:PrivateKey", Vapid.PrivateKey);
        App.Set("Portico:Notifications:WebPush:Subject", "mailto:ops@portico.test");
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Telegram.DisposeAsync();
        await Slack.DisposeAsync();
        await MessageBird.DisposeAsync();
        await Push.DisposeAsync();
    }
}
