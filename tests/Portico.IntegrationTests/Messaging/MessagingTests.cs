using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using static Portico.IntegrationTests.Infrastructure.FakeTelegramBotApi;

namespace Portico.IntegrationTests.Messaging;

/// <summary>
/// The Telegram bot manager through the HTTP API against a local Bot API: connecting and activating bots, the webhook
/// (secret, duplicates, malformed and unknown updates), conversations and messages, the bot's answers, lead capture into
/// the CRM, replies with Telegram's 429 and 403, the token's secrecy, and another tenant's ids.
/// </summary>
public abstract class MessagingTests<TFactory>(MessagingHost<TFactory> host) : IClassFixture<MessagingHost<TFactory>>
    where TFactory : PorticoFactory, new()
{
    private TFactory App => host.App;

    private FakeTelegramBotApi Telegram => host.Telegram;

    private static string Bots(CrmTestTenant tenant) => $"/api/v1/tenants/{tenant.Slug}/bots";

    private static string Conversations(CrmTestTenant tenant) => $"/api/v1/tenants/{tenant.Slug}/conversations";

    private Task<TestBot> ActiveBotAsync(object? settings = null) => host.ActiveBotAsync(settings);

    private Task<HttpResponseMessage> DeliverAsync(TestBot bot, string update, string? secret = null) => host.DeliverAsync(bot, update, secret);

    private Task<JsonElement> ConversationsAsync(TestBot bot, string query = "") => host.ConversationsAsync(bot, query);

    private Task<JsonElement> MessagesOfAsync(TestBot bot, string conversationId) => host.MessagesOfAsync(bot, conversationId);

    private async Task<JsonElement> OnlyConversationAsync(TestBot bot, int messages)
    {
        var conversation = (await Patience.EventuallyAsync(() => ConversationsAsync(bot), page => page.Items().Count == 1, "one conversation")).Items()[0];
        await Patience.EventuallyAsync(() => MessagesOfAsync(bot, conversation.Str("id")), page => page.Items().Count >= messages, $"{messages} message(s)");
        // Read again: the conversation's counters are those after the awaited messages.
        return await bot.Tenant.Client.GetAsync($"{Conversations(bot.Tenant)}/{conversation.Str("id")}").ShouldBeOk();
    }

    [Fact]
    public async Task A_bot_is_connected_by_its_token_activated_with_a_secret_webhook_and_its_token_is_never_shown()
    {
        var tenant = await CrmTestTenant.CreateAsync(App);
        var (token, telegramId, username) = host.NewBot();

        var bot = await tenant.Client.PostJson(Bots(tenant), new { token }).ShouldBe(HttpStatusCode.Created);
        bot.Str("username").ShouldBe(username);
        bot.GetProperty("telegramId").GetInt64().ShouldBe(telegramId);
        bot.Str("tokenHint").ShouldBe("…" + token[^4..]);
        bot.Str("status").ShouldBe("inactive");
        bot.GetRawText().ShouldNotContain(token.Split(':')[1]);

        (await tenant.Client.PostJson(Bots(tenant), new { token }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("bot-exists");
        (await tenant.Client.PostJson(Bots(tenant), new { token = "not-a-token" }).ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["token"]);
        var unknown = $"{telegramId + 1}:" + new string('A', 35);
        (await tenant.Client.PostJson(Bots(tenant), new { token = unknown }).ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["token"]);

        var active = await tenant.Client.PatchAsync($"{Bots(tenant)}/{bot.Str("id")}/activate", null).ShouldBeOk();
        active.Str("status").ShouldBe("active");
        var webhook = Telegram.WebhookOf(token).ShouldNotBeNull();
        webhook.Url.ShouldEndWith($"/api/v1/webhooks/telegram/{bot.Str("id")}");
        webhook.SecretToken.ShouldNotBeNullOrEmpty();

        // Nowhere in the API's answers or the audit log.
        var everything = (await tenant.Client.GetStringAsync(Bots(tenant))) + await tenant.Client.GetStringAsync($"/api/v1/tenants/{tenant.Slug}/audit?limit=100");
        everything.ShouldNotContain(token.Split(':')[1]);
        everything.ShouldNotContain(webhook.SecretToken!);

        var inactive = await tenant.Client.PatchAsync($"{Bots(tenant)}/{bot.Str("id")}/deactivate", null).ShouldBeOk();
        inactive.Str("status").ShouldBe("inactive");
        Telegram.WebhookOf(token).ShouldBeNull();
    }

    [Fact]
    public async Task Bad_bot_settings_and_bad_conversation_requests_are_422s_or_400s_and_change_nothing()
    {
        var bot = await ActiveBotAsync(new { welcomeMessage = "Hi" });
        var path = $"{Bots(bot.Tenant)}/{bot.Id}";
        (await bot.Tenant.Client.PatchJson(path, new { name = "", autoReplies = new[] { new { keyword = "", answer = "x" } } }).ShouldBe(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["name", "autoReplies[0].keyword"], ignoreOrder: true);
        (await bot.Tenant.Client.PatchJson(path, new { leadCapture = new { questions = Enumerable.Range(1, 11).Select(i => $"Q{i}?").ToArray() } }).ShouldBe(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["leadCapture.questions"]);
        (await bot.Tenant.Client.PostJson(Bots(bot.Tenant), new { token = "123:abc", mode = "carrier-pigeon" }).ShouldBe(HttpStatusCode.UnprocessableEntity))
            .ErrorFields().ShouldBe(["token", "mode"], ignoreOrder: true);
        (await bot.Tenant.Client.GetAsync($"{Conversations(bot.Tenant)}?status=archived")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bot.Tenant.Client.GetAsync($"{Conversations(bot.Tenant)}?cursor=not-a-cursor")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bot.Tenant.Client.GetAsync(path).ShouldBeOk()).Str("welcomeMessage").ShouldBe("Hi");
    }

    [Fact]
    public async Task A_missing_or_forged_secret_is_401_and_stores_nothing()
    {
        var bot = await ActiveBotAsync();
        var update = Updates.Text(1, 501, 501, "hello");

        (await DeliverAsync(bot, update, secret: "forged-secret").ShouldBeProblem(HttpStatusCode.Unauthorized)).Str("type").ShouldEndWith("unauthorized");
        (await FakeTelegramBotApi.DeliverAsync(App.CreateClient(), bot.WebhookPath, null, update)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await FakeTelegramBotApi.DeliverAsync(App.CreateClient(), $"/api/v1/webhooks/telegram/{Guid.NewGuid()}", bot.Secret, update)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await DeliverAsync(bot, Updates.Text(2, 502, 502, "real"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversation = await OnlyConversationAsync(bot, 1);
        conversation.GetProperty("chatId").GetInt64().ShouldBe(502);
    }

    [Fact]
    public async Task An_update_becomes_a_conversation_and_a_message_and_a_repeated_update_changes_nothing()
    {
        var bot = await ActiveBotAsync();
        var update = Updates.Text(10, 777, 777, "Хочу записаться на стрижку", username: "anna_k", firstName: "Анна", lastName: "К", languageCode: "ru");

        (await DeliverAsync(bot, update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(bot, update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(bot, Updates.Photo(11, 777, 777, "AgACPhoto42", "моя идея"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var conversation = await OnlyConversationAsync(bot, 2);
        conversation.Str("title").ShouldBe("Анна К");
        conversation.GetProperty("unreadCount").GetInt32().ShouldBe(2);
        var user = conversation.GetProperty("user");
        user.Str("username").ShouldBe("anna_k");
        user.Str("languageCode").ShouldBe("ru");

        var messages = (await MessagesOfAsync(bot, conversation.Str("id"))).Items();
        messages.Count.ShouldBe(2);
        messages[0].Str("kind").ShouldBe("photo");
        messages[0].Str("fileId").ShouldBe("AgACPhoto42");
        messages[0].Str("text").ShouldBe("моя идея");
        messages[1].Str("text").ShouldBe("Хочу записаться на стрижку");
        messages.ShouldAllBe(m => m.Str("direction") == "in");

        // The counters are incremented right after the commit they count: eventually, not with the messages.
        var counters = (await Patience.EventuallyAsync(() => bot.Tenant.Client.GetAsync($"{Bots(bot.Tenant)}/{bot.Id}").ShouldBeOk(),
            b => b.GetProperty("counters").GetProperty("messages").GetInt32() >= 2, "the bot's counters")).GetProperty("counters");
        counters.GetProperty("users").GetInt32().ShouldBe(1);
        counters.GetProperty("messages").GetInt32().ShouldBe(2);

        var read = await bot.Tenant.Client.PostAsync($"{Conversations(bot.Tenant)}/{conversation.Str("id")}/read", null).ShouldBeOk();
        read.GetProperty("unreadCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_bodies_are_400s_oversized_ones_413s_and_updates_of_unknown_kinds_are_stored_and_skipped()
    {
        var bot = await ActiveBotAsync();
        var client = App.CreateClient();

        foreach (var body in new[] { "not json", "[]", "{\"message\":{}}", "{\"update_id\":\"12\"}", "{\"update_id\":-1}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, bot.WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", bot.Secret);
            var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            (await response.Content.ReadAsStringAsync()).ShouldContain("not-an-update");
        }

        var huge = $"{{\"update_id\":19,\"message\":{{\"text\":\"{new string('a', 1 << 20)}\"}}}}";
        (await DeliverAsync(bot, huge).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge)).Str("type").ShouldEndWith("payload-too-large");

        (await DeliverAsync(bot, Updates.Unknown(20))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(bot, Updates.Text(21, 900, 900, "after the poll"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversation = await OnlyConversationAsync(bot, 1);
        (await MessagesOfAsync(bot, conversation.Str("id"))).Items().ShouldHaveSingleItem().Str("text").ShouldBe("after the poll");
    }

    [Fact]
    public async Task The_welcome_and_an_auto_reply_go_out_through_the_bot_api_and_are_stored_with_telegrams_ids()
    {
        var bot = await ActiveBotAsync(new { welcomeMessage = "Здравствуйте! Мы на связи.", autoReplies = new[] { new { keyword = "цена", answer = "Стрижка от 1 500 ₽" } } });

        (await DeliverAsync(bot, Updates.Start(30, 4242, 4242, null))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(bot, Updates.Text(31, 4242, 4242, "Какая ЦЕНА?"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Patience.UntilAsync(() => Task.FromResult(Telegram.Received.Count(m => m.Token == bot.Token) >= 2), "two answers sent");
        Telegram.Received.Where(m => m.Token == bot.Token).Select(m => (m.ChatId, m.Text)).ShouldBe([("4242", "Здравствуйте! Мы на связи."), ("4242", "Стрижка от 1 500 ₽")]);
        var conversation = await OnlyConversationAsync(bot, 4);
        var sent = await Patience.EventuallyAsync(() => MessagesOfAsync(bot, conversation.Str("id")),
            page => page.Items().Count(m => m.Str("direction") == "out" && m.Str("deliveryStatus") == "sent") == 2, "two sent answers");
        sent.Items().Where(m => m.Str("direction") == "out").ShouldAllBe(m => m.GetProperty("telegramMessageId").GetInt64() > 0);
    }

    [Fact]
    public async Task A_completed_question_flow_makes_one_crm_lead_with_every_answer()
    {
        var bot = await ActiveBotAsync(new { leadCapture = new { questions = new[] { "Как вас зовут?", "Какая услуга нужна?" } } });

        (await DeliverAsync(bot, Updates.Start(40, 5151, 5151, "promo"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Patience.UntilAsync(() => Task.FromResult(Telegram.Received.Any(m => m.Token == bot.Token && m.Text == "Как вас зовут?")), "the first question");
        (await DeliverAsync(bot, Updates.Text(41, 5151, 5151, "Мария"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Patience.UntilAsync(() => Task.FromResult(Telegram.Received.Any(m => m.Token == bot.Token && m.Text == "Какая услуга нужна?")), "the second question");
        (await DeliverAsync(bot, Updates.Contact(42, 5151, 5151, "79161234567", "Мария"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var leads = await Patience.EventuallyAsync(() => bot.Tenant.Client.GetAsync(bot.Tenant.Crm("leads?source[eq]=telegram")).ShouldBeOk(), page => page.Items().Count == 1, "the lead");
        var lead = leads.Items()[0];
        lead.Str("source").ShouldBe("telegram");
        lead.Str("phone").ShouldBe("+79161234567");
        var form = lead.GetProperty("formData");
        form.Str("Как вас зовут?").ShouldBe("Мария");
        form.Str("Какая услуга нужна?").ShouldBe("+79161234567".TrimStart('+'));
        var conversation = await Patience.EventuallyAsync(async () => (await ConversationsAsync(bot)).Items()[0], c => c.GetProperty("leadId").ValueKind == JsonValueKind.String, "the conversation's lead");
        conversation.Str("leadId").ShouldBe(lead.Str("id"));
        (await bot.Tenant.Client.GetAsync($"{Bots(bot.Tenant)}/{bot.Id}").ShouldBeOk()).GetProperty("counters").GetProperty("leads").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_member_in_a_bot_room_joined_with_join_room_hears_its_new_messages_and_new_leads_and_not_another_bots()
    {
        var bot = await ActiveBotAsync(new { leadCapture = new { onFirstMessage = true } });
        var other = await ActiveBotAsync(new { leadCapture = new { onFirstMessage = true } });
        var (hub, received) = await HubClient.ConnectAsync(App, bot.Tenant.Owner.User.AccessToken, bot.Tenant.Slug, "new-message", "new-lead");
        await using var _ = hub;
        await hub.InvokeAsync("join-room", $"bot:{bot.Id}");
        // Membership is checked on every join: another tenant's room is refused.
        await Should.ThrowAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("join-room", $"tenant:{other.Tenant.Slug}"));

        (await DeliverAsync(other, Updates.Text(80, 8181, 8181, "не тот бот"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DeliverAsync(bot, Updates.Text(81, 8282, 8282, "Хочу тату", firstName: "Олег"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var heard = new List<(string Name, JsonElement Payload)> { await received.NextAsync(), await received.NextAsync() };
        heard.Select(h => h.Name).Order().ShouldBe(["new-lead", "new-message"]);
        heard.Single(h => h.Name == "new-message").Payload.GetProperty("data").Str("text").ShouldBe("Хочу тату");
        heard.Single(h => h.Name == "new-lead").Payload.GetProperty("data").Str("source").ShouldBe("telegram");
        heard.ShouldAllBe(h => !h.Payload.GetRawText().Contains("не тот бот"));

        await hub.InvokeAsync("leave-room", $"bot:{bot.Id}");
        (await DeliverAsync(bot, Updates.Text(82, 8282, 8282, "ещё вопрос"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await OnlyConversationAsync(bot, 2);
        received.Reader.TryRead(out var late).ShouldBeFalse($"nothing after leave-room, got {late.Name}");
    }

    [Fact]
    public async Task A_reply_waits_out_telegrams_429_and_a_blocked_user_is_a_409_with_the_user_marked()
    {
        var bot = await ActiveBotAsync();
        (await DeliverAsync(bot, Updates.Text(50, 6060, 6060, "Есть окно завтра?"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversation = await OnlyConversationAsync(bot, 1);
        var path = $"{Conversations(bot.Tenant)}/{conversation.Str("id")}/messages";

        Telegram.FailNext(bot.Token, "sendMessage", 1, 429, "Too Many Requests: retry after 1", retryAfter: 1);
        var reply = await bot.Tenant.Client.PostJson(path, new { text = "Да, в 12:00", replyMarkup = new { inline_keyboard = new[] { new[] { new { text = "Записаться", callback_data = "book-12" } } } } })
            .ShouldBe(HttpStatusCode.Created);
        reply.Str("deliveryStatus").ShouldBe("sent");
        var calls = Telegram.CallsOf(bot.Token, "sendMessage");
        calls.Count.ShouldBe(2);
        (calls[1].At - calls[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950));
        (await bot.Tenant.Client.GetAsync($"{Conversations(bot.Tenant)}/{conversation.Str("id")}").ShouldBeOk())
            .GetProperty("awaitingReplySince").ValueKind.ShouldBe(JsonValueKind.Null);

        Telegram.BlockChat(bot.Token, 6060);
        (await bot.Tenant.Client.PostJson(path, new { text = "Вы здесь?" }).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").ShouldEndWith("telegram-refused");
        (await bot.Tenant.Client.GetAsync($"{Conversations(bot.Tenant)}/{conversation.Str("id")}").ShouldBeOk()).GetProperty("user").GetProperty("blocked").GetBoolean().ShouldBeTrue();
        (await bot.Tenant.Client.PostJson(path, new { text = "" }).ShouldBe(HttpStatusCode.UnprocessableEntity)).ErrorFields().ShouldBe(["text"]);
    }

    [Fact]
    public async Task No_log_line_holds_a_bots_token_or_webhook_secret_after_every_kind_of_bot_api_call()
    {
        var bot = await ActiveBotAsync(new { welcomeMessage = "Hello" });
        Telegram.SetWebhookError(bot.Token, 3, "Wrong response from the webhook: 502 Bad Gateway");
        (await DeliverAsync(bot, Updates.Start(70, 8080, 8080, null))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Patience.UntilAsync(() => Task.FromResult(Telegram.Received.Any(m => m.Token == bot.Token)), "the welcome sent");
        var conversation = await OnlyConversationAsync(bot, 2);
        Telegram.FailNext(bot.Token, "sendMessage", 1, 500, "Internal Server Error");
        await bot.Tenant.Client.PostJson($"{Conversations(bot.Tenant)}/{conversation.Str("id")}/messages", new { text = "Hi" }).ShouldBe(HttpStatusCode.Created);
        // The health check asks getWebhookInfo every second here, and records Telegram's error.
        var checkedBot = await Patience.EventuallyAsync(() => bot.Tenant.Client.GetAsync($"{Bots(bot.Tenant)}/{bot.Id}").ShouldBeOk(),
            b => b.GetProperty("pendingUpdates").GetInt32() == 3 && b.GetProperty("errorCount").GetInt32() >= 1, "the health check");
        checkedBot.Str("lastError").ShouldContain("502 Bad Gateway");

        App.Logs.ShouldNotBeEmpty();
        App.Logs.ShouldNotContain(line => line.Contains(bot.Token.Split(':')[1], StringComparison.Ordinal) || line.Contains(bot.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_tenants_bot_and_conversation_ids_are_404_on_every_route()
    {
        var bot = await ActiveBotAsync();
        (await DeliverAsync(bot, Updates.Text(60, 7070, 7070, "hi"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var conversation = (await OnlyConversationAsync(bot, 1)).Str("id");
        var other = await CrmTestTenant.CreateAsync(App);
        var client = other.Client;

        (await client.GetAsync($"{Bots(other)}/{bot.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PatchJson($"{Bots(other)}/{bot.Id}", new { name = "mine" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PatchAsync($"{Bots(other)}/{bot.Id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PatchAsync($"{Bots(other)}/{bot.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"{Bots(other)}/{bot.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Conversations(other)}/{conversation}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Conversations(other)}/{conversation}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostJson($"{Conversations(other)}/{conversation}/messages", new { text = "hijack" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var action in new[] { "close", "reopen", "read" })
        {
            (await client.PostAsync($"{Conversations(other)}/{conversation}/{action}", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await client.PostJson($"{Conversations(other)}/{conversation}/assign", new { assigneeId = (string?)null })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{Conversations(other)}?botId={bot.Id}").ShouldBeOk()).Items().ShouldBeEmpty();
        (await client.GetAsync(Bots(other)).ShouldBeOk()).EnumerateArray().ShouldBeEmpty();
        Telegram.WebhookOf(bot.Token).ShouldNotBeNull();
    }
}

public sealed class MessagingOnSqlite(MessagingHost<SqliteFactory> host) : MessagingTests<SqliteFactory>(host);

public sealed class MessagingOnPostgres(MessagingHost<PostgresFactory> host) : MessagingTests<PostgresFactory>(host);
