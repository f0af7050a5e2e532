using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.Notifications;
using Portico.IntegrationTests.Webhooks;

namespace Portico.IntegrationTests.Tenancy;

/// <summary>
/// The application with every module that keeps tenant data reachable from a test: webhooks to a local receiver,
/// Slack to a local stand-in, files in a folder of the test's own. Settings must be in place before the host
/// starts, so this fixture creates the provider's factory itself.
/// </summary>
public sealed class LifecycleHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public TFactory App { get; } = new();

    public WebhookReceiver Receiver { get; } = new();

    public FakeSlack Slack { get; } = new();

    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), $"portico-lifecycle-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Receiver.StartAsync(), Slack.StartAsync());
        // The outbound policy stays on: only the stand-ins' loopback ports are opened, over http.
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        App.Set("Portico:Outbound:AllowLoopbackPorts:0", new Uri(Receiver.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Outbound:AllowLoopbackPorts:1", new Uri(Slack.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App.Set("Portico:Webhooks:Timeout", "00:00:02");
        App.Set("Portico:Files:LocalPath", StorageRoot);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Receiver.DisposeAsync();
        await Slack.DisposeAsync();
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }
}
