using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Events;
using Portico.Notifications.Dispatch;
using Wolverine;

namespace Portico.IntegrationTests.Notifications;

/// <summary>
/// Notifications end to end: a tenant event (posted through the API) meets the tenant's triggers, becomes
/// deliveries, and reaches the real SMTP server or the local provider stand-ins through the durable queues.
/// </summary>
public abstract class NotificationTests<TFactory>(NotificationsHost<TFactory> host) : IClassFixture<NotificationsHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private PorticoFactory App => host.App;

    private sealed record Tenant(string Slug, Guid Id, TestUser Owner, Guid OwnerId, HttpClient Client)
    {
        public string Notifications => $"/api/v1/tenants/{Slug}/notifications";
    }

    private async Task<Tenant> TenantAsync(string locale = "en")
    {
        var owner = await App.RegisterAsync(locale: locale);
        var client = owner.Client(App);
        var slug = Http.Unique("nt");
        var tenant = await client.PostJson("/api/v1/tenants", new { name = "Notify Test", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        var me = await client.GetAsync("/api/v1/me").ShouldBeOk();
        return new Tenant(slug, Guid.Parse(tenant.Str("id")), owner, Guid.Parse(me.Str("id")), client);
    }

    private async Task<(TestUser User, Guid Id)> MemberAsync(Tenant tenant, string role, string locale = "en")
    {
        var member = await App.RegisterAsync(locale: locale);
        await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/invitations", new { email = member.Email, role }).ShouldBe(HttpStatusCode.Created);
        await member.Client(App).PostAsync($"/api/v1/invitations/{App.Smtp.LastLinkToken(member.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        var me = await member.Client(App).GetAsync("/api/v1/me").ShouldBeOk();
        return (member, Guid.Parse(me.Str("id")));
    }

    private static async Task<JsonElement> TriggerAsync(Tenant tenant, object trigger) =>
        await tenant.Client.PostJson($"{tenant.Notifications}/triggers", trigger).ShouldBe(HttpStatusCode.Created);

    private static async Task<Guid> PublishAsync(Tenant tenant, string type, object data) =>
        Guid.Parse((await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/events", new { type, data }).ShouldBe(HttpStatusCode.Accepted)).Str("id"));

    private static async Task<List<JsonElement>> DeliveriesAsync(Tenant tenant, string query) =>
        (await tenant.Client.GetAsync($"{tenant.Notifications}/deliveries?{query}").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();

    /// <summary>Waits until the deliveries of the event have all reached <paramref name="count"/> and a state no worker will change on its own.</summary>
    private static Task<List<JsonElement>> SettledAsync(Tenant tenant, Guid eventId, int count, params string[] statuses) => EventuallyAsync(
        () => DeliveriesAsync(tenant, $"eventId={eventId}"),
        d => d.Count == count && d.All(x => (statuses.Length == 0 ? ["sent", "failed", "skipped"] : statuses).Contains(x.Str("status"))),
        $"{count} deliveries of event {eventId} to settle");

    private static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what) => Patience.EventuallyAsync(read, done, what);

    /// <summary>A real SignalR client on the events hub, as a browser tab connects (WebSockets, token in the query), collecting <c>notification</c> pushes.</summary>
    private async Task<HubConnection> HubAsync(string token, Channel<JsonElement> received)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(App.Server.BaseAddress, "/hubs/events"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) => await App.Server.CreateWebSocketClient()
                    .ConnectAsync(new Uri(context.Uri + (context.Uri.Query.Length > 0 ? "&" : "?") + "access_token=" + Uri.EscapeDataString(token)), ct);
            })
            .Build();
        connection.On<JsonElement>("notification", payload => received.Writer.TryWrite(payload));
        await connection.StartAsync();
        return connection;
    }

    private IReadOnlyList<MimeKit.MimeMessage> Mail(string address, string subject) =>
        App.Smtp.MailFor(address).Where(m => m.Subject == subject).ToList();

    [Fact]
    public async Task An_email_trigger_on_roles_reaches_each_member_over_smtp_in_their_language()
    {
        var tenant = await TenantAsync("en");
        var (admin, _) = await MemberAsync(tenant, "Admin", "ru");
        await tenant.Client.PostJson($"{tenant.Notifications}/templates", new
        {
            eventType = "custom.order-paid", channel = "email", locale = "en",
            subject = "Order {{ event.data.orderId }} paid",
            body = "Hello {{ recipient.name }}, {{ event.data.customer }} paid {{ event.data.total }}.",
            htmlBody = "<p>Customer: <b>{{ event.data.customer }}</b></p>",
        }).ShouldBe(HttpStatusCode.Created);
        await tenant.Client.PostJson($"{tenant.Notifications}/templates", new
        {
            eventType = "custom.order-paid", channel = "email", locale = "ru",
            subject = "Заказ {{ event.data.orderId }} оплачен",
            body = "Здравствуйте! {{ event.data.customer }} оплатил заказ.",
        }).ShouldBe(HttpStatusCode.Created);
        await TriggerAsync(tenant, new
        {
            name = "Paid orders", eventType = "custom.order-paid", channel = "email",
            recipients = new[] { new { kind = "role", value = "Owner" }, new { kind = "role", value = "Admin" } },
        });

        var eventId = await PublishAsync(tenant, "custom.order-paid", new { orderId = 42, customer = "<Анна & Co>", total = "12.50" });

        var deliveries = await SettledAsync(tenant, eventId, 2);
        deliveries.ShouldAllBe(d => d.Str("status") == "sent" && d.Str("channel") == "email" && d.GetProperty("attempts").GetInt32() == 1);
        var english = Mail(tenant.Owner.Email, "Order 42 paid").ShouldHaveSingleItem();
        english.TextBody!.ShouldContain("<Анна & Co> paid 12.50.");
        english.HtmlBody!.ShouldContain("<b>&lt;Анна &amp; Co&gt;</b>");
        var russian = Mail(admin.Email, "Заказ 42 оплачен").ShouldHaveSingleItem();
        russian.TextBody!.ShouldContain("<Анна & Co> оплатил заказ.");
    }

    [Fact]
    public async Task Without_a_template_the_shipped_default_speaks_the_members_language()
    {
        var tenant = await TenantAsync("ru");
        await TriggerAsync(tenant, new { eventType = "custom.visit", channel = "email", recipients = new[] { new { kind = "role", value = "Owner" } } });

        var eventId = await PublishAsync(tenant, "custom.visit", new { room = 3 });

        (await SettledAsync(tenant, eventId, 1)).ShouldHaveSingleItem().Str("status").ShouldBe("sent");
        var mail = Mail(tenant.Owner.Email, $"custom.visit в {tenant.Slug}").ShouldHaveSingleItem();
        mail.TextBody!.ShouldContain($"В {tenant.Slug} произошло событие custom.visit");
        mail.HtmlBody!.ShouldStartWith("<p>Здравствуйте, Test Person!</p>");
    }

    [Fact]
    public async Task A_member_joining_is_announced_to_the_owners_by_email_and_welcomed_in_app_in_their_language()
    {
        var tenant = await TenantAsync("en");
        await TriggerAsync(tenant, new { eventType = "member.joined", channel = "email", recipients = new[] { new { kind = "role", value = "Owner" } } });
        await TriggerAsync(tenant, new { eventType = "member.joined", channel = "inapp", recipients = new[] { new { kind = "assignee" } } });

        var (member, memberId) = await MemberAsync(tenant, "Manager", "ru");

        var deliveries = await EventuallyAsync(() => DeliveriesAsync(tenant, "eventType=member.joined"),
            d => d.Count == 2 && d.All(x => x.Str("status") == "sent"), "the owner and the new member to be notified");
        deliveries.Single(d => d.Str("channel") == "inapp").Str("recipientUserId").ShouldBe(memberId.ToString());
        var mail = Mail(tenant.Owner.Email, $"Test Person joined {tenant.Slug}").ShouldHaveSingleItem();
        mail.TextBody!.ShouldContain($"Test Person joined {tenant.Slug} as Manager.");
        var welcome = (await member.Client(App).GetAsync(tenant.Notifications).ShouldBeOk()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        welcome.Str("title").ShouldBe($"Test Person: новый участник в {tenant.Slug}");
        welcome.Str("eventType").ShouldBe("member.joined");
    }

    [Fact]
    public async Task In_app_notifications_are_listed_marked_read_and_seen_only_by_their_member()
    {
        var tenant = await TenantAsync();
        var (employee, _) = await MemberAsync(tenant, "Employee");
        await tenant.Client.PostJson($"{tenant.Notifications}/templates", new
        {
            eventType = "custom.lead", channel = "inapp", locale = "en", subject = "New lead {{ event.data.name }}", body = "From {{ event.data.source }}",
        }).ShouldBe(HttpStatusCode.Created);
        await TriggerAsync(tenant, new { eventType = "custom.lead", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } } });

        var live = Channel.CreateUnbounded<JsonElement>();
        await using var hub = await HubAsync(tenant.Owner.AccessToken, live);

        var first = await PublishAsync(tenant, "custom.lead", new { name = "Ivan", source = "website" });
        await SettledAsync(tenant, first, 1, "sent");
        using (var timeout = Patience.Token())
        {
            var pushed = await live.Reader.ReadAsync(timeout.Token);
            pushed.Str("title").ShouldBe("New lead Ivan");
            pushed.GetProperty("read").GetBoolean().ShouldBeFalse();
        }

        var second = await PublishAsync(tenant, "custom.lead", new { name = "Olga", source = "phone" });
        await SettledAsync(tenant, second, 1, "sent");

        var list = await tenant.Client.GetAsync($"{tenant.Notifications}?unread=true").ShouldBeOk();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.Str("title")).ShouldBe(["New lead Olga", "New lead Ivan"]);
        items[0].Str("body").ShouldBe("From phone");
        items.ShouldAllBe(i => !i.GetProperty("read").GetBoolean());

        var page = await tenant.Client.GetAsync($"{tenant.Notifications}?limit=1").ShouldBeOk();
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        var next = await tenant.Client.GetAsync($"{tenant.Notifications}?limit=1&cursor={page.Str("nextCursor")}").ShouldBeOk();
        next.GetProperty("items")[0].Str("title").ShouldBe("New lead Ivan");

        var olga = items[0].Str("id");
        (await employee.Client(App).GetAsync($"{tenant.Notifications}").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        await employee.Client(App).PostAsync($"{tenant.Notifications}/{olga}/read", null).ShouldBeProblem(HttpStatusCode.NotFound);

        (await tenant.Client.PostAsync($"{tenant.Notifications}/{olga}/read", null).ShouldBeOk()).GetProperty("read").GetBoolean().ShouldBeTrue();
        (await tenant.Client.GetAsync($"{tenant.Notifications}?unread=true").ShouldBeOk()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem().Str("title").ShouldBe("New lead Ivan");
        (await tenant.Client.PostAsync($"{tenant.Notifications}/read-all", null).ShouldBeOk()).GetProperty("updated").GetInt32().ShouldBe(1);
        (await tenant.Client.GetAsync($"{tenant.Notifications}?unread=true").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await tenant.Client.GetAsync($"{tenant.Notifications}").ShouldBeOk()).GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_member_who_switched_an_event_off_on_a_channel_is_skipped_there_only()
    {
        var tenant = await TenantAsync();
        var preferences = await tenant.Client.PutAsJsonAsync("/api/v1/profile/notifications", new
        {
            rules = new[] { new { eventType = "custom.noise", channel = "email", enabled = false } },
        }).ShouldBe(HttpStatusCode.OK);
        preferences.Str("timeZone").ShouldBe("UTC");
        (await tenant.Client.GetAsync("/api/v1/profile/notifications").ShouldBeOk()).GetProperty("rules").EnumerateArray().ShouldHaveSingleItem()
            .GetProperty("enabled").GetBoolean().ShouldBeFalse();
        await TriggerAsync(tenant, new { eventType = "custom.noise", channel = "email", recipients = new[] { new { kind = "role", value = "Owner" } } });
        await TriggerAsync(tenant, new { eventType = "custom.noise", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } } });

        var eventId = await PublishAsync(tenant, "custom.noise", new { level = 11 });

        var deliveries = await SettledAsync(tenant, eventId, 2);
        var email = deliveries.Single(d => d.Str("channel") == "email");
        email.Str("status").ShouldBe("skipped");
        email.Str("providerAnswer").ShouldContain("switched off custom.noise on email");
        deliveries.Single(d => d.Str("channel") == "inapp").Str("status").ShouldBe("sent");
        Mail(tenant.Owner.Email, $"custom.noise in {tenant.Slug}").ShouldBeEmpty();

        await tenant.Client.PutAsJsonAsync("/api/v1/profile/notifications", new { rules = new[] { new { eventType = "custom.noise", channel = "fax", enabled = false } } })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Quiet_hours_defer_everything_but_in_app_until_they_end()
    {
        var tenant = await TenantAsync();
        var now = DateTimeOffset.UtcNow;
        var end = now.AddHours(2);
        await tenant.Client.PutAsJsonAsync("/api/v1/profile/notifications", new
        {
            quietHours = new { start = now.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), end = end.ToString("HH:mm", CultureInfo.InvariantCulture) },
        }).ShouldBe(HttpStatusCode.OK);
        await TriggerAsync(tenant, new { eventType = "custom.night", channel = "email", recipients = new[] { new { kind = "role", value = "Owner" } } });
        await TriggerAsync(tenant, new { eventType = "custom.night", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } } });

        var eventId = await PublishAsync(tenant, "custom.night", new { });

        var deliveries = await EventuallyAsync(() => DeliveriesAsync(tenant, $"eventId={eventId}"),
            d => d.Count == 2 && d.Any(x => x.Str("status") == "sent") && d.Any(x => x.Str("providerAnswer")?.Contains("quiet hours", StringComparison.Ordinal) == true),
            "in-app to be sent and email deferred");
        deliveries.Single(d => d.Str("channel") == "inapp").Str("status").ShouldBe("sent");
        var email = deliveries.Single(d => d.Str("channel") == "email");
        email.Str("status").ShouldBe("queued");
        var scheduledFor = email.GetProperty("scheduledFor").GetDateTimeOffset();
        scheduledFor.ShouldBeInRange(end.AddMinutes(-1.1), end);
        await Task.Delay(1500);
        Mail(tenant.Owner.Email, $"custom.night in {tenant.Slug}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Delays_schedule_deliveries_after_the_event_or_relative_to_a_time_in_its_data()
    {
        var tenant = await TenantAsync();
        var reminder = await TriggerAsync(tenant, new
        {
            name = "Reminder 24 h before", eventType = "custom.booked", channel = "inapp",
            recipients = new[] { new { kind = "role", value = "Owner" } },
            delay = new { field = "appointment.startsAt", offset = "-PT24H" },
        });
        reminder.GetProperty("delay").Str("offset").ShouldBe("-P1D");
        reminder.GetProperty("delay").Str("field").ShouldBe("appointment.startsAt");
        var followUp = await TriggerAsync(tenant, new
        {
            name = "Three seconds later", eventType = "custom.booked", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } }, delay = 3,
        });
        var startsAt = DateTimeOffset.UtcNow.AddHours(48);

        var published = await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/events", new { type = "custom.booked", data = new { appointment = new { startsAt } } })
            .ShouldBe(HttpStatusCode.Accepted);
        var eventId = Guid.Parse(published.Str("id"));
        var missing = await PublishAsync(tenant, "custom.booked", new { appointment = new { } });

        var deliveries = await EventuallyAsync(() => DeliveriesAsync(tenant, $"eventId={eventId}"),
            d => d.Count == 2 && d.Any(x => x.Str("status") == "sent"), "the follow-up to be sent");
        var queued = deliveries.Single(d => d.Str("triggerId") == reminder.Str("id"));
        queued.Str("status").ShouldBe("queued");
        queued.GetProperty("scheduledFor").GetDateTimeOffset().ShouldBe(startsAt.AddHours(-24), TimeSpan.FromMilliseconds(5));
        var sent = deliveries.Single(d => d.Str("triggerId") == followUp.Str("id"));
        // The bus's scheduler may fire a little early (it polls and rounds); three seconds still show in the send time.
        sent.GetProperty("sentAt").GetDateTimeOffset().ShouldBeGreaterThan(published.GetProperty("occurredAt").GetDateTimeOffset().AddSeconds(2));
        (await SettledAsync(tenant, missing, 2)).Single(d => d.Str("triggerId") == reminder.Str("id"))
            .Str("providerAnswer").ShouldContain("no time in appointment.startsAt");

        await tenant.Client.PostJson($"{tenant.Notifications}/triggers", new
        {
            eventType = "custom.booked", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } }, delay = "-PT1H",
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Invalid_liquid_is_refused_with_its_line_and_column()
    {
        var tenant = await TenantAsync();

        var problem = await tenant.Client.PostJson($"{tenant.Notifications}/templates", new
        {
            eventType = "custom.order-paid", channel = "sms", locale = "en", body = "Hello\nOrder {{ event.data.orderId }",
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("body")[0].GetString().ShouldStartWith("Liquid syntax error at line 2, column ");

        var preview = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new
        {
            eventType = "custom.order-paid", channel = "email", subject = "{% if event.data.orderId %}Paid", body = "ok",
        }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        preview.GetProperty("errors").GetProperty("subject")[0].GetString().ShouldBe("Liquid syntax error at line 1, column 32: '{% endif %}' was expected");
    }

    [Fact]
    public async Task A_preview_renders_sample_data_with_values_escaped_for_the_channel()
    {
        var tenant = await TenantAsync();

        var telegram = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new
        {
            eventType = "custom.order-paid", channel = "telegram", locale = "en",
            subject = "Order {{ event.data.orderId }}", body = "For <i>{{ event.data.customer }}</i>",
            sample = new { orderId = 7, customer = "<b>Bob</b>" },
        }).ShouldBeOk();
        telegram.Str("subject").ShouldBe("Order 7");
        telegram.Str("body").ShouldBe("For <i>&lt;b&gt;Bob&lt;/b&gt;</i>");
        telegram.Str("source").ShouldBe("request");

        var slack = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new
        {
            eventType = "custom.x", channel = "slack", body = "{{ event.data.who }} & <https://example.com|link>", sample = new { who = "O'Brien <!channel>" },
        }).ShouldBeOk();
        slack.Str("body").ShouldBe("O'Brien &lt;!channel&gt; & <https://example.com|link>");

        var shipped = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new { eventType = "custom.x", channel = "email", locale = "ru" }).ShouldBeOk();
        shipped.Str("source").ShouldBe("default:generic");
        shipped.Str("subject").ShouldBe($"custom.x в {tenant.Slug}");
        shipped.Str("htmlBody").ShouldStartWith("<p>Здравствуйте, Анна!</p>");

        var joined = await tenant.Client.PostJson($"{tenant.Notifications}/templates/preview", new { eventType = "member.joined", channel = "sms" }).ShouldBeOk();
        joined.GetProperty("sample").Str("fullName").ShouldBe("Anna Example");
        joined.Str("subject").ShouldBe($"Anna Example joined {tenant.Slug}");
        joined.Str("body").ShouldEndWith($"Anna Example joined {tenant.Slug} as Manager.");

        var defaults = await tenant.Client.GetAsync($"{tenant.Notifications}/templates/defaults").ShouldBeOk();
        defaults.EnumerateArray().Select(d => d.Str("locale")).Distinct().ShouldBe(["en", "ru"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_redelivered_event_or_send_message_sends_nothing_twice()
    {
        var tenant = await TenantAsync();
        await TriggerAsync(tenant, new { eventType = "custom.twice", channel = "email", recipients = new[] { new { kind = "address", value = "ops@portico.test" } } });
        var integrationEvent = IntegrationEvent.Create(
            tenant.Id, tenant.Slug, "custom.twice", "custom.twice", JsonSerializer.SerializeToElement(new { n = 1 }), "system:test", DateTimeOffset.UtcNow);

        // The event log hands the event over twice (as after a crash before a reader's checkpoint moved).
        await EventLogWriter.AppendAsync(App.Services, integrationEvent, integrationEvent);

        var delivery = (await SettledAsync(tenant, integrationEvent.Id, 1, "sent")).Single();
        await EventLogWriter.AppendAsync(App.Services, integrationEvent);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await bus.PublishAsync(new SendNotification(Guid.Parse(delivery.Str("id")), tenant.Id, tenant.Slug));
        }

        await Task.Delay(2500);
        Mail("ops@portico.test", $"custom.twice in {tenant.Slug}").Count.ShouldBe(1);
        (await DeliveriesAsync(tenant, $"eventId={integrationEvent.Id}")).ShouldHaveSingleItem().GetProperty("attempts").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task The_delivery_log_keeps_the_providers_answers_and_filters_by_status_channel_and_event_type()
    {
        var tenant = await TenantAsync();
        await tenant.Client.PutAsJsonAsync($"{tenant.Notifications}/channels", new { smsSenderName = "Salon" }).ShouldBe(HttpStatusCode.OK);
        await TriggerAsync(tenant, new { eventType = "custom.log", channel = "email", recipients = new[] { new { kind = "role", value = "Owner" } } });
        await TriggerAsync(tenant, new { eventType = "custom.log", channel = "sms", recipients = new[] { new { kind = "address", value = "+79991234567" } } });
        await TriggerAsync(tenant, new { eventType = "custom.log", channel = "telegram", recipients = new[] { new { kind = "address", value = "-1" } } });

        var eventId = await PublishAsync(tenant, "custom.log", new { n = 1 });
        await SettledAsync(tenant, eventId, 3);

        var failed = (await DeliveriesAsync(tenant, "status=failed")).ShouldHaveSingleItem();
        failed.Str("channel").ShouldBe("telegram");
        failed.Str("providerAnswer").ShouldContain("chat not found");
        var sms = (await DeliveriesAsync(tenant, "channel=sms")).ShouldHaveSingleItem();
        sms.Str("status").ShouldBe("sent");
        var text = host.MessageBird.Received.Single(m => m.Reference == sms.Str("id"));
        sms.Str("providerAnswer").ShouldBe($"messagebird id {text.Id}");
        text.Originator.ShouldBe("Salon");
        text.Recipients.ShouldBe(["79991234567"]);
        text.Body.ShouldContain($"custom.log happened in {tenant.Slug}");

        var first = await tenant.Client.GetAsync($"{tenant.Notifications}/deliveries?eventType=custom.log&limit=2").ShouldBeOk();
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        var rest = await tenant.Client.GetAsync($"{tenant.Notifications}/deliveries?eventType=custom.log&limit=2&cursor={first.Str("nextCursor")}").ShouldBeOk();
        rest.GetProperty("items").GetArrayLength().ShouldBe(1);
        rest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        (await DeliveriesAsync(tenant, "eventType=custom.other")).ShouldBeEmpty();
        var one = await tenant.Client.GetAsync($"{tenant.Notifications}/deliveries/{sms.Str("id")}").ShouldBeOk();
        one.Str("recipient").ShouldBe("+79991234567");
        (await tenant.Client.GetAsync($"{tenant.Notifications}/deliveries?status=lost").ShouldBeProblem(HttpStatusCode.BadRequest)).Str("type").ShouldEndWith("invalid-filter");
    }

    [Fact]
    public async Task Telegram_messages_go_through_the_tenants_bot_or_the_platforms_with_values_escaped()
    {
        var tenant = await TenantAsync();
        var settings = await tenant.Client.PutAsJsonAsync($"{tenant.Notifications}/channels", new
        {
            telegramBotToken = NotificationsHost<TFactory>.TenantBotToken, telegramChatId = "-100123",
        }).ShouldBe(HttpStatusCode.OK);
        settings.Str("telegramBotToken").ShouldBe("…" + NotificationsHost<TFactory>.TenantBotToken[^4..]);
        await TriggerAsync(tenant, new { eventType = "custom.deal", channel = "telegram", recipients = new[] { new { kind = "default" } } });
        var platform = await TenantAsync();
        await TriggerAsync(platform, new { eventType = "custom.deal", channel = "telegram", recipients = new[] { new { kind = "address", value = "@portico_news" } } });
        foreach (var t in new[] { tenant, platform })
        {
            await t.Client.PostJson($"{t.Notifications}/templates", new
            {
                eventType = "custom.deal", channel = "telegram", locale = "en", subject = "Deal won", body = "{{ event.data.client }} signed",
            }).ShouldBe(HttpStatusCode.Created);
        }

        var eventId = await PublishAsync(tenant, "custom.deal", new { client = "<Tom & Jerry>" });
        var viaPlatform = await PublishAsync(platform, "custom.deal", new { client = "Acme" });

        (await SettledAsync(tenant, eventId, 1)).Single().Str("providerAnswer").ShouldStartWith("telegram message_id ");
        await SettledAsync(platform, viaPlatform, 1, "sent");
        var own = host.Telegram.Received.Single(m => m.ChatId == "-100123");
        own.Token.ShouldBe(NotificationsHost<TFactory>.TenantBotToken);
        own.ParseMode.ShouldBe("HTML");
        own.Text.ShouldBe("<b>Deal won</b>\n&lt;Tom &amp; Jerry&gt; signed");
        host.Telegram.Received.Single(m => m.ChatId == "@portico_news").Token.ShouldBe(NotificationsHost<TFactory>.PlatformBotToken);
    }

    [Fact]
    public async Task Slack_gets_escaped_text_and_a_failed_post_is_retried_and_sent_once()
    {
        var tenant = await TenantAsync();
        var webhook = host.Slack.NewWebhook();
        var settings = await tenant.Client.PutAsJsonAsync($"{tenant.Notifications}/channels", new { slackWebhookUrl = webhook }).ShouldBe(HttpStatusCode.OK);
        settings.Str("slackWebhookUrl").ShouldNotBe(webhook);
        settings.Str("slackWebhookUrl").ShouldEndWith(webhook[^4..]);
        await TriggerAsync(tenant, new { eventType = "custom.alert", channel = "slack", recipients = new[] { new { kind = "default" } } });
        host.Slack.FailNext(1);

        var eventId = await PublishAsync(tenant, "custom.alert", new { who = "<!channel>" });

        var delivery = (await SettledAsync(tenant, eventId, 1, "sent")).Single();
        delivery.GetProperty("attempts").GetInt32().ShouldBe(2);
        delivery.Str("providerAnswer").ShouldBe("slack: HTTP 200");
        var posted = host.Slack.Received.Where(r => webhook.EndsWith(r.Path, StringComparison.Ordinal)).ShouldHaveSingleItem();
        posted.Text.ShouldStartWith($"*custom.alert in {tenant.Slug}*\n");
        posted.Text.ShouldNotContain("<!channel>");
    }

    [Fact]
    public async Task Web_push_reaches_each_browser_signed_with_vapid_and_expired_subscriptions_are_dropped()
    {
        var tenant = await TenantAsync();
        var key = await App.CreateClient().GetAsync("/api/v1/public/push/vapid-public-key").ShouldBeOk();
        key.Str("publicKey").ShouldBe(host.Vapid.PublicKey);
        var browser = host.Push.Subscribe();
        var gone = host.Push.Subscribe();
        var browserId = (await tenant.Client.PostJson("/api/v1/profile/push-subscriptions", browser.ToJson()).ShouldBe(HttpStatusCode.Created)).Str("id");
        var goneId = (await tenant.Client.PostJson("/api/v1/profile/push-subscriptions", gone.ToJson()).ShouldBe(HttpStatusCode.Created)).Str("id");
        host.Push.Expire(gone);
        await TriggerAsync(tenant, new { eventType = "custom.ping", channel = "webpush", recipients = new[] { new { kind = "role", value = "Owner" } } });

        var eventId = await PublishAsync(tenant, "custom.ping", new { n = 1 });

        var delivery = (await SettledAsync(tenant, eventId, 1, "sent")).Single();
        delivery.Str("providerAnswer").ShouldBe("push: 1 delivered, 1 expired and removed");
        var payload = host.Push.Received.Single(r => r.Endpoint == browser.Endpoint).Payload;
        payload.Str("title").ShouldBe($"custom.ping in {tenant.Slug}");
        payload.GetProperty("data").Str("deliveryId").ShouldBe(delivery.Str("id"));
        await tenant.Client.DeleteAsync($"/api/v1/profile/push-subscriptions/{goneId}").ShouldBeProblem(HttpStatusCode.NotFound);
        (await tenant.Client.DeleteAsync($"/api/v1/profile/push-subscriptions?endpoint={Uri.EscapeDataString(browser.Endpoint)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await tenant.Client.DeleteAsync($"/api/v1/profile/push-subscriptions/{browserId}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_owners_and_admins_manage_notifications_and_another_tenants_records_are_not_found()
    {
        var tenant = await TenantAsync();
        var (employee, _) = await MemberAsync(tenant, "Employee");
        var trigger = await TriggerAsync(tenant, new { eventType = "custom.secret", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } } });
        var eventId = await PublishAsync(tenant, "custom.secret", new { });
        var delivery = (await SettledAsync(tenant, eventId, 1)).Single();

        (await employee.Client(App).GetAsync($"{tenant.Notifications}/triggers").ShouldBeProblem(HttpStatusCode.Forbidden)).Str("type").ShouldEndWith("permission-denied");
        await employee.Client(App).GetAsync($"{tenant.Notifications}/deliveries").ShouldBeProblem(HttpStatusCode.Forbidden);
        await employee.Client(App).GetAsync($"{tenant.Notifications}").ShouldBeOk();

        var other = await TenantAsync();
        await other.Client.GetAsync($"{tenant.Notifications}/deliveries/{delivery.Str("id")}").ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.GetAsync($"{other.Notifications}/deliveries/{delivery.Str("id")}").ShouldBeProblem(HttpStatusCode.NotFound);
        await other.Client.GetAsync($"{other.Notifications}/triggers/{trigger.Str("id")}").ShouldBeProblem(HttpStatusCode.NotFound);
        (await DeliveriesAsync(other, "")).ShouldBeEmpty();
    }
}

public sealed class NotificationTestsOnSqlite(NotificationsHost<SqliteFactory> host) : NotificationTests<SqliteFactory>(host);

public sealed class NotificationTestsOnPostgres(NotificationsHost<PostgresFactory> host) : NotificationTests<PostgresFactory>(host);
