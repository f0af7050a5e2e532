using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Messaging;

/// <summary>
/// The application with Telegram's Bot API replaced by a local fake (webhooks over http allowed, as the test server
/// has no TLS) and short messaging timings. Settings must be in place before the host starts.
/// </summary>
public sealed class MessagingHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public TFactory App { get; } = new();

    public FakeTelegramBotApi Telegram { get; } = new() { AllowHttpWebhooks = true };

    public async Task InitializeAsync()
    {
        await Telegram.StartAsync();
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        App.Set("Portico:Outbound:AllowLoopbackPorts:0", new Uri(Telegram.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Channels:Telegram:ApiUrl", Telegram.Url);
        App.Set("Portico:Channels:ProcessorIdlePoll", "00:00:00.200");
        App.Set("Portico:Channels:HealthCheckPeriod", "00:00:01");
        App.CaptureLogs();
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Telegram.DisposeAsync();
    }

    /// <summary>A new bot token the fake knows (made per run: no token-shaped string is committed).</summary>
    public (string Token, long Id, string Username) NewBot()
    {
        var id = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var token = $"{id}:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        var username = $"studio{id}_bot";
        Telegram.AddBot(token, id, username, "Studio bot");
        return (token, id, username);
    }
}
