using System.Net.Http.Json;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>The staff calendar: moving and resizing appointments with the mouse and the keyboard, a refused move, the drawer, overlapping appointments side by side, and live bookings.</summary>
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
        await GridScrolledAsync(page);
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
        await GridScrolledAsync(page);
        var box = (await column.BoundingBoxAsync())!;
        // 11:00 is 240 px below the grid's 07:00 start.
        await page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + 240 + 5);
        await Assertions.Expect(page.Locator("input[data-test=new-time]")).ToHaveValueAsync("11:00");
        await page.Locator("input[data-test=new-client-name]").FillAsync("Walk-in");
        await page.Locator("[data-test=new-book]").ClickAsync();
        await Assertions.Expect(column.Locator("[data-test=appointment][data-starts='11:00']")).ToContainTextAsync("Walk-in");
        (await studio.AppointmentsAsync(day)).ShouldHaveSingleItem().Str("source").ShouldBe("console");
    }

    [Fact]
    public async Task Appointments_at_the_same_time_in_one_column_are_drawn_side_by_side()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var day = BookingStudio.Tomorrow;
        DateTimeOffset At(int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
        var boris = await AddStaffAsync(studio, "Boris Volkov");
        await studio.BookAsync(At(10), "Olga Smirnova");
        await BookWithAsync(studio, boris, At(10, 30), "Pavel Orlov");
        await studio.BookAsync(At(15), "Alone Client");

        // The week of everyone: both staff members' 10:00 and 10:30 share the day's column.
        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/calendar?view=week&date={BookingStudio.Date(day)}");
        var column = page.Locator($"[data-test=calendar-column][data-date='{BookingStudio.Date(day)}']");
        var olga = column.Locator("[data-test=appointment]", new() { HasText = "Olga Smirnova" });
        var pavel = column.Locator("[data-test=appointment]", new() { HasText = "Pavel Orlov" });
        var alone = column.Locator("[data-test=appointment]", new() { HasText = "Alone Client" });
        await Assertions.Expect(olga).ToHaveAttributeAsync("data-lanes", "2");
        await Assertions.Expect(pavel).ToHaveAttributeAsync("data-lanes", "2");
        await Assertions.Expect(alone).ToHaveAttributeAsync("data-lanes", "1");
        // The grid scrolls itself to the morning once drawn; measure after that, or the boxes come from two scroll positions.
        await GridScrolledAsync(page);

        var a = (await olga.BoundingBoxAsync())!;
        var b = (await pavel.BoundingBoxAsync())!;
        var c = (await alone.BoundingBoxAsync())!;
        var box = (await column.BoundingBoxAsync())!;
        // They overlap in time (one above the other's end) but not on screen: each has its own half of the column.
        (a.Y < b.Y + b.Height && b.Y < a.Y + a.Height).ShouldBeTrue("the two appointments overlap in time");
        (a.X + a.Width <= b.X || b.X + b.Width <= a.X).ShouldBeTrue($"side by side, not on top of each other: {a.X}+{a.Width} and {b.X}+{b.Width}");
        a.Width.ShouldBeLessThan(box.Width / 2);
        // An appointment that overlaps nothing keeps the column's width.
        c.Width.ShouldBeGreaterThan(box.Width * 0.9f);
        await page.ScreenshotAsync("calendar-week-overlap");
    }

    [Fact]
    public async Task An_appointment_is_moved_with_the_keyboard_alone()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var day = BookingStudio.Tomorrow;
        DateTimeOffset At(int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
        var olga = await studio.BookAsync(At(10), "Olga Smirnova");

        var page = await host.NewPageAsync();
        await page.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/calendar?date={BookingStudio.Date(day)}");
        var appointment = page.Locator($"[data-test=appointment][data-id='{olga.Str("id")}']");
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "10:00");

        // Enter on the focused appointment opens the drawer, with focus inside it; its move form takes a new time.
        await appointment.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var drawer = page.Locator("[data-test=appointment-drawer]");
        await Assertions.Expect(drawer.Locator("[data-test=drawer-heading]")).ToBeFocusedAsync();
        var time = drawer.Locator("input[data-test=move-time]");
        await Assertions.Expect(time).ToHaveValueAsync("10:00");
        await time.FillAsync("14:00");
        await drawer.Locator("[data-test=drawer-move]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "14:00");
        await Assertions.Expect(drawer.Locator("[data-test=drawer-time]")).ToContainTextAsync("14:00");
        await Patience.EventuallyAsync(async () => await GetAsync(studio, olga.Str("id")),
            a => a.GetProperty("startsAt").GetDateTimeOffset() == At(14), "the API to show the appointment moved from the drawer");

        // Alt+Down on the appointment itself: a step (15 minutes) later, the length kept, focus still on it.
        await drawer.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await appointment.FocusAsync();
        await page.Keyboard.PressAsync("Alt+ArrowDown");
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "14:15");
        await Assertions.Expect(appointment).ToBeFocusedAsync();
        var moved = await Patience.EventuallyAsync(async () => await GetAsync(studio, olga.Str("id")),
            a => a.GetProperty("startsAt").GetDateTimeOffset() == At(14, 15), "the API to show the appointment moved with Alt+Down");
        (moved.GetProperty("endsAt").GetDateTimeOffset() - moved.GetProperty("startsAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromMinutes(60));
    }

    private static async Task<Guid> AddStaffAsync(BookingStudio studio, string name)
    {
        var staff = await studio.Api.PostJson($"/api/v1/tenants/{studio.Slug}/scheduling/staff", new { displayName = name, timeZone = "UTC", bookable = true })
            .ShouldBe(System.Net.HttpStatusCode.Created);
        var id = Guid.Parse(staff.Str("id"));
        string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        (await studio.Api.PutAsJsonAsync($"/api/v1/tenants/{studio.Slug}/scheduling/staff/{id}/hours", new
        {
            hours = days.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
            breaks = Array.Empty<object>(),
        })).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return id;
    }

    private static async Task BookWithAsync(BookingStudio studio, Guid staffId, DateTimeOffset startsAt, string client) =>
        await studio.Api.PostJson($"/api/v1/tenants/{studio.Slug}/scheduling/appointments", new
        {
            serviceIds = new[] { studio.ServiceId }, staffId, startsAt = startsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            client = new { name = client, phone = $"+4930{Random.Shared.Next(1_000_000, 9_999_999)}" },
        }).ShouldBe(System.Net.HttpStatusCode.Created);

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

    /// <summary>
    /// The grid scrolls itself to the morning once drawn and marks itself so; boxes measured before that come from two
    /// scroll positions. A locator expectation polls on its own timer (a wait polled by animation frames can stall while
    /// the browser draws another page).
    /// </summary>
    private static Task GridScrolledAsync(IPage page) => Assertions.Expect(page.Locator(".cal-scroll[data-scrolled=true]")).ToHaveCountAsync(1);

    private static async Task<System.Text.Json.JsonElement> GetAsync(BookingStudio studio, string id) =>
        await studio.Api.GetAsync($"/api/v1/tenants/{studio.Slug}/scheduling/appointments/{id}").ShouldBe(System.Net.HttpStatusCode.OK);
}
