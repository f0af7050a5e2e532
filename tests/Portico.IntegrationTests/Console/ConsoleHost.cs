using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>
/// The application on a real Kestrel port (SQLite), and Debian's chromium driven by Playwright: what a person's
/// browser meets. One per test collection; each test opens its own browser context (its own cookies).
/// </summary>
public sealed class ConsoleHost : SqliteFactory
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

    private IPlaywright? _playwright;

    public ConsoleHost()
    {
        Port = FreePort();
        Set("Portico:Auth:PublicUrl", BaseUrl);
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A customer's webhook receiver on loopback; the outbound policy opens only its port (over http).</summary>
    public Webhooks.WebhookReceiver Receiver { get; } = new();

    /// <summary>Telegram's Bot API, for the bot pages (webhooks over http: the test server has no TLS).</summary>
    public FakeTelegramBotApi Telegram { get; } = new() { AllowHttpWebhooks = true };

    public override async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        await Telegram.StartAsync();
        Set("Portico:Outbound:AllowHttpToLoopback", "true");
        Set("Portico:Outbound:AllowLoopbackPorts:0", new Uri(Receiver.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Portico:Outbound:AllowLoopbackPorts:1", new Uri(Telegram.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Portico:Channels:Telegram:ApiUrl", Telegram.Url);
        await base.InitializeAsync();
        StartServer();
        _playwright = await Playwright.CreateAsync();
        // Expectations wait as long as everything else on a busy machine (Playwright's own default is 5 s).
        Assertions.SetDefaultExpectTimeout((float)Patience.Cap.TotalMilliseconds);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        await Telegram.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseStaticWebAssets();
    }

    /// <summary>A fresh browser context (no cookies) at desktop size, or at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout((float)Patience.Cap.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Patience.Cap.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleBrowsers : ICollectionFixture<ConsoleHost>
{
    public const string Name = "console";
}
