using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The page behind the links in a booking confirmation: the client sees, moves or cancels their appointment without signing in.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class ManageBookingPageTests(ConsoleHost host)
{
    /// <summary>Far enough ahead for the studio's 24-hour cancellation window.</summary>
    private static DateOnly Later => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3));

    [Fact]
    public async Task A_client_opens_the_manage_link_from_the_confirmation_and_moves_the_appointment_to_another_free_slot()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var day = BookingStudio.Date(Later);
        var phone = await host.NewPageAsync(390, 844);
        await phone.GotoAsync($"/b/{studio.Slug}?lang=en");
        await phone.Locator("[data-test=service][data-name=Haircut]").ClickAsync();
        await phone.Locator("[data-test=staff-member][data-name='Anna Petrova']").ClickAsync();
        await phone.Locator($"[data-test=day][data-date='{day}']").ClickAsync();
        await phone.Locator($"[data-test=slot][data-start='{day}T10:00Z']").ClickAsync();
        await phone.Locator("input[data-test=client-name]").FillAsync("Мария Иванова");
        await phone.Locator("input[data-test=client-phone]").FillAsync($"+49151{Random.Shared.Next(1_000_000, 9_999_999)}");
        await phone.Locator("[data-test=consent]").Locator("xpath=self::input|descendant::input").First.CheckAsync(new LocatorCheckOptions { Force = true });
        await phone.Locator("[data-test=confirm-booking]").ClickAsync();

        // The confirmation offers the calendar file too.
        var confirmation = phone.Locator("[data-test=booking-confirmation]");
        await Assertions.Expect(confirmation).ToBeVisibleAsync();
        var calendar = await confirmation.Locator("[data-test=add-to-calendar]").GetAttributeAsync("href");
        calendar.ShouldNotBeNull().ShouldEndWith("/ics");
        var ics = await phone.APIRequest.GetAsync(calendar);
        ics.Status.ShouldBe(200);
        ics.Headers["content-type"].ShouldStartWith("text/calendar");
        (await ics.TextAsync()).ShouldContain("SUMMARY:Haircut — Ink & Lavender");

        await confirmation.Locator("[data-test=manage-link]").ClickAsync();
        await phone.WaitForURLAsync(new Regex("/b/manage/"));
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Ink & Lavender");
        await Assertions.Expect(phone.Locator("[data-test=appointment-status]")).ToHaveTextAsync("Booked");
        await Assertions.Expect(phone.Locator("[data-test=appointment-time]")).ToContainTextAsync("10:00–11:00");
        await Assertions.Expect(phone.Locator("[data-test=appointment-services]")).ToHaveTextAsync("Haircut");
        await Assertions.Expect(phone.Locator("[data-test=appointment-staff]")).ToHaveTextAsync("Anna Petrova");
        await Assertions.Expect(phone.Locator("[data-test=manage-actions] [data-test=add-to-calendar]")).ToHaveAttributeAsync("href", new Regex("/ics$"));
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.ScreenshotAsync("manage-booking-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await phone.Locator("[data-test=start-reschedule]").ClickAsync();
        var picker = phone.Locator("[data-test=reschedule-step]");
        await picker.Locator($"[data-test=day][data-date='{day}']").ClickAsync();
        // Its own time is not offered (moving there changes nothing).
        await Assertions.Expect(picker.Locator($"[data-test=slot][data-start='{day}T13:00Z']")).ToBeVisibleAsync();
        await Assertions.Expect(picker.Locator($"[data-test=slot][data-start='{day}T10:00Z']")).ToHaveCountAsync(0);
        await picker.Locator($"[data-test=slot][data-start='{day}T13:00Z']").ClickAsync();
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await phone.ScreenshotAsync("manage-booking-reschedule-phone");
        await picker.Locator("[data-test=confirm-reschedule]").ClickAsync();

        await Assertions.Expect(phone.Locator("[data-test=manage-done]")).ToContainTextAsync("moved");
        await Assertions.Expect(phone.Locator("[data-test=appointment-time]")).ToContainTextAsync("13:00–14:00");
        var moved = (await studio.AppointmentsAsync(Later)).ShouldHaveSingleItem();
        moved.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(Later.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero));
    }

    [Fact]
    public async Task The_cancel_link_opens_the_cancel_step_and_a_cancelled_appointment_offers_nothing_more()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var (manage, id) = await BookPubliclyAsync(studio, Later, 15);
        var page = await host.NewPageAsync(390, 844);
        await page.GotoAsync(manage.Str("cancel"));

        var step = page.Locator("[data-test=cancel-step]");
        await Assertions.Expect(step).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=manage-actions]")).ToHaveCountAsync(0);
        await step.Locator("textarea").FillAsync("Cannot come after all");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();
        await step.Locator("[data-test=confirm-cancel]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=manage-done]")).ToContainTextAsync("cancelled");
        await Assertions.Expect(page.Locator("[data-test=appointment-status]")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.Locator("[data-test=manage-actions]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-test=add-to-calendar]")).ToHaveCountAsync(0);
        var staffView = await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/appointments/{id}").ShouldBeOk();
        staffView.Str("status").ShouldBe("cancelled");
        staffView.Str("cancelledBy").ShouldBe("client");

        // Opened again (or through the reschedule link), it stays cancelled with no actions.
        await page.GotoAsync(manage.Str("reschedule"));
        await Assertions.Expect(page.Locator("[data-test=appointment-cancelled]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=reschedule-step], [data-test=cancel-step], [data-test=manage-actions]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Inside_the_cancellation_window_the_page_says_to_call_the_studio()
    {
        var studio = await BookingStudio.CreateAsync(host);
        (await studio.Api.PutAsJsonAsync($"/api/v1/tenants/{studio.Slug}/scheduling/settings", new { cancellationWindowHours = 720 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (manage, _) = await BookPubliclyAsync(studio, Later, 11);
        var page = await host.NewPageAsync(390, 844);
        await page.GotoAsync(manage.Str("cancel"));
        await page.Locator("[data-test=confirm-cancel]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=manage-problem]")).ToContainTextAsync("too late");
        await Assertions.Expect(page.Locator("[data-test=appointment-status]")).ToHaveTextAsync("Booked");
        (await studio.AppointmentsAsync(Later)).ShouldHaveSingleItem().Str("status").ShouldBe("booked");
    }

    [Fact]
    public async Task A_forged_link_is_a_friendly_not_found_and_a_russian_studio_manages_in_russian()
    {
        var page = await host.NewPageAsync(390, 844);
        await page.GotoAsync("/b/manage/not-a-token");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Booking not found");
        await Assertions.Expect(page.Locator("[data-test=manage-page]")).ToContainTextAsync("not valid");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        var studio = await BookingStudio.CreateAsync(host, locale: "ru");
        var (manage, _) = await BookPubliclyAsync(studio, Later, 16);
        var token = manage.Str("token");
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await page.GotoAsync($"/b/manage/{forged}?lang=ru");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Запись не найдена");

        await page.GotoAsync(manage.Str("reschedule"));
        await Assertions.Expect(page.Locator("#bk-appointment")).ToHaveTextAsync("Ваша запись");
        await Assertions.Expect(page.Locator("[data-test=appointment-status]")).ToHaveTextAsync("Записаны");
        await Assertions.Expect(page.Locator("[data-test=appointment-services]")).ToHaveTextAsync("Стрижка");
        await Assertions.Expect(page.Locator("#bk-new-day")).ToHaveTextAsync("Выберите новое время");
        await Assertions.Expect(page.Locator("[data-test=reschedule-step] [data-test=slot]").First).ToBeVisibleAsync();
        await page.Locator("[data-test=keep-appointment]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=start-reschedule]")).ToHaveTextAsync("Перенести");
        await Assertions.Expect(page.Locator("[data-test=start-cancel]")).ToHaveTextAsync("Отменить запись");
        await Assertions.Expect(page.Locator("[data-test=add-to-calendar]")).ToHaveTextAsync("Добавить в календарь");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await page.GotoAsync($"{new Uri(manage.Str("view")).AbsolutePath}?lang=en");
        await Assertions.Expect(page.Locator("#bk-appointment")).ToHaveTextAsync("Your appointment");
    }

    /// <summary>Books through the public API as the booking page does; answers the signed links and the appointment id.</summary>
    private async Task<(JsonElement Manage, string Id)> BookPubliclyAsync(BookingStudio studio, DateOnly day, int hour)
    {
        using var anonymous = host.CreateClient();
        var booked = await anonymous.PostJson($"/api/v1/public/tenants/{studio.Slug}/booking/appointments", new
        {
            serviceIds = new[] { studio.ServiceId }, staffId = studio.StaffId, start = $"{BookingStudio.Date(day)}T{hour:00}:00:00Z", name = "Pavel Client",
            phone = $"+49152{Random.Shared.Next(1_000_000, 9_999_999)}", consent = true,
        }).ShouldBe(HttpStatusCode.Created);
        return (booked.GetProperty("manage").Clone(), booked.GetProperty("appointment").Str("id"));
    }
}
