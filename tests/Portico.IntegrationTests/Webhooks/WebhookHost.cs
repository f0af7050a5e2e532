using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Webhooks;

/// <summary>
/// The application with webhook settings for tests (http to the receiver's loopback port allowed, every other internal address refused, short timeout and retry delays,
/// endpoints disabled after 3 failed attempts) plus a receiver. The settings must be in place before the
/// host starts, so this fixture creates the provider's factory itself.
/// </summary>
public sealed class WebhookHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public const int DisableAfter = 3;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public TFactory App { get; } = new();

    public WebhookReceiver Receiver { get; } = new();

    public async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        // The outbound policy stays on: only the receiver's own loopback port is opened, over http.
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        App.Set("Portico:Outbound:AllowLoopbackPorts:0", new Uri(Receiver.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Webhooks:Timeout", Timeout.ToString());
        App.Set("Portico:Webhooks:RetryDelays:0", "00:00:01");
        App.Set("Portico:Webhooks:RetryDelays:1", "00:00:01");
        App.Set("Portico:Webhooks:RetryDelays:2", "00:00:01");
        App.Set("Portico:Webhooks:DisableAfterConsecutiveFailures", DisableAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Webhooks:DisableAfterFailingFor", "00:00:00");
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
