using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.IntegrationTests.Messaging;
using Portico.Kernel.Tenancy;
using Portico.Scheduling;
using static Portico.IntegrationTests.Scheduling.AppointmentStudio;

namespace Portico.IntegrationTests.Scheduling;

public abstract class AppointmentReminderTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    [Fact]
    public async Task A_reminder_arrives_once_before_the_appointment_and_never_for_a_cancelled_or_moved_one()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var settings = await studio.Client.PutAsJsonAsync($"/api/v1/tenants/{studio.Slug}/scheduling/reminder-settings", new { offsetsMinutes = new[] { 1 }, channel = "email" })
            .ShouldBe(HttpStatusCode.OK);
        settings.GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ShouldBe([1]);
        var service = await studio.AddServiceAsync("Reminded", minutes: 30);
        var (kept, cancelled, moved) = (await studio.AddStaffAsync("Kept"), await studio.AddStaffAsync("Cancelled"), await studio.AddStaffAsync("Moved"));
        var now = DateTimeOffset.UtcNow.AddSeconds(62);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var (keptEmail, cancelledEmail, movedEmail) = ($"{Http.Unique("kept")}@example.com", $"{Http.Unique("gone")}@example.com", $"{Http.Unique("moved")}@example.com");

        await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = kept, startsAt = Iso(start), client = new { name = "Kept", email = keptEmail } });
        var toCancel = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = cancelled, startsAt = Iso(start), client = new { name = "Gone", email = cancelledEmail } });
        var toMove = await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = moved, startsAt = Iso(start), client = new { name = "Moved", email = movedEmail } });
        await studio.Client.PostJson(studio.Appointments($"{toCancel.Str("id")}/cancel"), new { reason = "Changed plans" }).ShouldBeOk();
        await studio.Client.PostJson(studio.Appointments($"{toMove.Str("id")}/reschedule"), new { startsAt = Iso(start.AddHours(5)) }).ShouldBeOk();

        var reminder = await Patience.EventuallyAsync(
            () => Task.FromResult(app.Smtp.Received.Where(m => m.To.Mailboxes.Any(x => x.Address == keptEmail) && (m.Subject ?? "").StartsWith("Appointment reminder", StringComparison.Ordinal)).ToList()),
            list => list.Count > 0, "the reminder of the kept appointment");
        reminder.Count.ShouldBe(1);
        (reminder[0].TextBody ?? "").ShouldContain("Reminder: Reminded");

        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(studio.TenantId, studio.Slug);
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var rows = await db.AppointmentReminders.AsNoTracking().ToListAsync();
        rows.ShouldNotContain(r => r.AppointmentId == Guid.Parse(toCancel.Str("id")));
        rows.Single(r => r.AppointmentId == Guid.Parse(toMove.Str("id"))).DueAt.ShouldBe(start.AddHours(5).AddMinutes(-1));
        rows.Single(r => r.AppointmentId == Guid.Parse(toMove.Str("id"))).SentAt.ShouldBeNull();
        rows.Where(r => r.SentAt != null).ShouldHaveSingleItem();
        app.Smtp.Received.ShouldNotContain(m => m.To.Mailboxes.Any(x => x.Address == cancelledEmail || x.Address == movedEmail) && (m.Subject ?? "").StartsWith("Appointment reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminder_settings_default_to_a_day_and_two_hours_by_email_and_refuse_bad_values()
    {
        var studio = await AppointmentStudio.CreateAsync(app);
        var url = $"/api/v1/tenants/{studio.Slug}/scheduling/reminder-settings";
        var defaults = await studio.Client.GetAsync(url).ShouldBeOk();
        defaults.GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ShouldBe([1440, 120]);
        defaults.Str("channel").ShouldBe("email");

        var problem = await studio.Client.PutAsJsonAsync(url, new { offsetsMinutes = new[] { 0, 99999 }, channel = "pigeon" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["offsetsMinutes", "channel"], ignoreOrder: true);
        var employee = await studio.Tenant.AddMemberAsync("Employee");
        await employee.Client.PutAsJsonAsync(url, new { channel = "sms" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await studio.Client.PutAsJsonAsync(url, new { offsetsMinutes = new[] { 60, 2880 }, channel = "sms" }).ShouldBeOk())
            .GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ShouldBe([2880, 60]);
    }
}

public sealed class AppointmentRemindersOnSqlite(SqliteFactory app) : AppointmentReminderTests<SqliteFactory>(app);

public sealed class AppointmentRemindersOnPostgres(PostgresFactory app) : AppointmentReminderTests<PostgresFactory>(app);

/// <summary>Telegram reminders, with the Bot API replaced by the local fake (its settings must be in place before the host starts).</summary>
public abstract class TelegramReminderTests<TFactory>(MessagingHost<TFactory> host) : IClassFixture<MessagingHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    [Fact]
    public async Task A_telegram_reminder_reaches_the_chat_where_the_client_shared_their_phone_and_a_client_without_one_gets_the_email()
    {
        var app = host.App;
        var studio = await AppointmentStudio.CreateAsync(app);
        await studio.Client.PutAsJsonAsync($"/api/v1/tenants/{studio.Slug}/scheduling/reminder-settings", new { offsetsMinutes = new[] { 1 }, channel = "telegram" })
            .ShouldBe(HttpStatusCode.OK);

        // The studio's bot, and a user who shares their phone with it (Telegram gives the digits without "+").
        var (token, _, _) = host.NewBot();
        var bots = $"/api/v1/tenants/{studio.Slug}/bots";
        var botId = (await studio.Client.PostJson(bots, new { token, name = "Front desk" }).ShouldBe(HttpStatusCode.Created)).Str("id");
        await studio.Client.PatchAsync($"{bots}/{botId}/activate", null).ShouldBeOk();
        var webhook = host.Telegram.WebhookOf(token).ShouldNotBeNull();
        var chatId = Random.Shared.NextInt64(100_000_000, 900_000_000);
        var digits = "7916" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await FakeTelegramBotApi.DeliverAsync(app.CreateClient(), new Uri(webhook.Url).PathAndQuery, webhook.SecretToken,
            FakeTelegramBotApi.Updates.Contact(1, chatId, chatId, digits, "Мария"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Patience.EventuallyAsync(() => studio.Client.GetAsync($"/api/v1/tenants/{studio.Slug}/conversations?botId={botId}").ShouldBeOk(),
            page => page.Items().Count == 1, "the chat where the phone was shared");

        var service = await studio.AddServiceAsync("Reminded", minutes: 30);
        var (maria, anna) = (await studio.AddStaffAsync("Maria's master"), await studio.AddStaffAsync("Anna's master"));
        var now = DateTimeOffset.UtcNow.AddSeconds(62);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var (mariaEmail, annaEmail) = ($"{Http.Unique("maria")}@example.com", $"{Http.Unique("anna")}@example.com");
        var phone = $"+{digits[..1]} {digits[1..4]} {digits[4..7]}-{digits[7..9]}-{digits[9..]}";
        await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = maria, startsAt = Iso(start), locale = "ru", client = new { name = "Мария", email = mariaEmail, phone } });
        await studio.BookedAsync(new { serviceIds = new[] { service }, staffId = anna, startsAt = Iso(start), client = new { name = "Anna", email = annaEmail, phone = "+49 151 23456789" } });

        var sent = await Patience.EventuallyAsync(
            () => Task.FromResult(host.Telegram.Received.Where(m => m.Token == token && m.ChatId == chatId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()),
            list => list.Count > 0, "the Telegram reminder");
        sent.ShouldHaveSingleItem().Text.ShouldStartWith("Напоминаем: ");
        sent[0].Text.ShouldContain("Studio Test");
        var email = await Patience.EventuallyAsync(
            () => Task.FromResult(app.Smtp.Received.Where(m => m.To.Mailboxes.Any(x => x.Address == annaEmail) && (m.Subject ?? "").StartsWith("Appointment reminder", StringComparison.Ordinal)).ToList()),
            list => list.Count > 0, "the email reminder of the client without a chat");
        email.ShouldHaveSingleItem();
        app.Smtp.Received.ShouldNotContain(m => m.To.Mailboxes.Any(x => x.Address == mariaEmail) && (m.Subject ?? "").StartsWith("Напоминание", StringComparison.Ordinal));

        // It went out through the bot's conversation, as a message of the reminders.
        var conversation = (await studio.Client.GetAsync($"/api/v1/tenants/{studio.Slug}/conversations?botId={botId}").ShouldBeOk()).Items()[0].Str("id");
        var outgoing = (await studio.Client.GetAsync($"/api/v1/tenants/{studio.Slug}/conversations/{conversation}/messages?limit=100").ShouldBeOk())
            .Items().Where(m => m.Str("direction") == "out").ToList();
        outgoing.ShouldHaveSingleItem().Str("text").ShouldBe(sent[0].Text);
    }
}

public sealed class TelegramRemindersOnSqlite(MessagingHost<SqliteFactory> host) : TelegramReminderTests<SqliteFactory>(host);

public sealed class TelegramRemindersOnPostgres(MessagingHost<PostgresFactory> host) : TelegramReminderTests<PostgresFactory>(host);
