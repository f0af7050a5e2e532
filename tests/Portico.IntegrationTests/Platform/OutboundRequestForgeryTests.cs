using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.Notifications;
using Portico.IntegrationTests.Webhooks;

namespace Portico.IntegrationTests.Platform;

/// <summary>
/// An internal service on a loopback port the outbound policy does not open: what an attacker aims at. It counts
/// every TCP connection it accepts, so a test can prove the server never reached it.
/// </summary>
public sealed class InternalService : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _connections;

    public InternalService()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync();
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public void Dispose() => _listener.Stop();
}

/// <summary>
/// The application with the outbound policy on, as in production, except that the stand-ins' own loopback ports
/// (a webhook receiver, a Slack service, a push service) are opened over http. The internal service is not opened.
/// </summary>
public sealed class OutboundHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public TFactory App { get; } = new();

    public WebhookReceiver Receiver { get; } = new();

    public FakeSlack Slack { get; } = new();

    public P256Keys Vapid { get; } = P256Keys.Create();

    public FakePushService Push { get; }

    public InternalService Internal { get; } = new();

    public OutboundHost() => Push = new FakePushService(Vapid.PublicKey);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Receiver.StartAsync(), Slack.StartAsync(), Push.StartAsync());
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        var ports = new[] { Receiver.BaseUrl, Slack.Url, Push.Url }.Select(u => new Uri(u).Port).ToArray();
        for (var i = 0; i < ports.Length; i++)
        {
            App.Set($"Portico:Outbound:AllowLoopbackPorts:{i}", ports[i].ToString(CultureInfo.InvariantCulture));
        }

        App.Set("Portico:Webhooks:Timeout", "00:00:05");
        App.Set("Portico:Notifications:WebPush:PublicKey", Vapid.PublicKey);
        App.Set("Portico:Notifications:WebPush:PrivateKey", Vapid.PrivateKey);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Receiver.DisposeAsync();
        await Slack.DisposeAsync();
        await Push.DisposeAsync();
        Internal.Dispose();
    }
}

/// <summary>
/// Server-side request forgery, attacked as a tenant would: every spelling of an internal address is offered as a
/// webhook URL, a Slack webhook in the channel settings, a Slack recipient of a trigger and a Web Push endpoint, and
/// must be refused with a 422 naming the field, with nothing stored. Destinations that get past registration (a
/// redirect, a stored URL whose address is internal by the time it is used) are stopped at connect time, and the
/// logs keep only a short status.
/// </summary>
public abstract class OutboundRequestForgeryTests<TFactory>(OutboundHost<TFactory> host) : IClassFixture<OutboundHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private TFactory App => host.App;

    private sealed record Tenant(string Slug, Guid Id, HttpClient Client);

    private async Task<Tenant> TenantAsync()
    {
        var owner = await App.RegisterAsync();
        var client = owner.Client(App);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = Http.Unique("Ssrf"), vertical = "generic" }).ShouldBe(HttpStatusCode.Created);
        return new Tenant(tenant.Str("slug"), Guid.Parse(tenant.Str("id")), client);
    }

    /// <summary>Internal destinations in the spellings an attacker tries; each must be refused at registration.</summary>
    private string[] RefusedUrls =>
    [
        "https://127.0.0.1/x", "https://127.0.0.1:8443/x", "https://[::1]/x", "https://localhost/x", "https://api.localhost/x",
        "https://0.0.0.0/x", "https://[::]/x",
        "https://10.0.0.1/x", "https://172.16.0.1/x", "https://192.168.1.1/x", "https://100.64.0.1/x",
        "https://169.254.169.254/latest/meta-data/", "https://[fe80::1]/x", "https://[fd00::1]/x",
        "https://224.0.0.1/x", "https://255.255.255.255/x", "https://240.0.0.1/x", "https://[ff02::1]/x",
        "https://[::ffff:127.0.0.1]/x", "https://[::ffff:169.254.169.254]/x", "https://[::ffff:10.0.0.1]/x",
        "https://[64:ff9b::a9fe:a9fe]/x", "https://[64:ff9b::7f00:1]/x", "https://[64:ff9b:1::a00:1]/x",
        "https://[2002:7f00:1::1]/x", "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x",
        "https://2130706433/x", "https://0x7f000001/x", "https://0177.0.0.1/x", "https://127.1/x", "https://2852039166/latest/meta-data/",
        "https://intranet/x", "https://metadata.google.internal/computeMetadata/v1/",
        "http://hooks.example.com/x", "https://user:secret@hooks.example.com/x", "https://hooks.example.com:22/x",
        $"http://127.0.0.1:{host.Internal.Port}/x", $"http://localhost:{host.Internal.Port}/x",
    ];

    /// <summary>Sends every refused form and asserts a 422 problem naming <paramref name="field"/>; reports all that got through at once.</summary>
    private async Task EveryFormIsRefusedAsync(string field, Func<string, Task<HttpResponseMessage>> send)
    {
        var accepted = new List<string>();
        foreach (var url in RefusedUrls)
        {
            using var response = await send(url);
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
            {
                accepted.Add($"{url} → {(int)response.StatusCode}");
                continue;
            }

            var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{url}: {problem}");
        }

        accepted.ShouldBeEmpty();
    }

    private static object PushSubscription(string endpoint) => new
    {
        endpoint,
        keys = new { p256dh = P256Keys.Create().PublicKey, auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)) },
    };

    [Fact]
    public async Task Internal_addresses_are_refused_as_webhook_urls_and_nothing_is_stored()
    {
        var tenant = await TenantAsync();
        var hooks = $"/api/v1/tenants/{tenant.Slug}/webhooks";
        await EveryFormIsRefusedAsync("url", url => tenant.Client.PostJson(hooks, new { url, eventTypes = new[] { "*" } }));
        (await tenant.Client.GetAsync(hooks).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);

        var allowed = await tenant.Client.PostJson(hooks, new { url = host.Receiver.NewHook(out _), eventTypes = new[] { "*" } }).ShouldBe(HttpStatusCode.Created);
        var endpoint = $"{hooks}/{allowed.Str("id")}";
        await EveryFormIsRefusedAsync("url", url => tenant.Client.PatchJson(endpoint, new { url }));
        (await tenant.Client.GetAsync(endpoint).ShouldBeOk()).Str("url").ShouldStartWith(host.Receiver.BaseUrl);
        host.Internal.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task Internal_addresses_are_refused_as_the_tenants_slack_webhook_and_nothing_is_stored()
    {
        var tenant = await TenantAsync();
        var channels = $"/api/v1/tenants/{tenant.Slug}/notifications/channels";
        await EveryFormIsRefusedAsync("slackWebhookUrl", url => tenant.Client.PutAsJsonAsync(channels, new { slackWebhookUrl = url }));
        (await tenant.Client.GetAsync(channels).ShouldBeOk()).GetProperty("slackWebhookUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        host.Internal.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task Internal_addresses_are_refused_as_slack_recipients_of_triggers_and_nothing_is_stored()
    {
        var tenant = await TenantAsync();
        var triggers = $"/api/v1/tenants/{tenant.Slug}/notifications/triggers";
        await EveryFormIsRefusedAsync("recipients[0].value", url => tenant.Client.PostJson(triggers, new
        {
            eventType = "custom.alert", channel = "slack", recipients = new[] { new { kind = "address", value = url } },
        }));
        (await tenant.Client.GetAsync(triggers).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);

        var allowed = await tenant.Client.PostJson(triggers, new
        {
            eventType = "custom.alert", channel = "slack", recipients = new[] { new { kind = "address", value = host.Slack.NewWebhook() } },
        }).ShouldBe(HttpStatusCode.Created);
        await EveryFormIsRefusedAsync("recipients[0].value", url => tenant.Client.PutAsJsonAsync($"{triggers}/{allowed.Str("id")}", new
        {
            eventType = "custom.alert", channel = "slack", recipients = new[] { new { kind = "address", value = url } },
        }));
        host.Internal.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task Internal_addresses_are_refused_as_web_push_endpoints_and_nothing_is_stored()
    {
        var tenant = await TenantAsync();
        await EveryFormIsRefusedAsync("endpoint", url => tenant.Client.PostJson("/api/v1/profile/push-subscriptions", PushSubscription(url)));

        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Kernel.Tenancy.RequestContext>().EnterPlatformScope();
        var db = scope.ServiceProvider.GetRequiredService<global::Portico.Notifications.NotificationsDbContext>();
        var stored = await db.PushSubscriptions.IgnoreQueryFilters().Select(s => s.Endpoint).ToListAsync();
        stored.ShouldNotContain(e => RefusedUrls.Contains(e));
        host.Internal.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_webhook_receiver_that_redirects_to_an_internal_address_is_not_followed_and_the_log_keeps_only_the_status()
    {
        var tenant = await TenantAsync();
        var hooks = $"/api/v1/tenants/{tenant.Slug}/webhooks";
        var url = host.Receiver.NewHook(out var hook);
        var endpoint = await tenant.Client.PostJson(hooks, new { url, eventTypes = new[] { "*" } }).ShouldBe(HttpStatusCode.Created);
        host.Receiver.Trust(hook, endpoint.Str("secret"));
        host.Receiver.Redirect(hook, $"http://127.0.0.1:{host.Internal.Port}/admin");

        var delivery = await tenant.Client.PostAsync($"{hooks}/{endpoint.Str("id")}/test", null).ShouldBe(HttpStatusCode.Accepted);
        var attempt = await FirstAttemptAsync(tenant, $"{hooks}/{endpoint.Str("id")}/deliveries/{delivery.Str("id")}");

        attempt.GetProperty("statusCode").GetInt32().ShouldBe(302);
        attempt.Str("error").ShouldBe("HTTP 302 (redirects are not followed)");
        attempt.TryGetProperty("responseBody", out _).ShouldBeFalse();
        host.Receiver.ReceivedBy(hook).ShouldHaveSingleItem();
        host.Internal.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_stored_webhook_url_that_points_inside_by_the_time_it_is_used_is_refused_before_connecting()
    {
        // As after DNS rebinding, or for a row saved before the policy: the address is judged again when sending.
        var tenant = await TenantAsync();
        var hooks = $"/api/v1/tenants/{tenant.Slug}/webhooks";
        var endpoint = await tenant.Client.PostJson(hooks, new { url = host.Receiver.NewHook(out _), eventTypes = new[] { "*" } }).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(endpoint.Str("id"));
        foreach (var inside in new[] { $"http://127.0.0.1:{host.Internal.Port}/", $"http://localhost:{host.Internal.Port}/", "https://169.254.169.254/latest/meta-data/" })
        {
            await using (var scope = App.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<Kernel.Tenancy.RequestContext>().EnterPlatformScope();
                var db = scope.ServiceProvider.GetRequiredService<global::Portico.Webhooks.WebhooksDbContext>();
                (await db.Endpoints.IgnoreQueryFilters().Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Url, inside))).ShouldBe(1);
            }

            var delivery = await tenant.Client.PostAsync($"{hooks}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
            var attempt = await FirstAttemptAsync(tenant, $"{hooks}/{id}/deliveries/{delivery.Str("id")}");
            attempt.GetProperty("statusCode").ValueKind.ShouldBe(JsonValueKind.Null);
            attempt.Str("error").ShouldBe("refused by address policy", inside);
        }

        host.Internal.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_stored_slack_webhook_or_push_endpoint_that_points_inside_fails_with_a_short_status_and_is_never_reached()
    {
        var tenant = await TenantAsync();
        var notifications = $"/api/v1/tenants/{tenant.Slug}/notifications";
        await tenant.Client.PutAsJsonAsync($"{notifications}/channels", new { slackWebhookUrl = host.Slack.NewWebhook() }).ShouldBe(HttpStatusCode.OK);
        var browser = host.Push.Subscribe();
        await tenant.Client.PostJson("/api/v1/profile/push-subscriptions", browser.ToJson()).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson($"{notifications}/triggers", new { eventType = "custom.probe", channel = "slack", recipients = new[] { new { kind = "default" } } })
            .ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson($"{notifications}/triggers", new { eventType = "custom.probe", channel = "webpush", recipients = new[] { new { kind = "role", value = "Owner" } } })
            .ShouldBe(HttpStatusCode.Created);

        var inside = $"http://127.0.0.1:{host.Internal.Port}/services/T0/B0/x";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Kernel.Tenancy.RequestContext>().EnterPlatformScope();
            var db = scope.ServiceProvider.GetRequiredService<global::Portico.Notifications.NotificationsDbContext>();
            (await db.ChannelSettings.IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SlackWebhookUrl, inside))).ShouldBe(1);
            (await db.PushSubscriptions.IgnoreQueryFilters().Where(s => s.Endpoint == browser.Endpoint).ExecuteUpdateAsync(u => u.SetProperty(s => s.Endpoint, inside))).ShouldBe(1);
        }

        var eventId = (await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/events", new { type = "custom.probe", data = new { } }).ShouldBe(HttpStatusCode.Accepted)).Str("id");
        var deliveries = await EventuallyAsync(
            async () => (await tenant.Client.GetAsync($"{notifications}/deliveries?eventId={eventId}").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList(),
            d => d.Count == 2 && d.All(x => x.Str("status") == "failed"), "both deliveries to fail");

        deliveries.Single(d => d.Str("channel") == "slack").Str("providerAnswer").ShouldBe("slack: refused by address policy");
        deliveries.Single(d => d.Str("channel") == "webpush").Str("providerAnswer").ShouldBe("push: 0 delivered, 0 expired and removed, refused: refused by address policy");
        host.Internal.Connections.ShouldBe(0);
    }

    private static Task<JsonElement> FirstAttemptAsync(Tenant tenant, string delivery) => EventuallyAsync(
        async () => await tenant.Client.GetAsync(delivery).ShouldBeOk(),
        d => d.GetProperty("attempts").GetArrayLength() > 0, "the first attempt to be recorded")
        .ContinueWith(t => t.Result.GetProperty("attempts")[0], TaskScheduler.Default);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience.Cap;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Waited 30 s for {what}; last seen: {JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(100);
        }
    }
}

public sealed class OutboundRequestForgeryOnSqlite(OutboundHost<SqliteFactory> host) : OutboundRequestForgeryTests<SqliteFactory>(host);

public sealed class OutboundRequestForgeryOnPostgres(OutboundHost<PostgresFactory> host) : OutboundRequestForgeryTests<PostgresFactory>(host);
