using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.Messaging;
using Portico.Messaging.Conversations;
using Xunit.Abstractions;
using static Portico.IntegrationTests.Infrastructure.FakeTelegramBotApi;

namespace Portico.IntegrationTests.Messaging;

/// <summary>
/// Bot analytics over HTTP: buckets of the tenant's (or the asked) time zone across a daylight-saving change and in a
/// half-hour zone, unique against new users, leads, the median first response, the all-bots view, the defaults with
/// data that came through the webhook, bad parameters, and another tenant's bot. History is written straight into the
/// module's tables with the moments it needs (the application stamps creation times with the real clock).
/// </summary>
public abstract class BotStatsTests<TFactory>(MessagingHost<TFactory> host, ITestOutputHelper output) : IClassFixture<MessagingHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private TFactory App => host.App;

    private static DateTimeOffset Utc(string at) => DateTimeOffset.Parse(at + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static string Bots(CrmTestTenant tenant) => $"/api/v1/tenants/{tenant.Slug}/bots";

    private async Task<(CrmTestTenant Tenant, Guid Bot)> BotAsync(CrmTestTenant? tenant = null, string name = "Front desk")
    {
        tenant ??= await CrmTestTenant.CreateAsync(App);
        var (token, _, _) = host.NewBot();
        var bot = await tenant.Client.PostJson(Bots(tenant), new { token, name }).ShouldBe(HttpStatusCode.Created);
        return (tenant, Guid.Parse(bot.Str("id")));
    }

    /// <summary>
    /// Three Telegram users of one bot around Europe/Berlin's change to summer time (2026-03-29 01:00 UTC): Anna new on
    /// the 28th, Boris an old user who becomes a lead on the 29th, Clara new on the 29th and a lead on the 30th.
    /// </summary>
    private async Task SeedAroundSummerTimeAsync(CrmTestTenant tenant, Guid bot)
    {
        var history = new History(bot);
        var anna = history.User(1, Utc("2026-03-28T10:00:00"));
        var boris = history.User(2, Utc("2026-03-01T09:00:00"), leadAt: Utc("2026-03-29T00:10:00"));
        var clara = history.User(3, Utc("2026-03-29T12:00:00"), leadAt: Utc("2026-03-30T08:00:00"));
        history.In(anna, Utc("2026-03-27T22:59:59")); // 23:59:59 on the 27th in Berlin: before the range
        history.In(anna, Utc("2026-03-28T10:00:00"));
        history.In(anna, Utc("2026-03-28T10:05:00"));
        history.Out(anna, Utc("2026-03-28T10:07:00"), response: 420);
        history.In(boris, Utc("2026-03-28T23:30:00")); // 00:30 on the 29th in Berlin (+01:00)
        history.Out(boris, Utc("2026-03-29T00:00:00"), response: 1800);
        history.Out(boris, Utc("2026-03-29T01:00:00"), status: DeliveryStatuses.Queued);
        history.Out(boris, Utc("2026-03-29T01:10:00"), status: DeliveryStatuses.Failed);
        history.In(clara, Utc("2026-03-29T12:00:00"));
        history.Out(clara, Utc("2026-03-29T12:01:00"), response: 60);
        history.In(clara, Utc("2026-03-29T12:30:00"));
        history.Out(clara, Utc("2026-03-29T12:31:00")); // an auto-reply: out, but no first response
        history.In(anna, Utc("2026-03-29T22:30:00")); // 00:30 on the 30th in Berlin (+02:00), still the 29th in UTC
        history.In(anna, Utc("2026-03-30T22:00:00")); // midnight of the 31st in Berlin: the range's end, not in it
        await history.SaveAsync(App, tenant);
    }

    [Fact]
    public async Task Days_follow_the_time_zone_across_a_summer_time_change_and_count_unique_new_users_leads_and_the_median_response()
    {
        var (tenant, bot) = await BotAsync();
        await SeedAroundSummerTimeAsync(tenant, bot);

        var stats = await tenant.Client.GetAsync(
            $"{Bots(tenant)}/{bot}/stats?interval=day&timeZone=Europe/Berlin&from=2026-03-27T23:00:00Z&to=2026-03-30T22:00:00Z").ShouldBeOk();

        stats.Str("botId").ShouldBe(bot.ToString());
        stats.Str("interval").ShouldBe("day");
        stats.Str("timeZone").ShouldBe("Europe/Berlin");
        Starts(stats).ShouldBe([Utc("2026-03-27T23:00:00"), Utc("2026-03-28T23:00:00"), Utc("2026-03-29T22:00:00")]);
        var buckets = stats.GetProperty("buckets").EnumerateArray().Select(Figures).ToList();
        //              in out unique new leads replies median
        buckets[0].ShouldBe((2, 1, 1, 1, 0, 1, 420.0));
        buckets[1].ShouldBe((3, 3, 2, 1, 1, 2, 930.0));
        buckets[2].ShouldBe((1, 0, 1, 0, 1, 0, (double?)null));
        // Anna wrote on two days but is one unique user of the range.
        Figures(stats.GetProperty("totals")).ShouldBe((6, 4, 3, 2, 2, 3, 420.0));
    }

    [Fact]
    public async Task Days_of_a_utc_tenant_are_utc_days_and_every_empty_bucket_is_listed()
    {
        var (tenant, bot) = await BotAsync();
        await SeedAroundSummerTimeAsync(tenant, bot);

        var stats = await tenant.Client.GetAsync($"{Bots(tenant)}/{bot}/stats?from=2026-03-26T00:00:00Z&to=2026-04-01T00:00:00Z").ShouldBeOk();

        stats.Str("timeZone").ShouldBe("UTC");
        Starts(stats).ShouldBe(Enumerable.Range(26, 6).Select(d => Utc($"2026-03-{d}T00:00:00")).ToList());
        var buckets = stats.GetProperty("buckets").EnumerateArray().Select(Figures).ToList();
        buckets[0].ShouldBe((0, 0, 0, 0, 0, 0, (double?)null));
        buckets[1].ShouldBe((1, 0, 1, 0, 0, 0, (double?)null));
        buckets[2].ShouldBe((3, 1, 2, 1, 0, 1, 420.0));
        buckets[3].ShouldBe((3, 3, 2, 1, 1, 2, 930.0));
        buckets[4].ShouldBe((1, 0, 1, 0, 1, 0, (double?)null));
        buckets[5].ShouldBe((0, 0, 0, 0, 0, 0, (double?)null));
        Figures(stats.GetProperty("totals")).ShouldBe((8, 4, 3, 2, 2, 3, 420.0));
    }

    [Fact]
    public async Task Hours_of_a_half_hour_zone_start_at_half_past_utc_and_the_first_holds_a_from_inside_it()
    {
        var (tenant, bot) = await BotAsync();
        await SeedAroundSummerTimeAsync(tenant, bot);

        var stats = await tenant.Client.GetAsync($"{Bots(tenant)}/{bot}/stats?interval=hour&timeZone=Asia/Kolkata&from=2026-03-29T11:45:00Z&to=2026-03-29T13:30:00Z").ShouldBeOk();

        Starts(stats).ShouldBe([Utc("2026-03-29T11:30:00"), Utc("2026-03-29T12:30:00")]);
        var buckets = stats.GetProperty("buckets").EnumerateArray().Select(Figures).ToList();
        buckets[0].ShouldBe((1, 1, 1, 1, 0, 1, 60.0));
        buckets[1].ShouldBe((1, 1, 1, 0, 0, 0, (double?)null));
    }

    [Fact]
    public async Task All_bots_stats_add_up_every_bot_of_the_tenant_and_show_each_bots_totals()
    {
        var (tenant, frontDesk) = await BotAsync(name: "Front desk");
        var (_, booking) = await BotAsync(tenant, name: "Booking");
        await SeedAroundSummerTimeAsync(tenant, frontDesk);
        var history = new History(booking);
        var dmitri = history.User(10, Utc("2026-03-29T08:00:00"), leadAt: Utc("2026-03-29T08:05:00"));
        history.In(dmitri, Utc("2026-03-29T08:00:00"));
        history.Out(dmitri, Utc("2026-03-29T08:02:00"), response: 120);
        await history.SaveAsync(App, tenant);
        var (stranger, strangersBot) = await BotAsync();
        await SeedAroundSummerTimeAsync(stranger, strangersBot);

        var stats = await tenant.Client.GetAsync($"{Bots(tenant)}/stats?from=2026-03-28T00:00:00Z&to=2026-03-31T00:00:00Z").ShouldBeOk();

        var bots = stats.GetProperty("bots").EnumerateArray().ToList();
        bots.Select(b => b.Str("name")).ShouldBe(["Booking", "Front desk"]);
        bots[0].Str("botId").ShouldBe(booking.ToString());
        Figures(bots[0].GetProperty("totals")).ShouldBe((1, 1, 1, 1, 1, 1, 120.0));
        Figures(bots[1].GetProperty("totals")).ShouldBe((7, 4, 3, 2, 2, 3, 420.0));
        Figures(stats.GetProperty("totals")).ShouldBe((8, 5, 4, 3, 3, 4, 270.0));
        Starts(stats).Count.ShouldBe(3);
        Figures(stats.GetProperty("buckets")[1]).ShouldBe((4, 4, 3, 2, 2, 3, 120.0));
    }

    [Fact]
    public async Task Without_parameters_the_last_seven_days_of_the_tenants_zone_count_what_came_through_the_webhook()
    {
        var tenant = await CrmTestTenant.CreateAsync(App);
        await tenant.Client.PatchJson($"/api/v1/tenants/{tenant.Slug}", new { timeZone = "Asia/Kolkata" }).ShouldBeOk();
        var (token, _, _) = host.NewBot();
        var created = await tenant.Client.PostJson(Bots(tenant), new { token }).ShouldBe(HttpStatusCode.Created);
        var bot = created.Str("id");
        await tenant.Client.PatchAsync($"{Bots(tenant)}/{bot}/activate", null).ShouldBeOk();
        var webhook = host.Telegram.WebhookOf(token).ShouldNotBeNull();
        (await DeliverAsync(App.CreateClient(), new Uri(webhook.Url).PathAndQuery, webhook.SecretToken, Updates.Text(1, 4040, 4040, "Можно записаться?"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversation = (await Patience.EventuallyAsync(() => tenant.Client.GetAsync($"/api/v1/tenants/{tenant.Slug}/conversations?botId={bot}").ShouldBeOk(),
            page => page.Items().Count == 1, "the conversation")).Items()[0];
        await tenant.Client.PostJson($"/api/v1/tenants/{tenant.Slug}/conversations/{conversation.Str("id")}/messages", new { text = "Да" }).ShouldBe(HttpStatusCode.Created);

        var days = await tenant.Client.GetAsync($"{Bots(tenant)}/{bot}/stats").ShouldBeOk();
        var hours = await tenant.Client.GetAsync($"{Bots(tenant)}/{bot}/stats?interval=hour").ShouldBeOk();

        days.Str("timeZone").ShouldBe("Asia/Kolkata");
        var starts = Starts(days);
        starts.Count.ShouldBe(7);
        starts.ShouldAllBe(s => s.Hour == 18 && s.Minute == 30); // midnight in India is 18:30 UTC
        var totals = Figures(days.GetProperty("totals"));
        (totals.In, totals.Out, totals.Unique, totals.New, totals.Replies).ShouldBe((1, 1, 1, 1, 1));
        totals.Median.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);
        Figures(days.GetProperty("buckets")[6]).ShouldBe(totals); // today
        Starts(hours).Count.ShouldBe(24);
        Starts(hours).ShouldAllBe(s => s.Minute == 30);
        Figures(hours.GetProperty("totals")).ShouldBe(totals);
        var all = await tenant.Client.GetAsync($"{Bots(tenant)}/stats").ShouldBeOk();
        Figures(all.GetProperty("totals")).ShouldBe(totals);
    }

    [Fact]
    public async Task Bad_parameters_are_400s_or_422s_and_another_tenants_bot_is_a_404()
    {
        var (tenant, bot) = await BotAsync();
        var path = $"{Bots(tenant)}/{bot}/stats";

        (await tenant.Client.GetAsync($"{path}?interval=week").ShouldBeProblem(HttpStatusCode.BadRequest)).Str("type").ShouldEndWith("invalid-filter");
        (await tenant.Client.GetAsync($"{path}?timeZone=Mars/Olympus").ShouldBeProblem(HttpStatusCode.BadRequest)).Str("type").ShouldEndWith("invalid-filter");
        (await tenant.Client.GetAsync($"{path}?from=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tenant.Client.GetAsync($"{path}?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z").ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["from"]);
        (await tenant.Client.GetAsync($"{path}?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z").ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["from"]);
        (await tenant.Client.GetAsync($"{path}?interval=hour&from=2026-03-01T00:00:00Z&to=2026-04-02T00:00:00Z").ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["to"]);
        (await tenant.Client.GetAsync($"{path}?interval=hour&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z").ShouldBeOk()).GetProperty("buckets").GetArrayLength().ShouldBe(744);
        (await tenant.Client.GetAsync($"{path}?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z").ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["to"]);
        (await tenant.Client.GetAsync($"{path}?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z").ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["from", "to"], ignoreOrder: true);
        (await tenant.Client.GetAsync($"{Bots(tenant)}/stats?interval=minute")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var other = await CrmTestTenant.CreateAsync(App);
        (await other.Client.GetAsync($"{Bots(other)}/{bot}/stats").ShouldBeProblem(HttpStatusCode.NotFound)).Str("detail").ShouldNotContain("Front desk");
        (await tenant.Client.GetAsync($"{Bots(tenant)}/{Guid.NewGuid()}/stats")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var empty = await other.Client.GetAsync($"{Bots(other)}/stats").ShouldBeOk();
        empty.GetProperty("bots").GetArrayLength().ShouldBe(0);
        Figures(empty.GetProperty("totals")).ShouldBe((0, 0, 0, 0, 0, 0, (double?)null));
        Starts(empty).Count.ShouldBe(7);
    }

    [Fact]
    public async Task Two_hundred_thousand_messages_in_a_month_are_counted_exactly_and_quickly()
    {
        const int chats = 2_000, perChat = 100;
        var (tenant, bot) = await BotAsync();
        var start = Utc("2026-01-01T00:00:00");
        var history = new History(bot);
        for (var c = 0; c < chats; c++)
        {
            var user = history.User(1000 + c, start.AddDays(c % 30));
            for (var m = 0; m < perChat; m++)
            {
                // Spread over 30 days; every other message out, each fourth out one a first response of m seconds.
                var at = start.AddSeconds(((c * 7919L) + (m * 25_919L)) % (30L * 86_400));
                if (m % 2 == 0)
                {
                    history.In(user, at);
                }
                else
                {
                    history.Out(user, at, response: m % 4 == 1 ? m : null);
                }
            }
        }

        await history.SaveAsync(App, tenant, bulk: true);
        var path = $"{Bots(tenant)}/{bot}/stats?from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z";
        await tenant.Client.GetAsync(path).ShouldBeOk(); // warm: the query's plan and the tenant's profile

        var logged = App.Logs.Count;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var stats = await tenant.Client.GetAsync(path).ShouldBeOk();
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        foreach (var line in App.Logs.Skip(logged).Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal)))
        {
            output.WriteLine(line.Length > 1500 ? line[..1500] : line);
        }

        Figures(stats.GetProperty("totals")).ShouldBe((chats * perChat / 2, chats * perChat / 2, chats, chats, 0, chats * perChat / 4, 49.0));
        stats.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("messagesIn").GetInt32()).ShouldBe(chats * perChat / 2);
        output.WriteLine($"{App.ProviderName}: stats over {chats * perChat:N0} messages in {clock.ElapsedMilliseconds} ms ({cpu.TotalMilliseconds:0} ms of this process's CPU)");
        // A bound for regressions (a statement per bucket or per chat), not a benchmark: on 2 cores shared with other
        // builds this took 3.3 s of wall time and 1.9 s of this process's CPU (see docs/architecture.md, bot analytics).
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    private static List<DateTimeOffset> Starts(JsonElement stats) =>
        stats.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("start").GetDateTimeOffset().ToUniversalTime()).ToList();

    private static (int In, int Out, int Unique, int New, int Leads, int Replies, double? Median) Figures(JsonElement figures) => (
        figures.GetProperty("messagesIn").GetInt32(),
        figures.GetProperty("messagesOut").GetInt32(),
        figures.GetProperty("uniqueUsers").GetInt32(),
        figures.GetProperty("newUsers").GetInt32(),
        figures.GetProperty("leads").GetInt32(),
        figures.GetProperty("firstResponses").GetInt32(),
        figures.GetProperty("medianFirstResponseSeconds") is { ValueKind: JsonValueKind.Number } median ? median.GetDouble() : null);

    /// <summary>A bot's users, conversations and messages with the moments a test gives them.</summary>
    private sealed class History(Guid bot)
    {
        private readonly List<ChatUser> _users = [];
        private readonly List<Conversation> _conversations = [];
        private readonly List<ChatMessage> _messages = [];
        private readonly Dictionary<Guid, DateTimeOffset> _firstSeen = [];

        public Conversation User(long telegramId, DateTimeOffset firstSeen, DateTimeOffset? leadAt = null)
        {
            var user = new ChatUser { BotId = bot, TelegramUserId = telegramId, FirstName = $"User {telegramId}", LastSeenAt = firstSeen };
            var conversation = new Conversation
            {
                BotId = bot, ChatId = telegramId, ChatUserId = user.Id, Title = user.FirstName!, LastMessageAt = firstSeen,
                LeadId = leadAt is null ? null : Guid.NewGuid(), LeadCapturedAt = leadAt,
            };
            _users.Add(user);
            _conversations.Add(conversation);
            _firstSeen[user.Id] = firstSeen;
            return conversation;
        }

        public void In(Conversation conversation, DateTimeOffset at) => _messages.Add(new ChatMessage
        {
            ConversationId = conversation.Id, BotId = bot, Direction = MessageDirections.In, Kind = MessageKinds.Text, Text = "hi", At = at,
        });

        public void Out(Conversation conversation, DateTimeOffset at, double? response = null, string status = DeliveryStatuses.Sent) => _messages.Add(new ChatMessage
        {
            ConversationId = conversation.Id, BotId = bot, Direction = MessageDirections.Out, Kind = MessageKinds.Text, Text = "hello", At = at,
            DeliveryStatus = status, ResponseSeconds = response,
        });

        public async Task SaveAsync(PorticoFactory app, CrmTestTenant tenant, bool bulk = false)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Guid.Parse(tenant.Tenant.Str("id")), tenant.Slug);
            var db = scope.ServiceProvider.GetRequiredService<MessagingDbContext>();
            if (bulk)
            {
                await db.InsertAsync(_users, CancellationToken.None);
                await db.InsertAsync(_conversations, CancellationToken.None);
                await db.InsertAsync(_messages, CancellationToken.None);
            }
            else
            {
                db.ChatUsers.AddRange(_users);
                db.Conversations.AddRange(_conversations);
                db.Messages.AddRange(_messages);
                await db.SaveChangesAsync();
            }

            // Saving stamps creation with the real clock; a user is new when they first wrote.
            foreach (var day in _firstSeen.GroupBy(u => u.Value, u => u.Key))
            {
                var ids = day.ToList();
                await db.ChatUsers.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, day.Key));
            }
        }
    }
}

public sealed class BotStatsOnSqlite(MessagingHost<SqliteFactory> host, ITestOutputHelper output) : BotStatsTests<SqliteFactory>(host, output);

public sealed class BotStatsOnPostgres(MessagingHost<PostgresFactory> host, ITestOutputHelper output) : BotStatsTests<PostgresFactory>(host, output);
