using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Notifications;

/// <summary>With the default SMS provider, notification texts go through the platform's SMS port: Twilio's Messages API here.</summary>
public abstract class TwilioNotificationTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task An_sms_trigger_sends_through_twilio_in_the_triggers_language()
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var slug = Http.Unique("tw");
        await client.PostJson("/api/v1/tenants", new { name = "Twilio Test", slug, vertical = "workshop" }).ShouldBe(HttpStatusCode.Created);
        await client.PostJson($"/api/v1/tenants/{slug}/notifications/triggers", new
        {
            eventType = "custom.car-ready", channel = "sms", locale = "ru", recipients = new[] { new { kind = "address", value = "+79990001122" } },
        }).ShouldBe(HttpStatusCode.Created);

        var published = await client.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.car-ready", data = new { plate = "A123BC" } }).ShouldBe(HttpStatusCode.Accepted);

        var deadline = DateTime.UtcNow + Patience.Cap;
        while (!app.Twilio.Sent.Any(m => m.To == "+79990001122" && m.Body.Contains(slug, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        app.Twilio.Sent.Single(m => m.To == "+79990001122" && m.Body.Contains(slug, StringComparison.Ordinal))
            .Body.ShouldStartWith($"Здравствуйте!\n\nВ {slug} произошло событие custom.car-ready");
        var delivery = (await client.GetAsync($"/api/v1/tenants/{slug}/notifications/deliveries?eventId={published.Str("id")}").ShouldBeOk()).GetProperty("items")[0];
        delivery.Str("locale").ShouldBe("ru");
    }
}

public sealed class TwilioNotificationTestsOnSqlite(SqliteFactory app) : TwilioNotificationTests<SqliteFactory>(app);

public sealed class TwilioNotificationTestsOnPostgres(PostgresFactory app) : TwilioNotificationTests<PostgresFactory>(app);
