using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>The Telegram Bot API stand-in answers as Telegram does; no Portico server involved.</summary>
public sealed class FakeTelegramBotApiTests : IAsyncLifetime
{
    // Made per run, so no token-shaped string is committed.
    private static readonly string Token = "123456:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static readonly HttpClient Client = new();

    private FakeTelegramBotApi Telegram { get; } = new(Token);

    public Task InitializeAsync() => Telegram.StartAsync();

    public async Task DisposeAsync() => await Telegram.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(string method, object? parameters = null, string? token = null)
    {
        using var response = await Client.PostAsJsonAsync($"{Telegram.Url}/bot{token ?? Token}/{method}", parameters ?? new { });
        return (response.StatusCode, await response.Json());
    }

    private static void ShouldBeError((HttpStatusCode Status, JsonElement Body) answer, int code, string description) =>
        ShouldBeError(answer.Status, answer.Body, code, description);

    private static void ShouldBeError(HttpStatusCode status, JsonElement body, int code, string description)
    {
        ((int)status).ShouldBe(code, body.ToString());
        body.GetProperty("ok").GetBoolean().ShouldBeFalse();
        body.GetProperty("error_code").GetInt32().ShouldBe(code);
        body.Str("description").ShouldBe(description);
    }

    [Fact]
    public async Task getMe_describes_the_bot_of_a_known_token_and_an_unknown_token_is_401_Unauthorized()
    {
        var (status, me) = await CallAsync("getMe");
        status.ShouldBe(HttpStatusCode.OK);
        me.GetProperty("ok").GetBoolean().ShouldBeTrue();
        var bot = me.GetProperty("result");
        bot.GetProperty("id").GetInt64().ShouldBe(123456);
        bot.GetProperty("is_bot").GetBoolean().ShouldBeTrue();
        bot.Str("username").ShouldBe("bot123456_bot");
        bot.Str("first_name").ShouldBe("Bot 123456");
        bot.GetProperty("can_join_groups").ValueKind.ShouldBe(JsonValueKind.True);

        var shop = "777:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Telegram.AddBot(shop, 777, "acme_shop_bot", "Acme Shop");
        (await CallAsync("getMe", token: shop)).Body.GetProperty("result").Str("username").ShouldBe("acme_shop_bot");

        using var unknown = await Client.GetAsync($"{Telegram.Url}/bot999:nope/getMe");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unknown.Content.ReadAsStringAsync()).ShouldBe("""{"ok":false,"error_code":401,"description":"Unauthorized"}""");
    }

    [Fact]
    public async Task Method_names_ignore_case_and_parameters_come_from_the_query_a_form_or_JSON()
    {
        (await Client.GetFromJsonAsync<JsonElement>($"{Telegram.Url}/bot{Token}/GETME")).GetProperty("ok").GetBoolean().ShouldBeTrue();
        (await Client.GetAsync($"{Telegram.Url}/bot{Token}/sendMessage?chat_id=42&text=from%20query")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = "42", ["text"] = "from a form" });
        (await Client.PostAsync($"{Telegram.Url}/bot{Token}/sendmessage", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CallAsync("sendMessage", new { chat_id = 42, text = "from JSON", reply_markup = new { inline_keyboard = new[] { new[] { new { text = "OK", callback_data = "ok" } } } } }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await CallAsync("getChatMenuButton")).Status.ShouldBe(HttpStatusCode.NotFound);

        Telegram.Received.Select(m => m.Text).ShouldBe(["from query", "from a form", "from JSON"]);
        var sends = Telegram.CallsOf(Token, "sendMessage");
        sends.Count.ShouldBe(3);
        sends.ShouldAllBe(c => c.Method == "sendMessage" && c.Parameters["chat_id"] == "42");
        sends[2].Parameters["reply_markup"].ShouldBe("""{"inline_keyboard":[[{"text":"OK","callback_data":"ok"}]]}""");
    }

    [Fact]
    public async Task setWebhook_wantsClients_unlessClient_is_allowed_and_a_secret_of_letters_digits_dash_and_underscore()
    {
        ShouldBeError(await CallAsync("setWebhook", new { url = "http://example.com/hook" }), 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        ShouldBeError(await CallAsync("setWebhook", new { url = "https://example.com/hook", secret_token = "not allowed!" }), 400,
            "Bad Request: secret token contains unallowed characters");
        ShouldBeError(await CallAsync("setWebhook", new { url = "https://example.com/hook", secret_token = new string('a', 257) }), 400,
            "Bad Request: secret token contains unallowed characters");
        Telegram.WebhookOf(Token).ShouldBeNull();

        var set = await CallAsync("setWebhook", new { url = "https://example.com/hook", secret_token = "s3cret_-X", allowed_updates = new[] { "message" } });
        set.Body.GetProperty("result").GetBoolean().ShouldBeTrue();
        set.Body.Str("description").ShouldBe("Webhook was set");
        var webhook = Telegram.WebhookOf(Token).ShouldNotBeNull();
        webhook.Url.ShouldBe("https://example.com/hook");
        webhook.SecretToken.ShouldBe("s3cret_-X");
        webhook.AllowedUpdates.ShouldBe(["message"]);
        webhook.MaxConnections.ShouldBe(40);

        await using var lenient = new FakeTelegramBotApi(Token) { AllowHttpWebhooks = true };
        await lenient.StartAsync();
        using var response = await Client.PostAsJsonAsync($"{lenient.Url}/bot{Token}/setWebhook", new { url = "http://127.0.0.1:5123/telegram" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        lenient.WebhookOf(Token)!.Url.ShouldBe("http://127.0.0.1:5123/telegram");
    }

    [Fact]
    public async Task getWebhookInfo_reports_the_webhook_and_its_last_error_and_deleteWebhook_clears_it()
    {
        await CallAsync("setWebhook", new { url = "https://example.com/hook", max_connections = 10 });
        Telegram.SetWebhookError(Token, 3, "Wrong response from the webhook: 500 Internal Server Error");
        var info = (await CallAsync("getWebhookInfo")).Body.GetProperty("result");
        info.Str("url").ShouldBe("https://example.com/hook");
        info.GetProperty("has_custom_certificate").GetBoolean().ShouldBeFalse();
        info.GetProperty("pending_update_count").GetInt32().ShouldBe(3);
        info.Str("last_error_message").ShouldBe("Wrong response from the webhook: 500 Internal Server Error");
        info.GetProperty("last_error_date").GetInt64().ShouldBeGreaterThan(0);
        info.GetProperty("max_connections").GetInt32().ShouldBe(10);

        (await CallAsync("deleteWebhook")).Body.Str("description").ShouldBe("Webhook was deleted");
        Telegram.WebhookOf(Token).ShouldBeNull();
        var after = (await CallAsync("getWebhookInfo")).Body.GetProperty("result");
        after.Str("url").ShouldBe("");
        after.TryGetProperty("last_error_message", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task getUpdates_returns_updates_from_the_offset_and_forgets_those_below_it()
    {
        for (var id = 1; id <= 3; id++)
        {
            Telegram.QueueUpdate(Token, FakeTelegramBotApi.Updates.Text(id, 42, 42, $"hello {id}"));
        }

        static long[] Ids(JsonElement body) => [.. body.GetProperty("result").EnumerateArray().Select(u => u.GetProperty("update_id").GetInt64())];
        Ids((await CallAsync("getUpdates")).Body).ShouldBe([1, 2, 3]);
        Ids((await CallAsync("getUpdates", new { limit = 2 })).Body).ShouldBe([1, 2]);
        Ids((await CallAsync("getUpdates", new { offset = 3 })).Body).ShouldBe([3]);
        Ids((await CallAsync("getUpdates")).Body).ShouldBe([3]);
        Telegram.QueueUpdate(Token, """{"message":{"message_id":9,"date":0,"chat":{"id":42,"type":"private"},"text":"numbered by the fake"}}""").ShouldBe(4);
        Ids((await CallAsync("getUpdates", new { offset = 4 })).Body).ShouldBe([4]);
        Ids((await CallAsync("getUpdates", new { offset = 5 })).Body).ShouldBeEmpty();
    }

    [Fact]
    public async Task getUpdates_is_409_Conflict_while_a_webhook_is_set()
    {
        Telegram.QueueUpdate(Token, FakeTelegramBotApi.Updates.Text(1, 42, 42, "hi"));
        await CallAsync("setWebhook", new { url = "https://example.com/hook" });
        ShouldBeError(await CallAsync("getUpdates"), 409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        (await CallAsync("getWebhookInfo")).Body.GetProperty("result").GetProperty("pending_update_count").GetInt32().ShouldBe(1);

        await CallAsync("deleteWebhook", new { drop_pending_updates = true });
        (await CallAsync("getUpdates")).Body.GetProperty("result").GetArrayLength().ShouldBe(0);
    }

    /// <summary>Waits until the fake has the <paramref name="count"/>th getUpdates call and has begun waiting on it.</summary>
    private async Task PollingAsync(int count)
    {
        await Patience.UntilAsync(() => Task.FromResult(Telegram.CallsOf(Token, "getUpdates").Count >= count), "the poll to reach the fake");
        await Task.Delay(100);
    }

    [Fact]
    public async Task A_long_poll_answers_when_an_update_arrives_and_a_newer_poll_ends_it_with_409()
    {
        var clock = Stopwatch.StartNew();
        var waiting = CallAsync("getUpdates", new { timeout = 5 });
        await PollingAsync(1);
        Telegram.QueueUpdate(Token, FakeTelegramBotApi.Updates.Start(7, 42, 42, "invite-abc"));
        var (status, body) = await waiting;
        status.ShouldBe(HttpStatusCode.OK);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
        var message = body.GetProperty("result")[0].GetProperty("message");
        message.Str("text").ShouldBe("/start invite-abc");
        message.GetProperty("entities")[0].Str("type").ShouldBe("bot_command");

        var first = CallAsync("getUpdates", new { offset = 8, timeout = 5 });
        await PollingAsync(2);
        var second = CallAsync("getUpdates", new { offset = 8, timeout = 1 });
        ShouldBeError(await first, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        (await second).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FailNext_answers_429_with_retry_after_then_the_method_works_again()
    {
        Telegram.FailNext(Token, "sendMessage", 2, 429, "Too Many Requests: retry after 2", retryAfter: 2);
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await CallAsync("sendMessage", new { chat_id = 42, text = "hi" });
            ShouldBeError(status, body, 429, "Too Many Requests: retry after 2");
            body.GetProperty("parameters").GetProperty("retry_after").GetInt32().ShouldBe(2);
        }

        var sent = await CallAsync("sendMessage", new { chat_id = 42, text = "hi" });
        sent.Status.ShouldBe(HttpStatusCode.OK);
        Telegram.CallsOf(Token, "sendMessage").Count.ShouldBe(3);
        Telegram.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_answers_403_to_sendMessage_and_sendPhoto()
    {
        Telegram.BlockChat(Token, 42);
        ShouldBeError(await CallAsync("sendMessage", new { chat_id = 42, text = "hi" }), 403, "Forbidden: bot was blocked by the user");
        ShouldBeError(await CallAsync("sendPhoto", new { chat_id = "42", photo = "AgACAgIAAxkBAAIB" }), 403, "Forbidden: bot was blocked by the user");
        (await CallAsync("sendMessage", new { chat_id = 43, text = "hi" })).Status.ShouldBe(HttpStatusCode.OK);
        Telegram.Received.ShouldHaveSingleItem().ChatId.ShouldBe("43");
    }

    [Fact]
    public async Task sendMessage_and_sendPhoto_answer_Telegram_Message_objects_and_refuse_what_Telegram_refuses()
    {
        var message = (await CallAsync("sendMessage", new { chat_id = 42, text = "<b>Hi</b> &amp; bye", parse_mode = "HTML", reply_to_message_id = 5 })).Body.GetProperty("result");
        message.GetProperty("message_id").GetInt64().ShouldBeGreaterThan(0);
        message.GetProperty("chat").GetProperty("id").GetInt64().ShouldBe(42);
        message.GetProperty("chat").Str("type").ShouldBe("private");
        message.GetProperty("from").GetProperty("is_bot").GetBoolean().ShouldBeTrue();
        message.GetProperty("from").Str("username").ShouldBe("bot123456_bot");
        message.Str("text").ShouldBe("Hi & bye");
        message.GetProperty("reply_to_message").GetProperty("message_id").GetInt64().ShouldBe(5);

        var photo = (await CallAsync("sendPhoto", new { chat_id = 42, photo = "https://example.com/cat.jpg", caption = "Cat" })).Body.GetProperty("result");
        photo.Str("caption").ShouldBe("Cat");
        photo.GetProperty("photo").EnumerateArray().ShouldAllBe(p => p.GetProperty("file_id").GetString()!.Length > 0 && p.GetProperty("width").GetInt32() > 0);

        ShouldBeError(await CallAsync("sendMessage", new { chat_id = 42, text = "1 < 2", parse_mode = "HTML" }), 400,
            "Bad Request: can't parse entities: unsupported start tag or unescaped character");
        ShouldBeError(await CallAsync("sendMessage", new { chat_id = 42, text = "Done.", parse_mode = "MarkdownV2" }), 400,
            "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
        ShouldBeError(await CallAsync("sendMessage", new { chat_id = 42, text = " " }), 400, "Bad Request: message text is empty");
        ShouldBeError(await CallAsync("sendMessage", new { chat_id = -1, text = "hi" }), 400, "Bad Request: chat not found");
        ShouldBeError(await CallAsync("sendMessage", new { chat_id = 42, text = "hi", reply_markup = new { inline_keyboard = new[] { new[] { new { text = "A", callback_data = new string('x', 65) } } } } }),
            400, "Bad Request: BUTTON_DATA_INVALID");
        ShouldBeError(await CallAsync("sendPhoto", new { chat_id = 42 }), 400, "Bad Request: there is no photo in the request");
    }

    [Fact]
    public async Task DeliverAsync_posts_the_update_as_JSON_with_the_secret_header()
    {
        string? secret = null;
        JsonElement update = default;
        var (app, url) = await LoopbackHost.StartAsync(a => a.MapPost("/telegram", async (HttpRequest request) =>
        {
            secret = request.Headers["X-Telegram-Bot-Api-Secret-Token"];
            request.ContentType.ShouldBe("application/json");
            update = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            return Results.Ok();
        }));
        await using (app)
        {
            using var response = await FakeTelegramBotApi.DeliverAsync(Client, $"{url}/telegram", "s3cret",
                FakeTelegramBotApi.Updates.Text(10, 42, 42, "Привет", username: "ann", firstName: "Ann", languageCode: "ru"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        secret.ShouldBe("s3cret");
        update.GetProperty("update_id").GetInt64().ShouldBe(10);
        var message = update.GetProperty("message");
        message.Str("text").ShouldBe("Привет");
        message.GetProperty("chat").Str("type").ShouldBe("private");
        message.GetProperty("from").Str("username").ShouldBe("ann");
        message.GetProperty("from").Str("language_code").ShouldBe("ru");
        message.GetProperty("from").GetProperty("is_bot").GetBoolean().ShouldBeFalse();
    }
}
