using System.Net;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The studio's scheduling settings in the console: booking policy, reminders and holidays, through the same use cases as the API.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class SchedulingSettingsPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task An_owner_changes_the_booking_policy_and_finds_it_after_a_reload()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/scheduling/settings");

        var notice = page.Locator("input[data-test=notice]");
        await Assertions.Expect(notice).ToHaveValueAsync("60");
        await notice.FillAsync("120");
        await page.Locator("input[data-test=horizon]").FillAsync("90");
        await page.Locator("input[data-test=cancellation-window]").FillAsync("48");
        await page.Locator("[data-test=slot-step]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "30 min" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Slot step" })).ToContainTextAsync("30 min");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("[data-test=save-booking-settings]").ClickAsync();

        var saved = await Patience.EventuallyAsync(async () => await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/settings").ShouldBe(HttpStatusCode.OK),
            s => s.GetProperty("minimumNoticeMinutes").GetInt32() == 120, "the booking policy to be saved");
        saved.GetProperty("horizonDays").GetInt32().ShouldBe(90);
        saved.GetProperty("slotStepMinutes").GetInt32().ShouldBe(30);
        saved.GetProperty("cancellationWindowHours").GetInt32().ShouldBe(48);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("input[data-test=notice]")).ToHaveValueAsync("120");
        await Assertions.Expect(page.Locator("input[data-test=horizon]")).ToHaveValueAsync("90");
        await Assertions.Expect(page.Locator("input[data-test=cancellation-window]")).ToHaveValueAsync("48");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Slot step" })).ToContainTextAsync("30 min");
        await page.ScreenshotAsync("scheduling-settings");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_owner_sets_the_reminders_and_their_channel()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/scheduling/settings");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Reminders" }).ClickAsync();

        // The defaults: a day and two hours before. The two hours go, an hour comes, by SMS.
        var offsets = page.Locator("[data-test=reminder-offset]");
        await Assertions.Expect(offsets).ToHaveCountAsync(2);
        await offsets.Nth(1).Locator("[data-test=remove-offset]").ClickAsync();
        await Assertions.Expect(offsets).ToHaveCountAsync(1);
        await page.Locator("[data-test=add-offset]").ClickAsync();
        await Assertions.Expect(offsets).ToHaveCountAsync(2);
        await offsets.Nth(1).Locator("input[data-test=offset-amount]").FillAsync("3");
        await page.Locator("[data-test=reminder-channel]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "SMS" }).ClickAsync();
        // The select takes the choice a moment after the click: saving before that would send the old channel.
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Channel" })).ToContainTextAsync("SMS");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("[data-test=save-reminders]").ClickAsync();

        var saved = await Patience.EventuallyAsync(async () => await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/reminder-settings").ShouldBe(HttpStatusCode.OK),
            s => s.Str("channel") == "sms", "the reminder settings to be saved");
        saved.GetProperty("offsetsMinutes").EnumerateArray().Select(o => o.GetInt32()).ToArray().ShouldBe(new[] { 1440, 180 });
        saved.GetProperty("enabled").GetBoolean().ShouldBeTrue();

        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Reminders" }).ClickAsync();
        await Assertions.Expect(offsets).ToHaveCountAsync(2);
        await Assertions.Expect(offsets.Nth(1).Locator("input[data-test=offset-amount]")).ToHaveValueAsync("3");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Channel" })).ToContainTextAsync("SMS");
    }

    [Fact]
    public async Task An_owner_adds_a_holiday_and_removes_it_again()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var day = BookingStudio.Tomorrow.AddDays(7);
        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/scheduling/settings");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Holidays" }).ClickAsync();

        await page.Locator("input[data-test=holiday-date]").FillAsync(BookingStudio.Date(day));
        await page.Locator("input[data-test=holiday-name]").FillAsync("Studio day off");
        await page.Locator("[data-test=add-holiday]").ClickAsync();
        var row = page.Locator($"[data-test=holiday][data-date='{BookingStudio.Date(day)}']");
        await Assertions.Expect(row).ToContainTextAsync("Studio day off");
        var holidays = await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/holidays").ShouldBe(HttpStatusCode.OK);
        holidays.EnumerateArray().ShouldHaveSingleItem().Str("name").ShouldBe("Studio day off");

        // The same date twice is refused and said why.
        await page.Locator("input[data-test=holiday-date]").FillAsync(BookingStudio.Date(day));
        await page.Locator("input[data-test=holiday-name]").FillAsync("Again");
        await page.Locator("[data-test=add-holiday]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "holiday already" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=holiday]")).ToHaveCountAsync(1);

        await row.Locator("[data-test=remove-holiday]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=holiday]")).ToHaveCountAsync(0);
        (await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/holidays").ShouldBe(HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_calendar_connections_page_shows_how_connecting_ended_for_the_staff_member()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/scheduling/calendars");
        var staff = page.Locator("[data-test=calendar-staff]");
        await Assertions.Expect(staff).ToHaveAttributeAsync("data-name", studio.StaffName);
        await Assertions.Expect(staff).ToContainTextAsync("No calendar connected.");
        // This server has no Google or Outlook client configured: it says so rather than offering a button that fails.
        await Assertions.Expect(page.Locator("[data-test=connect-google]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No calendar provider is set up on this server", new() { Exact = false })).ToBeVisibleAsync();

        // Where the OAuth callback sends the browser back: the staff member's connections and the outcome.
        await page.GotoAsync($"/t/{studio.Slug}/scheduling/staff/{studio.StaffId:D}?calendar=declined&provider=google");
        await Assertions.Expect(page.Locator("[data-test=calendar-outcome]")).ToHaveAttributeAsync("data-outcome", "declined");
        await Assertions.Expect(staff).ToHaveCountAsync(1);
        await page.Locator("[data-test=show-feed]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-test=feed-url]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^http.*\\.ics"));
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
    }
}
