using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portico.IntegrationTests.Files;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Tenancy;

/// <summary>
/// A tenant's end of life, as its data sees it: purged, nothing of it stays in any module's table or in file
/// storage (audit rows keep who did what, with the changes erased); suspended, its events reach none of its
/// webhooks or notifications.
/// </summary>
public abstract class TenantLifecycleTests<TFactory>(LifecycleHost<TFactory> host) : IClassFixture<LifecycleHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private TFactory App => host.App;

    private sealed record Tenant(HttpClient Client, string Slug, Guid Id, string Hook, string SlackWebhook)
    {
        public string Api => $"/api/v1/tenants/{Slug}";
    }

    /// <summary>A tenant with data in every module: a file, CRM records, a webhook endpoint, channel settings, a template, triggers, and an event that reached them all.</summary>
    private async Task<Tenant> TenantWithDataEverywhereAsync(TestUser owner)
    {
        var client = owner.Client(App);
        var created = await client.PostJson("/api/v1/tenants", new { name = Http.Unique("Lifecycle"), vertical = "generic" }).ShouldBe(HttpStatusCode.Created);
        var url = host.Receiver.NewHook(out var hook);
        var tenant = new Tenant(client, created.Str("slug"), Guid.Parse(created.Str("id")), hook, host.Slack.NewWebhook());

        await client.UploadAsync(tenant.Slug, TestFiles.Text("price list\n"), "prices.txt");
        await client.PostJson($"{tenant.Api}/crm/contacts", new { name = "Anna Purge", emails = new[] { $"anna.{tenant.Slug}@example.com" } }).ShouldBe(HttpStatusCode.Created);
        await client.PostJson($"{tenant.Api}/crm/leads", new { title = "Kitchen", contactName = "Olga Purge", email = $"olga.{tenant.Slug}@example.com" }).ShouldBe(HttpStatusCode.Created);
        var service = await client.PostJson($"{tenant.Api}/catalog/services", new { name = new { ru = "Замена масла" }, price = new { kind = "fixed", amount = "0" }, durationMinutes = 30 })
            .ShouldBe(HttpStatusCode.Created);
        await client.PostJson($"{tenant.Api}/workshop/services", new { serviceId = service.Str("id"), labour = new { kind = "fixed", price = "900" }, vatRate = 20 }).ShouldBe(HttpStatusCode.Created);
        await client.PutAsJsonAsync($"{tenant.Api}/workshop/services/{service.Str("id")}/stages", new { stages = new[] { new { name = new { ru = "Слив масла" }, expectedMinutes = 15 } } })
            .ShouldBe(HttpStatusCode.Created);
        // A bot's Telegram user, written directly: connecting a bot would need Telegram.
        var postgres = App.ProviderName == "Postgres";
        object now = postgres ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        (await RawDatabase.ExecuteAsync(App,
            $"INSERT INTO {RawDatabase.Table(App, "messaging", "chat_users")} (id, tenant_id, bot_id, telegram_user_id, blocked, last_seen_at, tags, created_at, updated_at, version) " +
            $"VALUES (@p0, @p1, @p2, 42, {(postgres ? "false" : "0")}, @p3, '', @p3, @p3, 1)",
            RawDatabase.Id(App, Guid.NewGuid()), RawDatabase.Id(App, tenant.Id), RawDatabase.Id(App, Guid.NewGuid()), now)).ShouldBe(1);
        var endpoint = await client.PostJson($"{tenant.Api}/webhooks", new { url, eventTypes = new[] { "*" } }).ShouldBe(HttpStatusCode.Created);
        host.Receiver.Trust(hook, endpoint.Str("secret"));
        await client.PutAsJsonAsync($"{tenant.Api}/notifications/channels", new { slackWebhookUrl = tenant.SlackWebhook }).ShouldBe(HttpStatusCode.OK);
        await client.PostJson($"{tenant.Api}/notifications/templates", new { eventType = "custom.visit", channel = "inapp", locale = "en", subject = "Visit", body = "{{ event.data.who }} came by" })
            .ShouldBe(HttpStatusCode.Created);
        foreach (var channel in new[] { "inapp", "email" })
        {
            await client.PostJson($"{tenant.Api}/notifications/triggers", new { eventType = "custom.visit", channel, recipients = new[] { new { kind = "role", value = "Owner" } } })
                .ShouldBe(HttpStatusCode.Created);
        }

        await client.PostJson($"{tenant.Api}/notifications/triggers", new { eventType = "custom.visit", channel = "slack", recipients = new[] { new { kind = "default" } } })
            .ShouldBe(HttpStatusCode.Created);

        var eventId = await PublishAsync(client, tenant, "custom.visit", new { who = "Anna Purge" });
        await host.Receiver.WaitForAsync(hook, 1, eventId);
        await EventuallyAsync(async () => (await client.GetAsync($"{tenant.Api}/notifications/deliveries").ShouldBeOk()).GetProperty("items").EnumerateArray()
            .Count(d => d.Str("eventId") == eventId && d.Str("status") == "sent") == 3, "the event's in-app, email and Slack deliveries to be sent");
        return tenant;
    }

    private static async Task<string> PublishAsync(HttpClient client, Tenant tenant, string type, object data) =>
        (await client.PostJson($"{tenant.Api}/events", new { type, data }).ShouldBe(HttpStatusCode.Accepted)).Str("id");

    private static Task EventuallyAsync(Func<Task<bool>> condition, string what) => EventuallyAsync(condition, () => what);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Patience.Cap;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting for {what()}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Rows of the tenant per table with a tenant column, as stored (audit rows with changes not yet erased, event log rows other than tenant.purged).</summary>
    private async Task<Dictionary<string, long>> RowsOfAsync(Guid tenantId)
    {
        var counts = new Dictionary<string, long>();
        await using var connection = await RawDatabase.OpenAsync(App);
        foreach (var table in await RawDatabase.TenantTablesAsync(App))
        {
            var where = table.EndsWith("audit_log", StringComparison.Ordinal) ? " AND changes <> '{\"erased\":true}'"
                : table.EndsWith("event_log", StringComparison.Ordinal) ? " AND type <> 'tenant.purged'"
                : "";
            await using var command = RawDatabase.Command(connection, $"SELECT count(*) FROM {table} WHERE tenant_id = @p0{where}", RawDatabase.Id(App, tenantId));
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private IEnumerable<string> StoredFilesOf(Guid tenantId)
    {
        var folder = Path.Combine(host.StorageRoot, tenantId.ToString());
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    private async Task DeleteAndPurgeAsync(Tenant tenant)
    {
        (await tenant.Client.DeleteAsync(tenant.Api)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await RawDatabase.ExecuteAsync(App, $"UPDATE {RawDatabase.Table(App, "tenancy", "tenants")} SET deleted_at = @p0 WHERE id = @p1",
            App.ProviderName == "Postgres" ? DateTimeOffset.UtcNow.AddDays(-31) : DateTimeOffset.UtcNow.AddDays(-31).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            RawDatabase.Id(App, tenant.Id))).ShouldBe(1);
        var purge = (Kernel.Modules.PlatformJob)App.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "TenantPurge");
        (await purge.RunOnceAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_purged_tenant_leaves_no_rows_in_any_module_and_no_stored_files_while_another_tenant_keeps_everything()
    {
        var owner = await App.RegisterAsync();
        var doomed = await TenantWithDataEverywhereAsync(owner);
        var kept = await TenantWithDataEverywhereAsync(owner);
        var before = await RowsOfAsync(doomed.Id);
        foreach (var table in new[] { "files.stored_files", "crm.contacts", "crm.leads", "webhooks.endpoints", "webhooks.deliveries", "webhooks.attempts",
                     "notifications.channel_settings", "notifications.templates", "notifications.triggers", "notifications.deliveries", "notifications.in_app_notifications",
                     "realtime.streamed_events", "tenancy.memberships", "messaging.chat_users",
                     "catalog.services", "workorders.repair_services", "workorders.stage_template_versions" })
        {
            var name = App.ProviderName == "Postgres" ? table : table.Replace('.', '_');
            before.GetValueOrDefault(name).ShouldBeGreaterThan(0, $"the test put data in {name}");
        }

        StoredFilesOf(doomed.Id).ShouldNotBeEmpty();
        // Every delivery of the kept tenant attempted before its rows are counted, so a delivery still in flight cannot
        // look like a change the purge made.
        var attempts = App.ProviderName == "Postgres" ? "webhooks.attempts" : "webhooks_attempts";
        var deliveries = App.ProviderName == "Postgres" ? "webhooks.deliveries" : "webhooks_deliveries";
        // Likewise every event of the kept tenant appended to its live stream (one streamed row per logged event): a CI
        // run counted the stream while its last event was still being appended.
        var streamed = App.ProviderName == "Postgres" ? "realtime.streamed_events" : "realtime_streamed_events";
        var logged = App.ProviderName == "Postgres" ? "platform.event_log" : "platform_event_log";
        await EventuallyAsync(
            async () => (await RowsOfAsync(kept.Id)) is var rows && rows[attempts] >= rows[deliveries] && rows[streamed] >= rows[logged],
            "the kept tenant's webhook deliveries to be attempted and its events streamed");
        var keptBefore = await RowsOfAsync(kept.Id);

        await DeleteAndPurgeAsync(doomed);

        var left = new Dictionary<string, long>();
        await EventuallyAsync(async () => (left = (await RowsOfAsync(doomed.Id)).Where(t => t.Value > 0).ToDictionary()).Count == 0,
            () => $"every module to erase the purged tenant's rows (left: {string.Join(", ", left.Select(t => $"{t.Key} {t.Value}"))})");
        (await RowsOfAsync(doomed.Id)).Where(t => t.Value > 0).ShouldBeEmpty();
        StoredFilesOf(doomed.Id).ShouldBeEmpty();
        // Audit rows stay as the record of who did what and when; what they said about the data is gone.
        (Convert.ToInt64(await RawDatabase.ScalarAsync(App, $"SELECT count(*) FROM {RawDatabase.Table(App, "tenancy", "audit_log")} WHERE tenant_id = @p0", RawDatabase.Id(App, doomed.Id)),
            System.Globalization.CultureInfo.InvariantCulture)).ShouldBeGreaterThan(0);

        (await RowsOfAsync(kept.Id)).ShouldBe(keptBefore);
        StoredFilesOf(kept.Id).ShouldNotBeEmpty();
        await kept.Client.GetAsync($"{kept.Api}/files").ShouldBeOk();
        host.Receiver.ReceivedBy(doomed.Hook).ShouldNotContain(r => r.Header("Portico-Event-Type") == "tenant.purged");

        // A second delivery of tenant.purged finds nothing left to do.
        (await RowsOfAsync(doomed.Id)).Values.Sum().ShouldBe(0);
    }

    [Fact]
    public async Task A_suspended_tenants_events_reach_none_of_its_webhooks_or_notifications()
    {
        var owner = await App.RegisterAsync();
        var tenant = await TenantWithDataEverywhereAsync(owner);
        var admin = App.AdminClient();
        var slackBefore = host.Slack.Received.Count(r => tenant.SlackWebhook.EndsWith(r.Path, StringComparison.Ordinal));
        var mailBefore = App.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == owner.Email));
        await admin.PostAsync($"/api/v1/admin/tenants/{tenant.Slug}/suspend", null).ShouldBeOk();

        // Raised while suspended (by platform support, who still reaches the tenant).
        var during = await PublishAsync(admin, tenant, "custom.visit", new { who = "Suspended Visitor" });
        await UntilSubscribersPassedAsync(during);

        host.Receiver.ReceivedBy(tenant.Hook, during).ShouldBeEmpty();
        host.Slack.Received.Count(r => tenant.SlackWebhook.EndsWith(r.Path, StringComparison.Ordinal)).ShouldBe(slackBefore);
        App.Smtp.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == owner.Email)).ShouldBe(mailBefore);
        var deliveries = await admin.GetAsync($"{tenant.Api}/notifications/deliveries").ShouldBeOk();
        deliveries.GetProperty("items").EnumerateArray().ShouldNotContain(d => d.GetProperty("eventId").GetString() == during);

        // Reactivated, the next event flows again; the one raised during the suspension is not replayed.
        await admin.PostAsync($"/api/v1/admin/tenants/{tenant.Slug}/reactivate", null).ShouldBeOk();
        var after = await PublishAsync(tenant.Client, tenant, "custom.visit", new { who = "Welcome Back" });
        await host.Receiver.WaitForAsync(tenant.Hook, 1, after);
        await EventuallyAsync(() => Task.FromResult(host.Slack.Received.Count(r => tenant.SlackWebhook.EndsWith(r.Path, StringComparison.Ordinal)) > slackBefore), "Slack after reactivation");
        host.Receiver.ReceivedBy(tenant.Hook, during).ShouldBeEmpty();
    }

    /// <summary>Waits until the webhook and notification readers of the event log have moved past the event.</summary>
    private async Task UntilSubscribersPassedAsync(string eventId)
    {
        var log = RawDatabase.Table(App, "platform", "event_log");
        var checkpoints = RawDatabase.Table(App, "platform", "event_checkpoints");
        var id = RawDatabase.Id(App, Guid.Parse(eventId));
        await EventuallyAsync(async () => Convert.ToInt64(await RawDatabase.ScalarAsync(App,
                $"SELECT count(*) FROM {checkpoints} c, {log} e WHERE e.event_id = @p0 AND c.subscriber IN ('webhooks', 'notifications') "
                + "AND (c.tx > e.tx OR (c.tx = e.tx AND c.position >= e.position))", id), System.Globalization.CultureInfo.InvariantCulture) == 2,
            "the webhook and notification readers to pass the event");
    }
}

public sealed class TenantLifecycleOnSqlite(LifecycleHost<SqliteFactory> host) : TenantLifecycleTests<SqliteFactory>(host);

public sealed class TenantLifecycleOnPostgres(LifecycleHost<PostgresFactory> host) : TenantLifecycleTests<PostgresFactory>(host);
