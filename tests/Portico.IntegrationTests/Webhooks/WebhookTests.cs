using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Events;
using Portico.Webhooks.Dispatch;
using Wolverine;

namespace Portico.IntegrationTests.Webhooks;

public abstract class WebhookTests<TFactory>(WebhookHost<TFactory> host) : IClassFixture<WebhookHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private TFactory App => host.App;

    private WebhookReceiver Receiver => host.Receiver;

    private sealed record Tenant(TestUser Owner, HttpClient Client, string Slug, Guid Id);

    private async Task<Tenant> TenantAsync(string locale = "en")
    {
        var owner = await App.RegisterAsync(locale: locale);
        var client = owner.Client(App);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = Http.Unique("Hooks"), vertical = "generic" }).ShouldBe(HttpStatusCode.Created);
        return new Tenant(owner, client, tenant.Str("slug"), Guid.Parse(tenant.Str("id")));
    }

    /// <summary>Registers a fresh receiver hook as an endpoint and makes the hook trust the endpoint's secret.</summary>
    private async Task<(JsonElement Endpoint, string Hook)> EndpointAsync(Tenant tenant, params string[] eventTypes)
    {
        var url = Receiver.NewHook(out var hook);
        var endpoint = await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/webhooks", new { url, eventTypes, description = "Orders to the ERP" })
            .ShouldBe(HttpStatusCode.Created);
        Receiver.Trust(hook, endpoint.Str("secret"));
        return (endpoint, hook);
    }

    private static async Task<string> PublishAsync(Tenant tenant, string type, object data) =>
        (await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/events", new { type, data }).ShouldBe(HttpStatusCode.Accepted)).Str("id");

    private static string Hooks(Tenant tenant) => $"/api/v1/tenants/{tenant.Slug}/webhooks";

    private static Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done, string what) => Patience.EventuallyAsync(read, done, what);

    private static Task<JsonElement> DeliveriesAsync(Tenant tenant, string endpointId, string query = "") =>
        tenant.Client.GetAsync($"{Hooks(tenant)}/{endpointId}/deliveries{query}").ShouldBeOk();

    [Fact]
    public async Task A_subscribed_endpoint_receives_each_event_once_signed_as_documented()
    {
        var tenant = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(tenant, "custom.order-paid");
        endpoint.Str("secret").ShouldStartWith("whsec_");

        var (_, everything) = await EndpointAsync(tenant, "*");

        var eventId = await PublishAsync(tenant, "custom.order-paid", new { orderId = "A-1001", total = new { amount = "12.50", currency = "EUR" } });
        var refundId = await PublishAsync(tenant, "custom.order-refunded", new { orderId = "A-1000" });

        // The "*" endpoint gets both (and the platform's own events of the tenant, which are not counted here).
        (await Receiver.WaitForAsync(everything, 1, eventId)).ShouldAllBe(r => r.SignatureValid);
        (await Receiver.WaitForAsync(everything, 1, refundId)).ShouldAllBe(r => r.SignatureValid);

        var received = (await Receiver.WaitForAsync(hook, 1)).ShouldHaveSingleItem();
        received.SignatureValid.ShouldBeTrue();
        received.Header("Portico-Event-Id").ShouldBe(eventId);
        received.Header("Portico-Event-Type").ShouldBe("custom.order-paid");
        received.Header("User-Agent").ShouldBe("Portico-Webhooks/1.0");
        received.Header("Content-Type").ShouldStartWith("application/json");
        received.Header("Portico-Signature").ShouldMatch("^t=[0-9]+,v1=[0-9a-f]{64}$");
        var body = received.Json;
        body.Str("id").ShouldBe(eventId);
        body.Str("type").ShouldBe("custom.order-paid");
        body.Str("tenant").ShouldBe(tenant.Slug);
        DateTimeOffset.Parse(body.Str("occurredAt"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        body.GetProperty("data").GetProperty("total").Str("amount").ShouldBe("12.50");

        var deliveries = await EventuallyAsync(() => DeliveriesAsync(tenant, endpoint.Str("id")),
            d => d.GetProperty("items").EnumerateArray().All(i => i.Str("status") == "succeeded"), "the delivery to succeed");
        var delivery = deliveries.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        delivery.Str("id").ShouldBe(received.Header("Portico-Delivery-Id"));
        delivery.Str("eventId").ShouldBe(eventId);
        delivery.GetProperty("lastStatusCode").GetInt32().ShouldBe(200);
        delivery.GetProperty("attempts").EnumerateArray().ShouldHaveSingleItem().GetProperty("statusCode").GetInt32().ShouldBe(200);

        await Task.Delay(1500);
        Receiver.ReceivedBy(hook).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_until_it_answers_2xx_and_every_attempt_is_listed()
    {
        var tenant = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(tenant, "custom.lead-created");
        Receiver.Hang(hook, WebhookHost<TFactory>.Timeout + TimeSpan.FromSeconds(3));
        Receiver.Fail(hook, 1, 503, "down for maintenance");

        var eventId = await PublishAsync(tenant, "custom.lead-created", new { name = "Иван" });

        var received = await Receiver.WaitForAsync(hook, 3);
        received.ShouldAllBe(r => r.SignatureValid && r.Header("Portico-Event-Id") == eventId);
        received.Select(r => r.Header("Portico-Delivery-Id")).Distinct().ShouldHaveSingleItem();
        received.Select(r => r.Body).Distinct().ShouldHaveSingleItem();
        received.Select(r => r.Header("Portico-Delivery-Attempt")).ShouldBe(["1", "2", "3"], ignoreOrder: true);

        var deliveryId = received[0].Header("Portico-Delivery-Id");
        var detail = await EventuallyAsync(() => tenant.Client.GetAsync($"{Hooks(tenant)}/{endpoint.Str("id")}/deliveries/{deliveryId}").ShouldBeOk(),
            d => d.Str("status") == "succeeded", "the third attempt to be recorded");
        var attempts = detail.GetProperty("attempts").EnumerateArray().ToList();
        attempts.Select(a => a.GetProperty("number").GetInt32()).ShouldBe([1, 2, 3]);
        attempts[0].GetProperty("statusCode").ValueKind.ShouldBe(JsonValueKind.Null);
        attempts[0].Str("error").ShouldBe("timeout");
        attempts[1].GetProperty("statusCode").GetInt32().ShouldBe(503);
        attempts[1].Str("error").ShouldBe("HTTP 503");
        attempts[1].TryGetProperty("responseBody", out _).ShouldBeFalse(); // only the status is kept, never what the receiver wrote
        attempts[1].GetProperty("succeeded").GetBoolean().ShouldBeFalse();
        attempts[2].GetProperty("statusCode").GetInt32().ShouldBe(200);
        attempts[2].GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        detail.GetProperty("payload").Str("id").ShouldBe(eventId);
        detail.GetProperty("attemptCount").GetInt32().ShouldBe(3);
        detail.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await DeliveriesAsync(tenant, endpoint.Str("id"), "?status=succeeded&eventType=custom.lead-created")).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await DeliveriesAsync(tenant, endpoint.Str("id"), "?status=failed")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await DeliveriesAsync(tenant, endpoint.Str("id"), "?eventType=custom.other")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_event_the_log_hands_over_twice_is_delivered_once()
    {
        var tenant = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(tenant, "custom.twice");
        var integrationEvent = IntegrationEvent.Create(
            tenant.Id, tenant.Slug, "custom.twice", "custom.twice", JsonSerializer.SerializeToElement(new { n = 1 }), "system:test", DateTimeOffset.UtcNow);

        // The event log hands the event over twice (as after a crash before a reader's checkpoint moved).
        await EventLogWriter.AppendAsync(App.Services, integrationEvent, integrationEvent);

        await Receiver.WaitForAsync(hook, 1);
        var deliveryId = Receiver.ReceivedBy(hook)[0].Header("Portico-Delivery-Id");
        await EventuallyAsync(() => DeliveriesAsync(tenant, endpoint.Str("id"), "?status=succeeded"), d => d.GetProperty("items").GetArrayLength() == 1, "the delivery to succeed");

        // A copy of the delivery's own message arriving after the success sends nothing either.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>()
                .PublishAsync(new DeliverWebhook(tenant.Id, tenant.Slug, Guid.Parse(deliveryId), Guid.NewGuid(), Manual: false));
        }

        await Task.Delay(2000);
        Receiver.ReceivedBy(hook).Count.ShouldBe(1);
        (await DeliveriesAsync(tenant, endpoint.Str("id"))).GetProperty("items").EnumerateArray().ShouldHaveSingleItem()
            .GetProperty("attemptCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_its_owners_are_emailed_and_missed_events_can_be_redelivered()
    {
        var tenant = await TenantAsync(locale: "ru");
        var coOwner = await App.RegisterAsync();
        await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/invitations", new { email = coOwner.Email, role = "Owner" }).ShouldBe(HttpStatusCode.Created);
        await (await coOwner.Client(App).PostAsync($"/api/v1/invitations/{App.Smtp.LastLinkToken(coOwner.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);
        var admin = await App.RegisterAsync();
        await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/invitations", new { email = admin.Email, role = "Admin" }).ShouldBe(HttpStatusCode.Created);
        await (await admin.Client(App).PostAsync($"/api/v1/invitations/{App.Smtp.LastLinkToken(admin.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);

        var (endpoint, hook) = await EndpointAsync(tenant, "custom.ping");
        var id = endpoint.Str("id");
        Receiver.Fail(hook, 100, 502, "bad gateway");

        await PublishAsync(tenant, "custom.ping", new { n = 1 });

        var disabled = await EventuallyAsync(() => tenant.Client.GetAsync($"{Hooks(tenant)}/{id}").ShouldBeOk(), e => !e.GetProperty("enabled").GetBoolean(), "the endpoint to be disabled");
        disabled.Str("disabledReason").ShouldContain($"the last {WebhookHost<TFactory>.DisableAfter} delivery attempts failed");
        disabled.Str("disabledReason").ShouldContain("HTTP 502");
        var delivery = (await EventuallyAsync(() => DeliveriesAsync(tenant, id), d => d.GetProperty("items")[0].Str("status") == "failed", "the delivery to stop"))
            .GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        delivery.GetProperty("attemptCount").GetInt32().ShouldBe(WebhookHost<TFactory>.DisableAfter);
        Receiver.ReceivedBy(hook).Count.ShouldBe(WebhookHost<TFactory>.DisableAfter);

        await EventuallyAsync(
            () => Task.FromResult(JsonSerializer.SerializeToElement(App.Smtp.MailFor(coOwner.Email).Count(m => m.Subject?.StartsWith("Webhook endpoint disabled", StringComparison.Ordinal) == true))),
            n => n.GetInt32() == 1, "the co-owner's email");
        var russian = await EventuallyAsync(
            () => Task.FromResult(JsonSerializer.SerializeToElement(App.Smtp.MailFor(tenant.Owner.Email).Where(m => m.Subject?.StartsWith("Вебхук отключён", StringComparison.Ordinal) == true).Select(m => m.TextBody).ToList())),
            n => n.GetArrayLength() == 1, "the owner's email in Russian");
        russian[0].GetString()!.ShouldContain(endpoint.Str("url"));
        App.Smtp.MailFor(admin.Email).ShouldNotContain(m => m.Subject != null && m.Subject.Contains("disabled", StringComparison.Ordinal));

        // Nothing more is sent while it is off, not even by hand.
        await PublishAsync(tenant, "custom.ping", new { n = 2 });
        (await (await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/test", null)).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("endpoint-disabled");
        await Task.Delay(1500);
        Receiver.ReceivedBy(hook).Count.ShouldBe(WebhookHost<TFactory>.DisableAfter);
        (await DeliveriesAsync(tenant, id)).GetProperty("items").GetArrayLength().ShouldBe(1);

        // Fixed and turned back on: the missed delivery goes out again, as a manual attempt.
        Receiver.Heal(hook);
        var enabled = await tenant.Client.PatchJson($"{Hooks(tenant)}/{id}", new { enabled = true }).ShouldBeOk();
        enabled.GetProperty("disabledReason").ValueKind.ShouldBe(JsonValueKind.Null);
        await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/deliveries/{delivery.Str("id")}/redeliver", null).ShouldBe(HttpStatusCode.Accepted);
        await Receiver.WaitForAsync(hook, WebhookHost<TFactory>.DisableAfter + 1);
        var redelivered = await EventuallyAsync(() => tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries/{delivery.Str("id")}").ShouldBeOk(),
            d => d.Str("status") == "succeeded", "the redelivery to succeed");
        var last = redelivered.GetProperty("attempts").EnumerateArray().Last();
        last.GetProperty("manual").GetBoolean().ShouldBeTrue();
        last.GetProperty("statusCode").GetInt32().ShouldBe(200);
    }

    [Fact]
    public async Task A_test_ping_arrives_and_a_redelivery_sends_the_same_event_again()
    {
        var tenant = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(tenant, "custom.unrelated");
        var id = endpoint.Str("id");

        var ping = await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
        ping.Str("eventType").ShouldBe("webhook.test");
        var first = (await Receiver.WaitForAsync(hook, 1))[0];
        first.SignatureValid.ShouldBeTrue();
        first.Json.Str("type").ShouldBe("webhook.test");
        first.Json.GetProperty("data").Str("endpointId").ShouldBe(id);
        await EventuallyAsync(() => tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries/{ping.Str("id")}").ShouldBeOk(), d => d.Str("status") == "succeeded", "the ping to succeed");

        await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/deliveries/{ping.Str("id")}/redeliver", null).ShouldBe(HttpStatusCode.Accepted);
        var second = (await Receiver.WaitForAsync(hook, 2))[1];
        second.SignatureValid.ShouldBeTrue();
        second.Header("Portico-Event-Id").ShouldBe(first.Header("Portico-Event-Id"));
        second.Header("Portico-Delivery-Id").ShouldBe(ping.Str("id"));
        second.Body.ShouldBe(first.Body);
        var detail = await EventuallyAsync(() => tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries/{ping.Str("id")}").ShouldBeOk(),
            d => d.GetProperty("attempts").GetArrayLength() == 2, "the redelivery's attempt");
        detail.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("manual").GetBoolean()).ShouldBe([false, true]);
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_during_the_grace_period()
    {
        var tenant = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(tenant, "custom.rotation");
        var id = endpoint.Str("id");
        var oldSecret = endpoint.Str("secret");

        var rotated = await tenant.Client.PostJson($"{Hooks(tenant)}/{id}/rotate-secret", new { keepPreviousForHours = 2 }).ShouldBeOk();
        var newSecret = rotated.Str("secret");
        newSecret.ShouldNotBe(oldSecret);
        newSecret.ShouldStartWith("whsec_");
        rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(1.9), DateTimeOffset.UtcNow.AddHours(2.1));

        Receiver.Trust(hook, newSecret);
        await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
        var received = (await Receiver.WaitForAsync(hook, 1))[0];
        received.SignatureValid.ShouldBeTrue();
        received.Header("Portico-Signature").Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal)).ShouldBe(2);
        WebhookReceiver.Verify(received.Header("Portico-Signature"), received.Body, [oldSecret], DateTimeOffset.UtcNow).ShouldBeTrue();

        // Rotating with no grace period: only the newest secret signs.
        var again = await tenant.Client.PostJson($"{Hooks(tenant)}/{id}/rotate-secret", new { keepPreviousForHours = 0 }).ShouldBeOk();
        Receiver.Trust(hook, again.Str("secret"));
        await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
        var third = (await Receiver.WaitForAsync(hook, 2))[1];
        third.SignatureValid.ShouldBeTrue();
        WebhookReceiver.Verify(third.Header("Portico-Signature"), third.Body, [newSecret], DateTimeOffset.UtcNow).ShouldBeFalse();

        // The secret shows only at create and rotate, never in the audit log; a tampered body or a stale timestamp fails the check.
        (await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}").ShouldBeOk()).TryGetProperty("secret", out _).ShouldBeFalse();
        var audit = (await tenant.Client.GetAsync($"/api/v1/tenants/{tenant.Slug}/audit?entityType=WebhookEndpoint&entityId={id}").ShouldBeOk())
            .GetProperty("items").EnumerateArray().ToList();
        audit.Select(e => e.Str("action")).ShouldBe(["updated", "updated", "created"]);
        audit.ShouldAllBe(e => e.GetProperty("changes").GetProperty("secret").GetProperty("redacted").GetBoolean());
        audit.ShouldNotContain(e => e.GetRawText().Contains("whsec_", StringComparison.Ordinal));
        WebhookReceiver.Verify(third.Header("Portico-Signature"), third.Body + " ", [again.Str("secret")], DateTimeOffset.UtcNow).ShouldBeFalse();
        WebhookReceiver.Verify(third.Header("Portico-Signature"), third.Body, [again.Str("secret")], DateTimeOffset.UtcNow.AddMinutes(10)).ShouldBeFalse();
    }

    [Fact]
    public async Task Endpoints_need_an_https_public_url_and_known_event_types()
    {
        var tenant = await TenantAsync();
        async Task<JsonElement> Refused(object body) =>
            await (await tenant.Client.PostJson(Hooks(tenant), body)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        (await Refused(new { url = "http://example.com/hook", eventTypes = new[] { "*" } })).GetProperty("errors").GetProperty("url")[0].GetString().ShouldBe("must use https.");
        await Refused(new { url = "https://10.1.2.3/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://192.168.0.10/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://169.254.169.254/latest/meta-data", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://[fd00::1]/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://intranet/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://printer.local/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://user:secret@example.com/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "ftp://example.com/hook", eventTypes = new[] { "*" } });
        await Refused(new { url = "/relative", eventTypes = new[] { "*" } });
        await Refused(new { url = "https://example.com/" + new string('a', 2000), eventTypes = new[] { "*" } });
        var errors = (await Refused(new { description = new string('d', 501) })).GetProperty("errors");
        errors.TryGetProperty("url", out _).ShouldBeTrue();
        errors.TryGetProperty("eventTypes", out _).ShouldBeTrue();
        errors.TryGetProperty("description", out _).ShouldBeTrue();
        await Refused(new { url = "https://example.com/hook", eventTypes = Array.Empty<string>() });
        (await Refused(new { url = "https://example.com/hook", eventTypes = new[] { "member.exploded", "custom.Bad Name" } }))
            .GetProperty("errors").GetProperty("eventTypes")[0].GetString()!.ShouldContain("member.exploded");

        var created = await tenant.Client.PostJson(Hooks(tenant), new { url = "https://hooks.example.com/portico", eventTypes = new[] { "custom.b", "custom.a", "custom.b" } }).ShouldBe(HttpStatusCode.Created);
        created.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).ShouldBe(["custom.a", "custom.b"]);
        var all = await tenant.Client.PostJson(Hooks(tenant), new { url = "https://hooks.example.com/all", eventTypes = new[] { "custom.a", "*" } }).ShouldBe(HttpStatusCode.Created);
        all.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).ShouldBe(["*"]);

        var id = created.Str("id");
        await (await tenant.Client.PatchJson($"{Hooks(tenant)}/{id}", new { url = "http://hooks.example.com/portico" })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await tenant.Client.PatchJson($"{Hooks(tenant)}/{id}", new { eventTypes = new[] { "nope" } })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await tenant.Client.PatchJson($"{Hooks(tenant)}/{id}", new { description = "x" }, ifMatch: "\"99\"")).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var patched = await tenant.Client.PatchJson($"{Hooks(tenant)}/{id}", new { url = "https://hooks.example.com/v2", description = "ERP" }, ifMatch: "\"1\"").ShouldBeOk();
        patched.Str("url").ShouldBe("https://hooks.example.com/v2");
        patched.GetProperty("version").GetInt64().ShouldBe(2);

        var list = await tenant.Client.GetAsync($"{Hooks(tenant)}?limit=1").ShouldBeOk();
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
        var next = await tenant.Client.GetAsync($"{Hooks(tenant)}?limit=1&cursor={list.Str("nextCursor")}").ShouldBeOk();
        next.GetProperty("items")[0].Str("id").ShouldNotBe(list.GetProperty("items")[0].Str("id"));
        next.GetProperty("items")[0].TryGetProperty("secret", out _).ShouldBeFalse();

        await tenant.Client.DeleteAsync($"{Hooks(tenant)}/{id}").ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_tenants_endpoints_and_deliveries_answer_404_and_members_without_the_permission_403()
    {
        var victim = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(victim, "custom.none");
        var id = endpoint.Str("id");
        var ping = await victim.Client.PostAsync($"{Hooks(victim)}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
        await Receiver.WaitForAsync(hook, 1);
        var deliveryId = ping.Str("id");

        var intruder = await TenantAsync();
        var theirs = Hooks(intruder);
        await intruder.Client.GetAsync($"{theirs}/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await (await intruder.Client.PatchJson($"{theirs}/{id}", new { url = "https://evil.example.com/" })).ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.PostAsync($"{theirs}/{id}/rotate-secret", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.PostAsync($"{theirs}/{id}/test", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.GetAsync($"{theirs}/{id}/deliveries").ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.GetAsync($"{theirs}/{id}/deliveries/{deliveryId}").ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.PostAsync($"{theirs}/{id}/deliveries/{deliveryId}/redeliver", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.DeleteAsync($"{theirs}/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.GetAsync($"{Hooks(victim)}/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        (await intruder.Client.GetAsync(theirs).ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);

        // The intruder's own endpoint cannot reach the victim's delivery either.
        var (own, _) = await EndpointAsync(intruder, "custom.none");
        await intruder.Client.GetAsync($"{theirs}/{own.Str("id")}/deliveries/{deliveryId}").ShouldBeProblem(HttpStatusCode.NotFound);
        await intruder.Client.PostAsync($"{theirs}/{own.Str("id")}/deliveries/{deliveryId}/redeliver", null).ShouldBeProblem(HttpStatusCode.NotFound);

        var employee = await App.RegisterAsync();
        await victim.Client.PostJson($"/api/v1/tenants/{victim.Slug}/invitations", new { email = employee.Email, role = "Manager" }).ShouldBe(HttpStatusCode.Created);
        await (await employee.Client(App).PostAsync($"/api/v1/invitations/{App.Smtp.LastLinkToken(employee.Email)}/accept", null)).ShouldBe(HttpStatusCode.OK);
        (await employee.Client(App).GetAsync(Hooks(victim)).ShouldBeProblem(HttpStatusCode.Forbidden)).Str("type").ShouldEndWith("permission-denied");

        (await victim.Client.GetAsync($"{Hooks(victim)}/{id}").ShouldBeOk()).Str("url").ShouldBe(endpoint.Str("url"));
        Receiver.ReceivedBy(hook).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Finished_deliveries_are_deleted_after_the_retention_period()
    {
        var tenant = await TenantAsync();
        var (endpoint, hook) = await EndpointAsync(tenant, "custom.none");
        var id = endpoint.Str("id");
        var old = await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
        var recent = await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/test", null).ShouldBe(HttpStatusCode.Accepted);
        await Receiver.WaitForAsync(hook, 2);
        await EventuallyAsync(() => DeliveriesAsync(tenant, id, "?status=succeeded"), d => d.GetProperty("items").GetArrayLength() == 2, "both pings to succeed");

        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Portico.Kernel.Tenancy.RequestContext>().EnterPlatformScope();
            var db = scope.ServiceProvider.GetRequiredService<Portico.Webhooks.WebhooksDbContext>();
            var oldId = Guid.Parse(old.Str("id"));
            var backdated = DateTimeOffset.UtcNow.AddDays(-31);
            (await db.Deliveries.IgnoreQueryFilters().Where(d => d.Id == oldId).ExecuteUpdateAsync(u => u.SetProperty(d => d.CreatedAt, backdated))).ShouldBe(1);
        }

        var retention = (Portico.Kernel.Modules.PlatformJob)App.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "DeliveryRetention");
        (await retention.RunOnceAsync(CancellationToken.None)).ShouldBe(1);

        var left = (await DeliveriesAsync(tenant, id)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        left.Str("id").ShouldBe(recent.Str("id"));
        left.GetProperty("attempts").GetArrayLength().ShouldBe(1);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries/{old.Str("id")}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_requests_are_refused_with_4xx()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await EndpointAsync(tenant, "custom.x");
        var id = endpoint.Str("id");

        // NUL is refused at the JSON boundary for every body (invalid-text), before the endpoint's own rules.
        await (await tenant.Client.PostAsync(Hooks(tenant), Http.RawJson("{\"url\":\"https://example.com/h\",\"eventTypes\":[\"*\"],\"secret\":\"whsec_mine\"}"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostAsync(Hooks(tenant), Http.RawJson("{\"url\":\"https://example.com/h\",\"eventTypes\":\"*\"}"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostAsync(Hooks(tenant), Http.RawJson("{\"url\":\"https://example.com/h\",\"eventTypes\":[null]}"))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        await (await tenant.Client.PostAsync(Hooks(tenant), Http.RawJson("{\"url\":\"https://exa\\u0000mple.com/h\",\"eventTypes\":[\"*\"]}"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostAsync(Hooks(tenant), Http.RawJson("{\"url\":\"https://example.com/h\",\"eventTypes\":[\"*\"],\"description\":\"a\\u0000b\"}"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostAsync(Hooks(tenant), Http.RawJson("not json"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await tenant.Client.PostJson($"{Hooks(tenant)}/{id}/rotate-secret", new { keepPreviousForHours = 1000 })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var rotated = await tenant.Client.PostAsync($"{Hooks(tenant)}/{id}/rotate-secret", null).ShouldBeOk();
        rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(23.9), DateTimeOffset.UtcNow.AddHours(24.1));
        (await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries?status=lost").ShouldBeProblem(HttpStatusCode.BadRequest)).Str("type").ShouldEndWith("invalid-filter");
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries?cursor=forged").ShouldBeProblem(HttpStatusCode.BadRequest);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries?sort=url").ShouldBeProblem(HttpStatusCode.BadRequest);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/not-a-guid").ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.GetAsync($"{Hooks(tenant)}/{id}/deliveries/{Guid.NewGuid()}").ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.PostAsync($"{Hooks(tenant)}/{Guid.NewGuid()}/test", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await tenant.Client.DeleteAsync($"{Hooks(tenant)}/{id}").ShouldBe(HttpStatusCode.NoContent);
    }
}

public sealed class WebhooksOnSqlite(WebhookHost<SqliteFactory> host) : WebhookTests<SqliteFactory>(host);

public sealed class WebhooksOnPostgres(WebhookHost<PostgresFactory> host) : WebhookTests<PostgresFactory>(host);
