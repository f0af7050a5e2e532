using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The bot manager's screens: connecting and switching on a bot, answering its conversation from the inbox, and its analytics.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class MessagingPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_connects_a_bot_switches_it_on_and_answers_a_telegram_user_from_the_inbox()
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("bots");
        await api.PostJson("/api/v1/tenants", new { name = "Tattoo Bot Studio", slug, vertical = "studio" }).ShouldBe(HttpStatusCode.Created);
        var id = Random.Shared.NextInt64(100_000_000, 9_000_000_000);
        var token = $"{id}:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
        host.Telegram.AddBot(token, id, $"ink{id}_bot", "Ink bot");

        var page = await host.NewPageAsync();
        await page.SignInAsync(owner.Email, owner.Password, $"/t/{slug}/settings/bots");
        await page.Locator("input[data-test=bot-token]").FillAsync(token);
        await page.Locator("[data-test=connect-bot]").ClickAsync();
        var bot = page.Locator("[data-test=bot]");
        await Assertions.Expect(bot).ToContainTextAsync($"ink{id}_bot");
        await Assertions.Expect(bot.Locator("[data-test=bot-status]")).ToHaveTextAsync("inactive");
        (await page.ContentAsync()).ShouldNotContain(token.Split(':')[1]);

        await bot.GetByText("Active", new() { Exact = true }).ClickAsync(); // the switch's label toggles it
        await Assertions.Expect(bot.Locator("[data-test=bot-status]")).ToHaveTextAsync("active");
        await page.ScreenshotAsync("bots");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // A Telegram user writes to the bot; Telegram calls the webhook the bot now has.
        var webhook = host.Telegram.WebhookOf(token).ShouldNotBeNull();
        using var telegram = new HttpClient();
        (await FakeTelegramBotApi.DeliverAsync(telegram, webhook.Url, webhook.SecretToken, FakeTelegramBotApi.Updates.Text(1, 3131, 3131, "Сколько стоит эскиз?", firstName: "Олег")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await page.GotoAsync($"/t/{slug}/inbox");
        var conversation = page.Locator("[data-test=conversation]", new() { HasText = "Олег" });
        await Assertions.Expect(conversation).ToContainTextAsync("Сколько стоит эскиз?");
        await conversation.ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=message][data-direction=in]")).ToContainTextAsync("Сколько стоит эскиз?");
        await page.Locator("textarea[data-test=reply-text]").FillAsync("Эскиз от 3 000 ₽");
        await page.Locator("[data-test=send-reply]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=message][data-direction=out]")).ToContainTextAsync("Эскиз от 3 000 ₽");
        host.Telegram.Received.ShouldContain(m => m.Token == token && m.ChatId == "3131" && m.Text == "Эскиз от 3 000 ₽");
        await page.ScreenshotAsync("inbox");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // The bot's analytics count the conversation: one message in, the reply out, one new user answered.
        await page.GotoAsync($"/t/{slug}/settings/bots");
        await page.Locator("[data-test=bot-stats]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=kpi-messages-in] [data-test=kpi-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=kpi-messages-out] [data-test=kpi-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=kpi-new-users] [data-test=kpi-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-test=kpi-first-response] [data-test=kpi-value]")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("[data-test=stats-chart] svg").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("bot-stats");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }
}
