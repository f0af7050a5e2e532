using System.Net;
using System.Text.Json;
using Portico.IntegrationTests.Crm;
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

    /// <summary>A new tenant's bot, connected by token (with optional settings) and activated: its webhook is set on the fake.</summary>
    public async Task<TestBot> ActiveBotAsync(object? settings = null)
    {
        var tenant = await CrmTestTenant.CreateAsync(App);
        var (token, _, _) = NewBot();
        var bots = $"/api/v1/tenants/{tenant.Slug}/bots";
        var id = (await tenant.Client.PostJson(bots, new { token, name = "Front desk" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        if (settings is not null)
        {
            await tenant.Client.PatchJson($"{bots}/{id}", settings).ShouldBeOk();
        }

        await tenant.Client.PatchAsync($"{bots}/{id}/activate", null).ShouldBeOk();
        var webhook = Telegram.WebhookOf(token).ShouldNotBeNull();
        return new TestBot(tenant, id, token, webhook.SecretToken.ShouldNotBeNull(), new Uri(webhook.Url).PathAndQuery);
    }

    /// <summary>Telegram delivering an update to the bot's webhook (with its secret unless another is given).</summary>
    public Task<HttpResponseMessage> DeliverAsync(TestBot bot, string update, string? secret = null) =>
        FakeTelegramBotApi.DeliverAsync(App.CreateClient(), bot.WebhookPath, secret ?? bot.Secret, update);

    public Task<JsonElement> ConversationsAsync(TestBot bot, string query = "") =>
        bot.Tenant.Client.GetAsync($"/api/v1/tenants/{bot.Tenant.Slug}/conversations?botId={bot.Id}{query}").ShouldBeOk();

    public Task<JsonElement> MessagesOfAsync(TestBot bot, string conversationId) =>
        bot.Tenant.Client.GetAsync($"/api/v1/tenants/{bot.Tenant.Slug}/conversations/{conversationId}/messages?limit=100").ShouldBeOk();
}

/// <summary>An active bot of a test tenant: its id, token, webhook secret and webhook path.</summary>
public sealed record TestBot(CrmTestTenant Tenant, string Id, string Token, string Secret, string WebhookPath);
