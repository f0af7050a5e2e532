using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Tenancy;
using Portico.Scheduling;
using Portico.Scheduling.Appointments;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>A fresh studio tenant in Europe/Berlin made by a newly registered owner, with short scheduling routes and builders.</summary>
public sealed class SchedulingTestTenant
{
    private readonly PorticoFactory _app;

    private SchedulingTestTenant(PorticoFactory app, JsonElement tenant, HttpClient client, string ownerId)
    {
        _app = app;
        Tenant = tenant;
        Client = client;
        OwnerId = ownerId;
    }

    public JsonElement Tenant { get; }

    public string Slug => Tenant.Str("slug");

    public Guid Id => Guid.Parse(Tenant.Str("id"));

    public HttpClient Client { get; }

    public string OwnerId { get; }

    /// <summary><c>/api/v1/tenants/{slug}/scheduling/{path}</c>.</summary>
    public string Route(string path) => $"/api/v1/tenants/{Slug}/scheduling/{path}";

    public string PublicSlots(string query) => $"/api/v1/public/tenants/{Slug}/booking/slots?{query}";

    public static async Task<SchedulingTestTenant> CreateAsync(PorticoFactory app, string timeZone = "Europe/Berlin")
    {
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var tenant = await client.PostJson("/api/v1/tenants", new { name = "Studio", slug = Http.Unique("sch"), vertical = "studio", locale = "en", currency = "EUR", timeZone })
            .ShouldBe(HttpStatusCode.Created);
        var me = await client.GetAsync("/api/v1/me").ShouldBeOk();
        return new SchedulingTestTenant(app, tenant, client, me.Str("id"));
    }

    /// <summary>Invites a new user with <paramref name="role"/> and has them accept; their client and user id.</summary>
    public async Task<(HttpClient Client, string UserId)> AddMemberAsync(string role)
    {
        var user = await _app.RegisterAsync();
        await Client.PostJson($"/api/v1/tenants/{Slug}/invitations", new { email = user.Email, role }).ShouldBe(HttpStatusCode.Created);
        var client = user.Client(_app);
        await client.PostAsync($"/api/v1/invitations/{_app.Smtp.LastLinkToken(user.Email)}/accept", null).ShouldBe(HttpStatusCode.OK);
        return (client, (await client.GetAsync("/api/v1/me").ShouldBeOk()).Str("id"));
    }

    public Task<JsonElement> CreateStaffAsync(object body) => Client.PostJson(Route("staff"), body).ShouldBe(HttpStatusCode.Created);

    public Task<JsonElement> SetHoursAsync(string staffId, object body) => Client.PutAsJsonAsync(Route($"staff/{staffId}/hours"), body).ShouldBeOk();

    public Task<JsonElement> SettingsAsync(object body) => Client.PutAsJsonAsync(Route("settings"), body).ShouldBeOk();

    /// <summary>A staff member working every day <paramref name="start"/>–<paramref name="end"/> on their clock.</summary>
    public async Task<string> StaffWorkingEveryDayAsync(string name, string start, string end, string? timeZone = null)
    {
        var staff = await CreateStaffAsync(new { displayName = name, timeZone });
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
        await SetHoursAsync(staff.Str("id"), new { hours = days.Select(d => new { day = d, start, end }).ToArray() });
        return staff.Str("id");
    }

    public async Task<string> CreateServiceAsync(int minutes, int bufferBefore = 0, int bufferAfter = 0, string[]? staff = null, string? resourceKind = null, bool onlineBookable = true)
    {
        var service = await Client.PostJson($"/api/v1/tenants/{Slug}/catalog/services", new
        {
            name = new { en = "Haircut", ru = "Стрижка" },
            price = new { kind = "fixed", amount = "30.00" },
            durationMinutes = minutes,
            bufferBeforeMinutes = bufferBefore,
            bufferAfterMinutes = bufferAfter,
            onlineBookable,
            resourceKind,
            staff = (staff ?? []).Select(s => new { staffId = s }).ToArray(),
        }).ShouldBe(HttpStatusCode.Created);
        return service.Str("id");
    }

    /// <summary>An appointment's busy time written straight into the table, as a booking would (buffers included).</summary>
    public async Task BlockAsync(string staffId, DateTimeOffset from, DateTimeOffset until, string? resourceId = null, int? unit = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Id, Slug);
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        db.AppointmentBlocks.Add(new AppointmentBlock
        {
            AppointmentId = Guid.NewGuid(), StaffId = Guid.Parse(staffId), ResourceId = resourceId is null ? null : Guid.Parse(resourceId), ResourceUnit = unit,
            BlockedFrom = from.ToUniversalTime(), BlockedUntil = until.ToUniversalTime(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Runs <paramref name="work"/> in a scope of this tenant, as another use case of the module would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(Id, Slug);
        return await work(scope.ServiceProvider);
    }
}
