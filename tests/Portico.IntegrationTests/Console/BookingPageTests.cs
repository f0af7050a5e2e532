using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Console;

/// <summary>A studio for the calendar and booking page tests: an owner, one staff member working 08:00–20:00 (UTC) every day, a one-hour service.</summary>
public sealed record BookingStudio(TestUser Owner, HttpClient Api, string Slug, Guid StaffId, string StaffName, Guid ServiceId, string ServiceName)
{
    public static async Task<BookingStudio> CreateAsync(ConsoleHost host, string locale = "en", int minutes = 60)
    {
        var owner = await host.RegisterAsync();
        var api = owner.Client(host);
        var slug = Http.Unique("studio");
        await api.PostJson("/api/v1/tenants", new { name = "Ink & Lavender", slug, vertical = "studio", timeZone = "UTC", currency = "EUR", locale }).ShouldBe(HttpStatusCode.Created);
        var staff = await api.PostJson($"/api/v1/tenants/{slug}/scheduling/staff", new { displayName = "Anna Petrova", timeZone = "UTC", color = "#8E24AA", bookable = true })
            .ShouldBe(HttpStatusCode.Created);
        var staffId = Guid.Parse(staff.Str("id"));
        string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        (await api.PutAsJsonAsync($"/api/v1/tenants/{slug}/scheduling/staff/{staffId}/hours", new
        {
            hours = days.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
            breaks = Array.Empty<object>(),
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var service = await api.PostJson($"/api/v1/tenants/{slug}/catalog/services", new
        {
            name = new { en = "Haircut", ru = "Стрижка" }, price = new { kind = "fixed", amount = "30.00" }, durationMinutes = minutes, onlineBookable = true,
        }).ShouldBe(HttpStatusCode.Created);
        return new BookingStudio(owner, api, slug, staffId, "Anna Petrova", Guid.Parse(service.Str("id")), "Haircut");
    }

    public static DateOnly Tomorrow => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1));

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The appointments of a UTC day, through the API.</summary>
    public async Task<List<JsonElement>> AppointmentsAsync(DateOnly day)
    {
        var from = Uri.EscapeDataString($"{Date(day)}T00:00:00Z");
        var to = Uri.EscapeDataString($"{Date(day.AddDays(1))}T00:00:00Z");
        var page = await Api.GetAsync($"/api/v1/tenants/{Slug}/scheduling/appointments?from={from}&to={to}").ShouldBe(HttpStatusCode.OK);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Books through the API as staff would.</summary>
    public async Task<JsonElement> BookAsync(DateTimeOffset startsAt, string client) => await Api.PostJson($"/api/v1/tenants/{Slug}/scheduling/appointments", new
    {
        serviceIds = new[] { ServiceId }, staffId = StaffId, startsAt = startsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        // Each client their own phone: the CRM matches a client by phone, and would give a second booking the first one's name.
        client = new { name = client, phone = $"+4930{Random.Shared.Next(1_000_000, 9_999_999)}" },
    }).ShouldBe(HttpStatusCode.Created);
}

/// <summary>The public booking page: a client books from a phone, and two clients race for one slot.</summary>
[Collection(ConsoleBrowsers.Name)]
public sealed class BookingPageTests(ConsoleHost host)
{
    [Fact]
    public async Task A_client_books_on_a_phone_from_service_to_confirmation_and_the_appointment_is_in_the_calendar()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var phone = await host.NewPageAsync(390, 844);
        await phone.GotoAsync($"/b/{studio.Slug}?lang=en");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Ink & Lavender");

        await phone.Locator("[data-test=service][data-name=Haircut]").ClickAsync();
        await phone.Locator("[data-test=staff-member][data-name='Anna Petrova']").ClickAsync();
        var day = phone.Locator($"[data-test=day][data-date='{BookingStudio.Date(BookingStudio.Tomorrow)}']");
        await day.ClickAsync();
        await Assertions.Expect(day).ToHaveAttributeAsync("aria-pressed", "true");
        var slot = phone.Locator($"[data-test=slot][data-start='{BookingStudio.Date(BookingStudio.Tomorrow)}T10:00Z']");
        await slot.ClickAsync();
        await phone.Locator("input[data-test=client-name]").FillAsync("Мария Иванова");
        await phone.Locator("input[data-test=client-phone]").FillAsync("+4915112345678");
        await phone.Locator("input[data-test=client-email]").FillAsync("maria@example.com");
        await phone.Locator("[data-test=consent]").Locator("xpath=self::input|descendant::input").First.CheckAsync(new LocatorCheckOptions { Force = true });
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.ScreenshotAsync("booking-page-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        await phone.Locator("[data-test=confirm-booking]").ClickAsync();
        var confirmation = phone.Locator("[data-test=booking-confirmation]");
        await Assertions.Expect(confirmation).ToBeVisibleAsync();
        await Assertions.Expect(confirmation.Locator("[data-test=confirmation-time]")).ToContainTextAsync("10:00");
        await Assertions.Expect(confirmation.Locator("[data-test=confirmation-staff]")).ToContainTextAsync("Anna Petrova");
        await Assertions.Expect(confirmation.Locator("[data-test=manage-link]")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/b/manage/"));
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.ScreenshotAsync("booking-confirmation-phone");
        (await phone.SeriousAccessibilityViolationsAsync()).ShouldBeEmpty();

        var booked = (await studio.AppointmentsAsync(BookingStudio.Tomorrow)).ShouldHaveSingleItem();
        booked.GetProperty("client").Str("name").ShouldBe("Мария Иванова");
        booked.Str("source").ShouldBe("public");
        booked.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(BookingStudio.Tomorrow.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));

        var console = await host.NewPageAsync();
        await console.SignInAsync(studio.Owner.Email, studio.Owner.Password, $"/t/{studio.Slug}/calendar?date={BookingStudio.Date(BookingStudio.Tomorrow)}");
        var appointment = console.Locator("[data-test=appointment]");
        await Assertions.Expect(appointment).ToHaveCountAsync(1);
        await Assertions.Expect(appointment).ToContainTextAsync("Мария Иванова");
        await Assertions.Expect(appointment).ToHaveAttributeAsync("data-starts", "10:00");
    }

    [Fact]
    public async Task Two_clients_race_for_one_slot_and_exactly_one_gets_it_while_the_other_is_told_it_was_taken()
    {
        var studio = await BookingStudio.CreateAsync(host);
        var start = $"{BookingStudio.Date(BookingStudio.Tomorrow)}T14:00Z";
        var pages = new[] { await host.NewPageAsync(390, 844), await host.NewPageAsync() };
        for (var i = 0; i < pages.Length; i++)
        {
            var page = pages[i];
            await page.GotoAsync($"/b/{studio.Slug}?lang=en");
            await page.Locator("[data-test=service][data-name=Haircut]").ClickAsync();
            await page.Locator($"[data-test=day][data-date='{BookingStudio.Date(BookingStudio.Tomorrow)}']").ClickAsync();
            await page.Locator($"[data-test=slot][data-start='{start}']").ClickAsync();
            await page.Locator("input[data-test=client-name]").FillAsync($"Client {i + 1}");
            await page.Locator("input[data-test=client-email]").FillAsync($"client{i + 1}-{Guid.NewGuid():N}@example.com");
            await page.Locator("[data-test=consent]").Locator("xpath=self::input|descendant::input").First.CheckAsync(new LocatorCheckOptions { Force = true });
            await Assertions.Expect(page.Locator("[data-test=confirm-booking]")).ToBeEnabledAsync();
        }

        await Task.WhenAll(pages.Select(p => p.Locator("[data-test=confirm-booking]").ClickAsync()));

        var outcomes = new List<string>();
        foreach (var page in pages)
        {
            var outcome = page.Locator("[data-test=booking-confirmation], [data-test=slot-taken]");
            await Assertions.Expect(outcome).ToHaveCountAsync(1);
            outcomes.Add(await outcome.GetAttributeAsync("data-test") ?? "");
        }

        outcomes.Order().ShouldBe(["booking-confirmation", "slot-taken"]);
        var loser = pages[outcomes.IndexOf("slot-taken")];
        await Assertions.Expect(loser.Locator("[data-test=slot-taken]")).ToContainTextAsync("just taken");
        // The free times were read again: the taken slot is no longer offered.
        await Assertions.Expect(loser.Locator($"[data-test=slot][data-start='{start}']")).ToHaveCountAsync(0);
        await Assertions.Expect(loser.Locator("[data-test=slot]").First).ToBeVisibleAsync();
        (await studio.AppointmentsAsync(BookingStudio.Tomorrow)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_booking_page_speaks_the_studios_language_and_an_unknown_studio_is_not_found()
    {
        var studio = await BookingStudio.CreateAsync(host, locale: "ru");
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/b/{studio.Slug}");
        await Assertions.Expect(page.Locator("#bk-service")).ToContainTextAsync("Выберите услугу");
        await Assertions.Expect(page.Locator("[data-test=service]")).ToContainTextAsync("Стрижка");
        await page.GotoAsync($"/b/{studio.Slug}?lang=en");
        await Assertions.Expect(page.Locator("#bk-service")).ToContainTextAsync("Choose a service");
        await page.GotoAsync("/b/no-such-studio-here");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Studio not found");
    }
}
