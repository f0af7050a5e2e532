using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using static Portico.IntegrationTests.Infrastructure.FakeTelegramBotApi;

namespace Portico.IntegrationTests.Messaging;

/// <summary>
/// Broadcasts through the HTTP API against the local Bot API: segments, photos with buttons, Telegram's 403 (blocked)
/// and 429 (the whole bot holds), the pace per bot, pausing a running broadcast and resuming it without sending anyone
/// a second copy, scheduling and cancelling, live progress, bad requests and another tenant's ids.
/// </summary>
public abstract class BroadcastTests<TFactory>(MessagingHost<TFactory> host) : IClassFixture<MessagingHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private FakeTelegramBotApi Telegram => host.Telegram;

    private static string Broadcasts(TestBot bot) => $"/api/v1/tenants/{bot.Tenant.Slug}/bots/{bot.Id}/broadcasts";

    private static string Broadcast(TestBot bot, string id) => $"/api/v1/tenants/{bot.Tenant.Slug}/broadcasts/{id}";

    /// <summary>A bot with <paramref name="count"/> users who wrote to it (chat ids from <paramref name="firstChat"/>), every second one Russian-speaking.</summary>
    private async Task<TestBot> BotWithUsersAsync(int count, long firstChat)
    {
        var bot = await host.ActiveBotAsync();
        var deliveries = Enumerable.Range(0, count).Select(i => host.DeliverAsync(bot,
            Updates.Text(i + 1, firstChat + i, firstChat + i, "привет", firstName: $"User{i}", languageCode: i % 2 == 0 ? "ru" : "en-GB")));
        foreach (var answer in await Task.WhenAll(deliveries))
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Patience.EventuallyAsync(() => host.ConversationsAsync(bot, "&limit=200"), page => page.Items().Count == count, $"{count} conversations");
        return bot;
    }

    private static Task<JsonElement> FinishedAsync(TestBot bot, string id, string status = "completed") =>
        Patience.EventuallyAsync(() => bot.Tenant.Client.GetAsync(Broadcast(bot, id)).ShouldBeOk(), b => b.Str("status") == status, $"broadcast {status}");

    private List<string> ChatsSentTo(TestBot bot, string method = "sendMessage") =>
        Telegram.CallsOf(bot.Token, method).Select(c => c.Parameters["chat_id"]).ToList();

    [Fact]
    public async Task A_photo_with_buttons_reaches_the_segment_once_each_and_a_user_who_blocked_the_bot_is_marked_and_left_out_next_time()
    {
        var bot = await BotWithUsersAsync(6, 91_000);
        Telegram.BlockChat(bot.Token, 91_002);
        var conversations = (await host.ConversationsAsync(bot, "&limit=200")).Items();
        var vip = conversations.First(c => c.GetProperty("chatId").GetInt64() == 91_004);
        (await bot.Tenant.Client.PutAsJsonAsync($"/api/v1/tenants/{bot.Tenant.Slug}/conversations/{vip.Str("id")}/tags", new { tags = new[] { "VIP", "tattoo" } }).ShouldBeOk())
            .GetProperty("user").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["tattoo", "vip"]);

        var segment = new { languages = new[] { "ru" } };
        (await bot.Tenant.Client.PostJson($"{Broadcasts(bot)}/audience", new { segment }).ShouldBeOk()).GetProperty("recipients").GetInt32().ShouldBe(3);
        (await bot.Tenant.Client.PostJson($"{Broadcasts(bot)}/audience", new { segment = new { tags = new[] { "vip" } } }).ShouldBeOk()).GetProperty("recipients").GetInt32().ShouldBe(1);
        (await bot.Tenant.Client.PostJson($"{Broadcasts(bot)}/audience", new { segment = new { languages = new[] { "en" } } }).ShouldBeOk()).GetProperty("recipients").GetInt32().ShouldBe(3);

        using var stream = await SseClient.OpenAsync(bot.Tenant.Client, $"/api/v1/tenants/{bot.Tenant.Slug}/events/stream");
        var created = await bot.Tenant.Client.PostJson(Broadcasts(bot), new
        {
            text = "Скидка 20% до воскресенья",
            photo = "https://example.com/promo.jpg",
            replyMarkup = new { inline_keyboard = new[] { new[] { new { text = "Записаться", url = "https://example.com/book" } } } },
            segment,
        }).ShouldBe(HttpStatusCode.Created);

        var done = await FinishedAsync(bot, created.Str("id"));
        (done.GetProperty("total").GetInt32(), done.GetProperty("sent").GetInt32(), done.GetProperty("blocked").GetInt32(), done.GetProperty("failed").GetInt32()).ShouldBe((3, 2, 1, 0));
        var photos = Telegram.CallsOf(bot.Token, "sendPhoto");
        photos.Select(c => c.Parameters["chat_id"]).Order().ShouldBe(["91000", "91002", "91004"]);
        foreach (var photo in photos)
        {
            photo.Parameters["photo"].ShouldBe("https://example.com/promo.jpg");
            photo.Parameters["caption"].ShouldBe("Скидка 20% до воскресенья");
            JsonDocument.Parse(photo.Parameters["reply_markup"]).RootElement.GetProperty("inline_keyboard")[0][0].Str("text").ShouldBe("Записаться");
        }

        ChatsSentTo(bot).ShouldBeEmpty();

        var failed = (await bot.Tenant.Client.GetAsync($"{Broadcast(bot, created.Str("id"))}/recipients?status=failed").ShouldBeOk()).Items().ShouldHaveSingleItem();
        failed.Str("error").ShouldContain("blocked");
        var blocked = await bot.Tenant.Client.GetAsync($"/api/v1/tenants/{bot.Tenant.Slug}/conversations/{failed.Str("conversationId")}").ShouldBeOk();
        blocked.GetProperty("user").GetProperty("blocked").GetBoolean().ShouldBeTrue();
        var history = (await host.MessagesOfAsync(bot, vip.Str("id"))).Items();
        history[0].Str("kind").ShouldBe("photo");
        history[0].Str("sender").ShouldBe("system:broadcast");
        history[0].Str("deliveryStatus").ShouldBe("sent");

        var progress = JsonDocument.Parse((await stream.NextAsync("broadcast-progress")).Data).RootElement;
        progress.ToString().ShouldContain(created.Str("id"));

        // Everyone now: the user who blocked the bot is no longer a recipient.
        var everyone = await bot.Tenant.Client.PostJson(Broadcasts(bot), new { text = "Мы открылись!" }).ShouldBe(HttpStatusCode.Created);
        (await FinishedAsync(bot, everyone.Str("id"))).GetProperty("sent").GetInt32().ShouldBe(5);
        ChatsSentTo(bot).Order().ShouldBe(["91000", "91001", "91003", "91004", "91005"]);
    }

    [Fact]
    public async Task A_429_holds_the_whole_bot_for_retry_after_and_the_pace_stays_under_telegrams_limit_per_second()
    {
        var bot = await BotWithUsersAsync(45, 92_000);
        Telegram.FailNext(bot.Token, "sendMessage", 1, 429, "Too Many Requests: retry after 2", 2);

        var created = await bot.Tenant.Client.PostJson(Broadcasts(bot), new { text = "Новые мастера в студии" }).ShouldBe(HttpStatusCode.Created);

        (await FinishedAsync(bot, created.Str("id"))).GetProperty("sent").GetInt32().ShouldBe(45);
        var calls = Telegram.CallsOf(bot.Token, "sendMessage");
        calls.Count.ShouldBe(46);
        calls.Select(c => c.Parameters["chat_id"]).Distinct().Count().ShouldBe(45);
        // The 429 held the whole bot: once the sends already on their way with the refused one were answered, nobody
        // sent for this bot until retry_after (2 s) had passed.
        var times = calls.Select(c => c.At).Order().ToList();
        times.Zip(times.Skip(1), (a, b) => b - a).Max().ShouldBeGreaterThan(TimeSpan.FromSeconds(1.5));
        var busiestSecond = times.Max(t => times.Count(u => u >= t && u < t.AddSeconds(1)));
        // 30 a second, the bucket's 3 of a tenth of a second on top after a pause, and a little for requests that
        // left on time but arrived late on a busy machine.
        busiestSecond.ShouldBeLessThanOrEqualTo(36);
    }

    [Fact]
    public async Task A_running_broadcast_paused_sends_nothing_more_and_resumed_finishes_with_nobody_sent_twice()
    {
        var bot = await BotWithUsersAsync(60, 93_000);
        // The first send waits out a 429: the broadcast is surely running when it is paused.
        Telegram.FailNext(bot.Token, "sendMessage", 1, 429, "Too Many Requests: retry after 2", 2);
        var created = await bot.Tenant.Client.PostJson(Broadcasts(bot), new { text = "Акция" }).ShouldBe(HttpStatusCode.Created);
        var id = created.Str("id");
        await Patience.EventuallyAsync(() => bot.Tenant.Client.GetAsync(Broadcast(bot, id)).ShouldBeOk(), b => b.Str("status") == "running", "running");

        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/pause", null).ShouldBeOk()).Str("status").ShouldBe("paused");
        // The batch in flight finishes; then the count stays put.
        var settled = await Patience.EventuallyAsync(async () =>
        {
            var before = ChatsSentTo(bot).Count;
            await Task.Delay(1500);
            return (Before: before, After: ChatsSentTo(bot).Count);
        }, c => c.Before == c.After, "sending stopped");
        settled.After.ShouldBeLessThan(61);
        var paused = await bot.Tenant.Client.GetAsync(Broadcast(bot, id)).ShouldBeOk();
        paused.Str("status").ShouldBe("paused");
        paused.GetProperty("pending").GetInt32().ShouldBeGreaterThan(0);
        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/resume", null).ShouldBeOk()).Str("status").ShouldBe("running");

        (await FinishedAsync(bot, id)).GetProperty("sent").GetInt32().ShouldBe(60);
        var chats = ChatsSentTo(bot);
        chats.Count.ShouldBe(61);
        chats.Distinct().Count().ShouldBe(60);
        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/pause", null).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("broadcast-status");
    }

    [Fact]
    public async Task A_scheduled_broadcast_waits_can_be_paused_resumed_and_cancelled_and_sends_nothing()
    {
        var bot = await BotWithUsersAsync(2, 94_000);
        var at = DateTimeOffset.UtcNow.AddHours(3);
        var created = await bot.Tenant.Client.PostJson(Broadcasts(bot), new { text = "Завтра скидки", scheduledAt = at }).ShouldBe(HttpStatusCode.Created);
        var id = created.Str("id");
        created.Str("status").ShouldBe("scheduled");
        created.GetProperty("scheduledAt").GetDateTimeOffset().ShouldBe(at, TimeSpan.FromMilliseconds(1));

        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/pause", null).ShouldBeOk()).Str("status").ShouldBe("paused");
        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/resume", null).ShouldBeOk()).Str("status").ShouldBe("scheduled");
        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/cancel", null).ShouldBeOk()).Str("status").ShouldBe("cancelled");
        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/cancel", null).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("broadcast-status");
        (await bot.Tenant.Client.PostAsync($"{Broadcast(bot, id)}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var list = (await bot.Tenant.Client.GetAsync($"{Broadcasts(bot)}?status=cancelled").ShouldBeOk()).Items();
        list.ShouldHaveSingleItem().Str("id").ShouldBe(id);
        ChatsSentTo(bot).ShouldBeEmpty();
        var audit = await bot.Tenant.Client.GetStringAsync($"/api/v1/tenants/{bot.Tenant.Slug}/audit?limit=100");
        audit.ShouldContain(id);
    }

    [Fact]
    public async Task Bad_broadcasts_are_422s_or_400s_and_another_tenants_ids_are_404s()
    {
        var bot = await BotWithUsersAsync(1, 95_000);
        var client = bot.Tenant.Client;
        (await client.PostJson(Broadcasts(bot), new { text = "" }).ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["text"]);
        (await client.PostJson(Broadcasts(bot), new { text = new string('a', 1025), photo = "http://example.com/x.jpg" }).ShouldBe(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["text", "photo"], ignoreOrder: true);
        (await client.PostJson(Broadcasts(bot), new { text = "x", scheduledAt = DateTimeOffset.UtcNow.AddYears(2), segment = new { tags = new[] { "no spaces" }, activeWithinDays = 0 } })
            .ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["scheduledAt", "segment.tags", "segment.activeWithinDays"], ignoreOrder: true);
        (await client.PostJson($"{Broadcasts(bot)}/audience", new { segment = new { languages = new[] { "x" } } }).ShouldBe(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["segment.languages"]);
        (await client.GetAsync($"{Broadcasts(bot)}?status=sent")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync(Broadcasts(bot)).ShouldBeOk()).Items().ShouldBeEmpty();

        var mine = await client.PostJson(Broadcasts(bot), new { text = "x", scheduledAt = DateTimeOffset.UtcNow.AddDays(1) }).ShouldBe(HttpStatusCode.Created);
        (await client.GetAsync($"{Broadcast(bot, mine.Str("id"))}/recipients?status=lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var other = await CrmTestTenant.CreateAsync(host.App);
        var theirs = bot with { Tenant = other };
        (await other.Client.PostJson(Broadcasts(theirs), new { text = "hijack" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.PostJson($"{Broadcasts(theirs)}/audience", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.GetAsync(Broadcasts(theirs))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.GetAsync(Broadcast(theirs, mine.Str("id")))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.GetAsync($"{Broadcast(theirs, mine.Str("id"))}/recipients")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var action in new[] { "pause", "resume", "cancel" })
        {
            (await other.Client.PostAsync($"{Broadcast(theirs, mine.Str("id"))}/{action}", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var conversation = (await host.ConversationsAsync(bot)).Items()[0].Str("id");
        (await other.Client.PutAsJsonAsync($"/api/v1/tenants/{other.Slug}/conversations/{conversation}/tags", new { tags = new[] { "x" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PutAsJsonAsync($"/api/v1/tenants/{bot.Tenant.Slug}/conversations/{conversation}/tags", new { tags = new[] { "a b" } }).ShouldBe(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["tags"]);
        (await client.GetAsync(Broadcast(bot, mine.Str("id"))).ShouldBeOk()).Str("status").ShouldBe("scheduled");
    }
}

public sealed class BroadcastsOnSqlite(MessagingHost<SqliteFactory> host) : BroadcastTests<SqliteFactory>(host);

public sealed class BroadcastsOnPostgres(MessagingHost<PostgresFactory> host) : BroadcastTests<PostgresFactory>(host);
