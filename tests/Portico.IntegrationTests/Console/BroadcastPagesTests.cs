using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The broadcasts screen of a bot: composing a message to a segment, watching it go out, and stopping a scheduled one.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class BroadcastPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_sends_a_broadcast_to_a_language_segment_and_watches_it_reach_every_user_of_it()
    {
        var bot = await BotWithUsersAsync("ru", "ru", "ru-RU", "en");
        var page = await host.NewPageAsync();
        await page.SignInAsync(bot.Owner.Email, bot.Owner.Password, $"/t/{bot.Slug}/settings/bots");
        await page.Locator("[data-test=bot-broadcasts]").ClickAsync();
        await page.WaitForURLAsync($"**/t/{bot.Slug}/settings/bots/{bot.Id}/broadcasts");
        var audience = page.Locator("[data-test=audience]");
        await Assertions.Expect(audience).ToContainTextAsync("Will reach 4 users");

        const string text = "Скидка 20% на все услуги до воскресенья!";
        await page.Locator("textarea[data-test=broadcast-text]").FillAsync(text);
        await page.Locator("input[data-test=segment-language-input]").FillAsync("ru");
        await page.Locator("input[data-test=segment-language-input]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-test=segment-language]")).ToHaveTextAsync("ru");
        await Assertions.Expect(audience).ToContainTextAsync("Will reach 3 users");
        await page.Locator("[data-test=add-button-row]").ClickAsync();
        await page.Locator("input[data-test=button-label]").FillAsync("Записаться");
        await page.Locator("input[data-test=button-url]").FillAsync("https://example.com/book");
        await Assertions.Expect(page.Locator("[data-test=broadcast-preview]")).ToContainTextAsync("Записаться");

        await page.Locator("[data-test=send-broadcast]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Send now')").ClickAsync();
        var broadcast = page.Locator("[data-test=broadcast]").First;
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(broadcast.Locator("[data-test=count-sent]")).ToHaveTextAsync("3");
        await Assertions.Expect(broadcast.Locator("[data-test=count-total]")).ToHaveTextAsync("3");
        await Assertions.Expect(broadcast.Locator("[data-test=count-failed]")).ToHaveTextAsync("0");
        await Assertions.Expect(broadcast.Locator("[data-test=broadcast-text-preview]")).ToHaveTextAsync(text);

        var sent = host.Telegram.Received.Where(m => m.Token == bot.Token && m.Text == text).ToList();
        sent.Select(m => m.ChatId).Order().ShouldBe(bot.ChatIds.Take(3).Select(id => id.ToString(CultureInfo.InvariantCulture)).Order());
        sent.ShouldAllBe(m => m.ReplyMarkup != null && m.ReplyMarkup.Contains("https://example.com/book") && m.ReplyMarkup.Contains("inline_keyboard"));

        await broadcast.Locator("[data-test=broadcast-recipients]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=recipient][data-status=sent]")).ToHaveCountAsync(3);
        await page.ScreenshotAsync("broadcast-recipients");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-test=recipients]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("broadcasts");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_owner_pauses_resumes_and_cancels_a_scheduled_broadcast_and_nothing_is_sent()
    {
        var bot = await BotWithUsersAsync("en");
        var page = await host.NewPageAsync();
        await page.SignInAsync(bot.Owner.Email, bot.Owner.Password, $"/t/{bot.Slug}/settings/bots/{bot.Id}/broadcasts");
        await Assertions.Expect(page.Locator("[data-test=audience]")).ToContainTextAsync("Will reach 1 user");

        const string text = "Friday night: tattoo flash day, walk-ins welcome";
        await page.Locator("textarea[data-test=broadcast-text]").FillAsync(text);
        await page.GetByText("Schedule for later").ClickAsync();
        await page.Locator("input[data-test=broadcast-scheduled-at]").FillAsync(DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("[data-test=send-broadcast]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Schedule')").ClickAsync();

        var broadcast = page.Locator("[data-test=broadcast]").First;
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "scheduled");
        await Assertions.Expect(broadcast.Locator("[data-test=broadcast-times]")).ToContainTextAsync("Scheduled for");
        await broadcast.Locator("[data-test=pause-broadcast]").ClickAsync();
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "paused");
        await broadcast.Locator("[data-test=resume-broadcast]").ClickAsync();
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "scheduled");

        await broadcast.Locator("[data-test=cancel-broadcast]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Keep it')").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog-container")).ToHaveCountAsync(0); // closed before the next click
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "scheduled");
        await broadcast.Locator("[data-test=cancel-broadcast]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Cancel broadcast')").ClickAsync();
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "cancelled");
        await Assertions.Expect(broadcast.Locator("[data-test=pause-broadcast], [data-test=resume-broadcast], [data-test=cancel-broadcast]")).ToHaveCountAsync(0);

        // The list read afresh says the same.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-test=broadcast]").First).ToHaveAttributeAsync("data-status", "cancelled");
        host.Telegram.Received.ShouldNotContain(m => m.Text == text);
    }

    [Fact]
    public async Task The_recipients_of_a_broadcast_show_who_blocked_the_bot_with_telegrams_reason()
    {
        var bot = await BotWithUsersAsync("en", "en");
        host.Telegram.BlockChat(bot.Token, bot.ChatIds[1]);
        var page = await host.NewPageAsync();
        await page.SignInAsync(bot.Owner.Email, bot.Owner.Password, $"/t/{bot.Slug}/settings/bots/{bot.Id}/broadcasts");
        await Assertions.Expect(page.Locator("[data-test=audience]")).ToContainTextAsync("Will reach 2 users");

        await page.Locator("textarea[data-test=broadcast-text]").FillAsync("We moved to a new studio!");
        await page.Locator("[data-test=send-broadcast]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Send now')").ClickAsync();
        var broadcast = page.Locator("[data-test=broadcast]").First;
        await Assertions.Expect(broadcast).ToHaveAttributeAsync("data-status", "completed");
        await Assertions.Expect(broadcast.Locator("[data-test=count-sent]")).ToHaveTextAsync("1");
        await Assertions.Expect(broadcast.Locator("[data-test=count-blocked]")).ToHaveTextAsync("1");

        await broadcast.Locator("[data-test=broadcast-recipients]").ClickAsync();
        var failed = page.Locator("[data-test=recipient][data-status=failed]");
        await Assertions.Expect(failed).ToHaveCountAsync(1);
        await Assertions.Expect(failed.Locator("[data-test=recipient-error]")).ToContainTextAsync("blocked");
        await Assertions.Expect(page.Locator("[data-test=recipient][data-status=sent]")).ToHaveCountAsync(0);

        // The next broadcast leaves out the user who blocked the bot.
        await page.Keyboard.PressAsync("Escape");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-test=audience]")).ToContainTextAsync("Will reach 1 user");
    }

    private sealed record SeededBot(TestUser Owner, string Slug, Guid Id, string Token, IReadOnlyList<long> ChatIds);

    /// <summary>A workspace with an active bot, and one Telegram user per language code who wrote to it.</summary>
    private async Task<SeededBot> BotWithUsersAsync(params string[] languages)
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("bcast");
        await api.PostJson("/api/v1/tenants", new { name = "Ink Studio", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        var telegramId = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var token = $"{telegramId}:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        host.Telegram.AddBot(token, telegramId, $"ink{telegramId}_bot", "Ink bot");
        var created = await api.PostJson($"/api/v1/tenants/{slug}/bots", new { token }).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(created.Str("id"));
        (await api.PatchAsync($"/api/v1/tenants/{slug}/bots/{id}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var telegram = new HttpClient();
        var chats = new List<long>();
        for (var i = 0; i < languages.Length; i++)
        {
            var chat = Random.Shared.NextInt64(1_000_000, 900_000_000);
            chats.Add(chat);
            (await host.Telegram.DeliverToWebhookAsync(telegram, token, FakeTelegramBotApi.Updates.Text(i + 1, chat, chat, "Привет!", firstName: $"User {i + 1}", languageCode: languages[i])))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Patience.EventuallyAsync(
            async () => (await api.GetAsync($"/api/v1/tenants/{slug}/bots/{id}").ShouldBe(HttpStatusCode.OK)).GetProperty("counters").GetProperty("users").GetInt32(),
            users => users == languages.Length, "the bot's users to be stored");
        return new SeededBot(owner, slug, id, token, chats);
    }
}
