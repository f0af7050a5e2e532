using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.Tenancy;
using Portico.Kernel.Security;

namespace Portico.IntegrationTests.Platform;

/// <summary>
/// Secrets the platform must read back (webhook signing secrets, tenants' Slack and Telegram credentials) are not in
/// the database in the clear: read raw, the columns hold Data Protection ciphertexts; the keys are in the database
/// too, themselves encrypted, shared by every instance and still readable after a rotation.
/// </summary>
public abstract class SecretsAtRestTests<TFactory>(LifecycleHost<TFactory> host) : IClassFixture<LifecycleHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private TFactory App => host.App;

    private async Task<(HttpClient Client, string Api, Guid Id)> TenantAsync()
    {
        var client = (await App.RegisterAsync()).Client(App);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = Http.Unique("Secrets"), vertical = "generic" }).ShouldBe(HttpStatusCode.Created);
        return (client, $"/api/v1/tenants/{tenant.Str("slug")}", Guid.Parse(tenant.Str("id")));
    }

    private async Task<(JsonElement Endpoint, string Hook)> EndpointAsync(HttpClient client, string api)
    {
        var url = host.Receiver.NewHook(out var hook);
        var endpoint = await client.PostJson($"{api}/webhooks", new { url, eventTypes = new[] { "custom.paid" } }).ShouldBe(HttpStatusCode.Created);
        host.Receiver.Trust(hook, endpoint.Str("secret"));
        return (endpoint, hook);
    }

    private async Task<(string Secret, string? Previous)> StoredSecretsAsync(string endpointId)
    {
        await using var connection = await RawDatabase.OpenAsync(App);
        await using var command = RawDatabase.Command(connection, $"SELECT secret, previous_secret FROM {RawDatabase.Table(App, "webhooks", "endpoints")} WHERE id = @p0",
            RawDatabase.Id(App, Guid.Parse(endpointId)));
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task<string> PublishAsync(HttpClient client, string api) =>
        (await client.PostJson($"{api}/events", new { type = "custom.paid", data = new { order = "A-1" } }).ShouldBe(HttpStatusCode.Accepted)).Str("id");

    private Task<int> RunJobAsync(string name) =>
        ((Kernel.Modules.PlatformJob)App.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == name)).RunOnceAsync(CancellationToken.None);

    [Fact]
    public async Task The_database_holds_no_webhook_secret_and_deliveries_still_verify_before_and_after_a_rotation()
    {
        var (client, api, _) = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(client, api);
        var secret = endpoint.Str("secret");

        var stored = await StoredSecretsAsync(endpoint.Str("id"));
        stored.Secret.ShouldStartWith(SecretProtector.Prefix);
        stored.Secret.ShouldNotContain(secret[6..]);
        (await client.GetStringAsync($"{api}/webhooks/{endpoint.Str("id")}")).ShouldNotContain(secret[6..]);
        (await client.GetStringAsync($"{api}/webhooks")).ShouldNotContain(secret[6..]);
        var first = await PublishAsync(client, api);
        (await host.Receiver.WaitForAsync(hook, 1, first)).ShouldAllBe(r => r.SignatureValid);

        var rotated = await client.PostJson($"{api}/webhooks/{endpoint.Str("id")}/rotate-secret", new { keepPreviousForHours = 1 }).ShouldBeOk();
        var newSecret = rotated.Str("secret");
        stored = await StoredSecretsAsync(endpoint.Str("id"));
        stored.Secret.ShouldStartWith(SecretProtector.Prefix);
        stored.Previous!.ShouldStartWith(SecretProtector.Prefix);
        stored.Secret.ShouldNotContain(newSecret[6..]);
        stored.Previous.ShouldNotContain(secret[6..]);
        // A receiver that knows only the new secret, or only the old one, accepts the signature (both sign).
        foreach (var trusted in new[] { newSecret, secret })
        {
            host.Receiver.Trust(hook, trusted);
            var eventId = await PublishAsync(client, api);
            (await host.Receiver.WaitForAsync(hook, 1, eventId)).ShouldAllBe(r => r.SignatureValid);
        }
    }

    [Fact]
    public async Task Channel_tokens_are_stored_encrypted_shown_by_their_last_four_characters_and_still_used()
    {
        var (client, api, tenantId) = await TenantAsync();
        var slack = host.Slack.NewWebhook();
        var token = "222222:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var shown = await client.PutAsJsonAsync($"{api}/notifications/channels", new { slackWebhookUrl = slack, telegramBotToken = token }).ShouldBe(HttpStatusCode.OK);
        shown.Str("telegramBotToken").ShouldBe("…" + token[^4..]);
        shown.Str("slackWebhookUrl").ShouldEndWith(slack[^4..]);
        shown.Str("slackWebhookUrl").ShouldNotContain(slack[^20..]);
        (await client.GetAsync($"{api}/notifications/channels").ShouldBeOk()).Str("telegramBotToken").ShouldBe("…" + token[^4..]);

        await using (var connection = await RawDatabase.OpenAsync(App))
        {
            await using var command = RawDatabase.Command(connection,
                $"SELECT slack_webhook_url, telegram_bot_token FROM {RawDatabase.Table(App, "notifications", "channel_settings")} WHERE tenant_id = @p0", RawDatabase.Id(App, tenantId));
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetString(0).ShouldStartWith(SecretProtector.Prefix);
            reader.GetString(0).ShouldNotContain(new Uri(slack).AbsolutePath);
            reader.GetString(1).ShouldStartWith(SecretProtector.Prefix);
            reader.GetString(1).ShouldNotContain(token[7..]);
        }

        await client.PostJson($"{api}/notifications/triggers", new { eventType = "custom.paid", channel = "slack", recipients = new[] { new { kind = "default" } } }).ShouldBe(HttpStatusCode.Created);
        await PublishAsync(client, api);
        await Until(() => host.Slack.Received.Any(r => slack.EndsWith(r.Path, StringComparison.Ordinal)), "the Slack post through the decrypted URL");
    }

    [Fact]
    public async Task Secrets_stored_in_the_clear_before_the_upgrade_are_encrypted_by_the_start_up_step_and_keep_working()
    {
        var (client, api, tenantId) = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(client, api);
        var legacy = "whsec_" + Secrets.NewToken();
        var slack = host.Slack.NewWebhook();
        await client.PutAsJsonAsync($"{api}/notifications/channels", new { telegramChatId = "-100" }).ShouldBe(HttpStatusCode.OK);
        // As rows looked before encryption at rest: the secrets in the clear.
        (await RawDatabase.ExecuteAsync(App, $"UPDATE {RawDatabase.Table(App, "webhooks", "endpoints")} SET secret = @p0 WHERE id = @p1",
            legacy, RawDatabase.Id(App, Guid.Parse(endpoint.Str("id"))))).ShouldBe(1);
        (await RawDatabase.ExecuteAsync(App, $"UPDATE {RawDatabase.Table(App, "notifications", "channel_settings")} SET slack_webhook_url = @p0 WHERE tenant_id = @p1",
            slack, RawDatabase.Id(App, tenantId))).ShouldBe(1);

        (await RunJobAsync("EncryptEndpointSecrets")).ShouldBeGreaterThanOrEqualTo(1);
        (await RunJobAsync("EncryptChannelSecrets")).ShouldBeGreaterThanOrEqualTo(1);

        var stored = await StoredSecretsAsync(endpoint.Str("id"));
        stored.Secret.ShouldStartWith(SecretProtector.Prefix);
        stored.Secret.ShouldNotContain(legacy[6..]);
        ((string)(await RawDatabase.ScalarAsync(App, $"SELECT slack_webhook_url FROM {RawDatabase.Table(App, "notifications", "channel_settings")} WHERE tenant_id = @p0",
            RawDatabase.Id(App, tenantId)))!).ShouldStartWith(SecretProtector.Prefix);
        (await RunJobAsync("EncryptEndpointSecrets")).ShouldBe(0, "nothing is left in the clear");

        host.Receiver.Trust(hook, legacy);
        var eventId = await PublishAsync(client, api);
        (await host.Receiver.WaitForAsync(hook, 1, eventId)).ShouldAllBe(r => r.SignatureValid);
        await client.PostJson($"{api}/notifications/triggers", new { eventType = "custom.paid", channel = "slack", recipients = new[] { new { kind = "default" } } }).ShouldBe(HttpStatusCode.Created);
        await PublishAsync(client, api);
        await Until(() => host.Slack.Received.Any(r => slack.EndsWith(r.Path, StringComparison.Ordinal)), "the Slack post through the formerly plain URL");
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_reads_the_secrets_and_a_rotated_key_leaves_old_secrets_readable()
    {
        var (client, api, _) = await TenantAsync();
        var (before, hook) = await EndpointAsync(client, api);

        // Rotation: a new key becomes the default at once; the old one stays in the ring for reading.
        var oldCipher = (await StoredSecretsAsync(before.Str("id"))).Secret;
        App.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        // The key ring is refreshed in the background once the key manager says it changed.
        var ours = App.Services.GetRequiredService<SecretProtector>();
        await Until(() => KeyIdOf(ours.Protect(SecretPurposes.WebhookSigningSecret, "probe")!) != KeyIdOf(oldCipher), "the new key to become the default");
        var (after, _) = await EndpointAsync(client, api);
        var newCipher = (await StoredSecretsAsync(after.Str("id"))).Secret;
        KeyIdOf(oldCipher).ShouldNotBe(KeyIdOf(newCipher), "the rotated key encrypts new secrets");

        var keys = new List<string>();
        await using (var connection = await RawDatabase.OpenAsync(App))
        {
            await using var command = RawDatabase.Command(connection, $"SELECT xml FROM {RawDatabase.Table(App, "platform", "data_protection_keys")}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        keys.Count.ShouldBeGreaterThanOrEqualTo(2);
        keys.ShouldAllBe(xml => xml.Contains("encryptedKey") && !xml.Contains("<masterKey"), "a copy of the database alone opens no key");

        // Another instance: a host of its own over the same database and settings, with its own key ring in memory.
        await using var other = App.WithWebHostBuilder(_ => { });
        var theirs = other.Services.GetRequiredService<SecretProtector>();
        theirs.Reveal(SecretPurposes.WebhookSigningSecret, oldCipher).ShouldBe(before.Str("secret"));
        theirs.Reveal(SecretPurposes.WebhookSigningSecret, newCipher).ShouldBe(after.Str("secret"));

        // And the old secret still signs here, after the rotation.
        var eventId = await PublishAsync(client, api);
        (await host.Receiver.WaitForAsync(hook, 1, eventId)).ShouldAllBe(r => r.SignatureValid);
    }

    /// <summary>The 16-byte key id after Data Protection's 4-byte magic header.</summary>
    private static string KeyIdOf(string stored)
    {
        var payload = stored[SecretProtector.Prefix.Length..].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return Convert.ToHexString(Convert.FromBase64String(payload).AsSpan(4, 16));
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience.Cap;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SecretsAtRestOnSqlite(LifecycleHost<SqliteFactory> host) : SecretsAtRestTests<SqliteFactory>(host);

public sealed class SecretsAtRestOnPostgres(LifecycleHost<PostgresFactory> host) : SecretsAtRestTests<PostgresFactory>(host);
