using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.Scheduling;
using Portico.Scheduling.Resources;
using Portico.Scheduling.Staff;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>A studio for appointment tests: a fresh tenant with staff and resources, services from the Catalog API, and short routes.</summary>
public sealed class AppointmentStudio
{
    private readonly PorticoFactory _app;

    private AppointmentStudio(PorticoFactory app, CrmTestTenant tenant)
    {
        _app = app;
        Tenant = tenant;
    }

    public CrmTestTenant Tenant { get; }

    public string Slug => Tenant.Slug;

    public HttpClient Client => Tenant.Client;

    public Guid TenantId => Guid.Parse(Tenant.Tenant.Str("id"));

    public string Appointments(string path = "") => $"/api/v1/tenants/{Slug}/scheduling/appointments{(path.Length == 0 ? "" : "/" + path)}";

    public string PublicBooking => $"/api/v1/public/tenants/{Slug}/booking/appointments";

    public static async Task<AppointmentStudio> CreateAsync(PorticoFactory app, string locale = "en") =>
        new(app, await CrmTestTenant.CreateAsync(app, vertical: "studio", locale: locale, name: "Studio Test"));

    /// <summary>
    /// A staff profile working 07:00–21:00 in Berlin every day, written straight to the module's tables (the staff API is
    /// tested with the hours and availability); clients on the public page book only inside those hours.
    /// </summary>
    public async Task<Guid> AddStaffAsync(string name, bool bookable = true)
    {
        var week = Enum.GetValues<DayOfWeek>().Select(d => new Portico.Scheduling.Availability.DayHours(d.ToString().ToLowerInvariant(), "07:00", "21:00")).ToList();
        var staff = new StaffMember { DisplayName = name, TimeZone = "Europe/Berlin", Bookable = bookable, WeeklyHours = Portico.Scheduling.Availability.WorkPattern.Store(week) };
        await WithDbAsync(db => db.Staff.Add(staff));
        return staff.Id;
    }

    public async Task<Guid> AddResourceAsync(string name, string kind, int capacity = 1)
    {
        var resource = new Resource { Name = name, Kind = kind, Capacity = capacity, TimeZone = "Europe/Berlin" };
        await WithDbAsync(db => db.Resources.Add(resource));
        return resource.Id;
    }

    /// <summary>A service through the Catalog API: 60 minutes for 30.00 unless told otherwise.</summary>
    public async Task<string> AddServiceAsync(
        string name, int minutes = 60, int bufferBefore = 0, int bufferAfter = 0, string price = "30.00", string? deposit = null, string? resourceKind = null,
        bool onlineBookable = true, object[]? staff = null)
    {
        var service = await Client.PostJson($"/api/v1/tenants/{Slug}/catalog/services", new
        {
            name = new { en = name, ru = name + " (ru)" }, price = new { kind = "fixed", amount = price }, durationMinutes = minutes,
            bufferBeforeMinutes = bufferBefore, bufferAfterMinutes = bufferAfter, deposit = deposit is null ? null : new { amount = deposit },
            onlineBookable, resourceKind, staff,
        }).ShouldBe(HttpStatusCode.Created);
        return service.Str("id");
    }

    public Task<HttpResponseMessage> BookAsync(object body, HttpClient? client = null) => (client ?? Client).PostJson(Appointments(), body);

    public async Task<JsonElement> BookedAsync(object body) => await BookAsync(body).ShouldBe(HttpStatusCode.Created);

    /// <summary>A whole-minute UTC time some days ahead at a given hour, far from "now" and from other tests' times.</summary>
    public static DateTimeOffset Day(int daysAhead, int hour, int minute = 0) =>
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(daysAhead).AddHours(hour).AddMinutes(minute);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task WithDbAsync(Action<SchedulingDbContext> add)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(TenantId, Slug);
        context.SetActor("system:test");
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        add(db);
        await db.SaveChangesAsync();
    }
}
