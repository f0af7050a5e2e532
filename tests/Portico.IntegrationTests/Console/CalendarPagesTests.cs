using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The staff calendar: moving and resizing appointments with the mouse, a refused move, the drawer, and live bookings.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class CalendarPagesTests(ConsoleHost host)
{
    [Fact]
    public async Task Staff_drag_an_appointment_to_another_time_resize_it_and_see_a_booking_made_elsewhere_appear_live()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var day = BookingStudio.Tomorrow;
        DateTimeOffset At(int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        var olga = await studio.BookAsync(At(10), "Olga Smirnova");
        await studio.BookAsync(At(15), "Blocker Client");

        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/calendar?date={BookingStudio.Date(day)}");
        var appointment = page.Locator($"[data-test=appointment][data-id='{olga.Str("id")}']");
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "10:00");
        await Assertions.Expect(page.Locator("[data-test=calendar-column]")).ToHaveAttributeAsync("data-title", studio.StaffName);
        // The grid scrolls itself to the morning once drawn; drags are measured after that.
        await page.WaitForFunctionAsync("() => document.querySelector('.cal-scroll')?.scrollTop > 0");
        await page.ScreenshotAsync("calendar-day");
        (await page.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        // Drag two hours (120 px) down: the appointment moves to 12:00.
        await DragAsync(page, appointment, fromTop: 15, dy: 120);
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "12:00");
        await Patience.EventuallyAsync(async () => await GetAsync(studio, olga.Str("id")),
            a => a.GetProperty("startsAt").GetDateTimeOffset() == At(12), "the API to show the moved appointment");

        // Drag the lower edge half an hour down: 90 minutes.
        var box = (await appointment.BoundingBoxAsync())!;
        await DragAsync(page, appointment, fromTop: box.Height - 3, dy: 30);
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-minutes", "90");
        var resized = await GetAsync(studio, olga.Str("id"));
        (resized.GetProperty("endsAt").GetDateTimeOffset() - resized.GetProperty("startsAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(90));

        // Onto the other client's time: refused, said why, and the appointment stays where it was.
        await DragAsync(page, appointment, fromTop: 15, dy: 180);
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("already booked");
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "12:00");
        await Assertions.Expect(page.Locator("[data-test=calendar-ghost]")).ToHaveCountAsync(0);
        (await GetAsync(studio, olga.Str("id"))).GetProperty("startsAt").GetDateTimeOffset().ShouldBe(At(12));

        // A booking through the API shows up without a reload.
        await studio.BookAsync(At(17), "Live Client");
        await Assertions.Expect(page.Locator("[data-test=appointment]")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-test=appointment][data-starts='17:00']")).ToContainTextAsync("Live Client");

        // The drawer: the client, the price, and confirming.
        await appointment.ClickAsync();
        var drawer = page.Locator("[data-test=appointment-drawer]");
        await Assertions.Expect(drawer.Locator("[data-test=drawer-client]")).ToHaveTextAsync("Olga Smirnova");
        await Assertions.Expect(drawer.Locator("[data-test=drawer-price]")).ToContainTextAsync("30.00 EUR");
        await drawer.Locator("[data-test=drawer-confirm]").ClickAsync();
        await Assertions.Expect(drawer).ToHaveAttributeAsync("data-status", "confirmed");
        await Assertions.Expect(drawer.Locator("[data-test=drawer-history]")).ToHaveCountAsync(2);
        (await GetAsync(studio, olga.Str("id"))).Str("status").ShouldBe("confirmed");
    }

    [Fact]
    public async Task The_week_view_shows_a_column_per_day_and_clicking_free_time_books_there()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var day = BookingStudio.Tomorrow;
        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/calendar?view=week&date={BookingStudio.Date(day)}");
        await Assertions.Expect(page.Locator("[data-test=calendar-column]")).ToHaveCountAsync(7);

        var column = page.Locator($"[data-test=calendar-column][data-date='{BookingStudio.Date(day)}']");
        // The grid scrolls itself to the morning once drawn; measure after that, or the click lands where 11:00 was.
        await page.WaitForFunctionAsync("() => document.querySelector('.cal-scroll')?.scrollTop > 0");
        var box = (await column.BoundingBoxAsync())!;
        // 11:00 is 240 px below the grid's 07:00 start.
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + 240 + 5);
        await Assertions.Expect(page.Locator("input[data-test=new-time]")).ToHaveValueAsync("11:00");
        await page.Locator("input[data-test=new-client-name]").FillAsync("Walk-in");
        await page.Locator("[data-test=new-book]").ClickAsync();
        await Assertions.Expect(column.Locator("[data-test=appointment][data-starts='11:00']")).ToContainTextAsync("Walk-in");
        (await studio.AppointmentsAsync(day)).ShouldHaveSingleItem().Str("source").ShouldBe("console");
    }

    private static async Task DragAsync(IPage page, ILocator target, float fromTop, float dy)
    {
        var box = (await target.BoundingBoxAsync())!;
        var x = box.X + (box.Width / 2f);
        var y = box.Y + fromTop;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y + (dy / 2f), new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(x, y + dy, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    private static async Task<System.Text.Json.JsonElement> GetAsync(BookingStudio studio, string id) =>
        await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/appointments/{id}").ShouldBe(System.Net.HttpStatusCode.OK);
}
