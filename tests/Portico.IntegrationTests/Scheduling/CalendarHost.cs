using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Crm;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Scheduling;
using Portico.Scheduling.Appointments;
using Portico.Scheduling.Staff;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>
/// The application with Google Calendar and Microsoft Graph replaced by local stand-ins (their OAuth clients configured
/// with the stand-ins' ids and secrets), logs captured, and the background sync slow enough that tests drive it.
/// </summary>
public sealed class CalendarHost<TFactory> : IAsyncLifetime
    where TFactory : PorticoFactory, new()
{
    public TFactory App { get; } = new();

    public FakeGoogleCalendar Google { get; } = new();

    public FakeMicrosoftGraph Graph { get; } = new();

    public async Task InitializeAsync()
    {
        await Google.StartAsync();
        await Graph.StartAsync();
        App.Set("Portico:Outbound:AllowHttpToLoopback", "true");
        App.Set("Portico:Outbound:AllowLoopbackPorts:0", new Uri(Google.Url).Port.ToString(CultureInfo.InvariantCulture));
        App.Set("Portico:Outbound:AllowLoopbackPorts:1", new Uri(Graph.Url).Port.ToString(CultureInfo.InvariantCulture));
        App.Set("Portico:Calendars:Google:ClientId", Google.OAuth.ClientId);
        App.Set("Portico:Calendars:Google:ClientSecret", Google.OAuth.ClientSecret);
        App.Set("Portico:Calendars:Google:AuthUrl", Google.Url + "/o/oauth2/v2/auth");
        App.Set("Portico:Calendars:Google:TokenUrl", Google.Url + "/token");
        App.Set("Portico:Calendars:Google:RevokeUrl", Google.Url + "/revoke");
        App.Set("Portico:Calendars:Google:ApiUrl", Google.Url + "/calendar/v3");
        App.Set("Portico:Calendars:Microsoft:ClientId", Graph.OAuth.ClientId);
        App.Set("Portico:Calendars:Microsoft:ClientSecret", Graph.OAuth.ClientSecret);
        App.Set("Portico:Calendars:Microsoft:AuthUrl", Graph.Url + "/common/oauth2/v2.0/authorize");
        App.Set("Portico:Calendars:Microsoft:TokenUrl", Graph.Url + "/common/oauth2/v2.0/token");
        App.Set("Portico:Calendars:Microsoft:ApiUrl", Graph.Url + "/v1.0");
        App.Set("Portico:Calendars:SyncInterval", "01:00:00");
        App.CaptureLogs();
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Google.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>A client that shows redirects instead of following them (the OAuth callback answers one).</summary>
    public HttpClient Anonymous() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A new tenant with one staff member (written as the staff setup would; this branch has no staff API).</summary>
    public async Task<StudioTenant> StudioAsync(string name = "Anna")
    {
        var tenant = await CrmTestTenant.CreateAsync(App, vertical: "studio");
        var tenantId = Guid.Parse(tenant.Tenant.Str("id"));
        var staffId = await AddStaffAsync(tenantId, tenant.Slug, name);
        return new StudioTenant(tenant, tenantId, staffId);
    }

    public Task<Guid> AddStaffAsync(Guid tenantId, string slug, string name) => InTenantAsync(tenantId, slug, async db =>
    {
        var staff = new StaffMember { DisplayName = name, TimeZone = "Europe/Berlin" };
        db.Staff.Add(staff);
        await db.SaveChangesAsync();
        return staff.Id;
    });

    public Task AddBlockAsync(StudioTenant studio, Guid appointmentId, DateTimeOffset from, DateTimeOffset until) => InTenantAsync(studio.TenantId, studio.Slug, async db =>
    {
        db.AppointmentBlocks.Add(new AppointmentBlock { AppointmentId = appointmentId, StaffId = studio.StaffId, BlockedFrom = from, BlockedUntil = until });
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>The staff member's busy times from outside calendars, as slot search reads them.</summary>
    public Task<List<(string EventId, DateTimeOffset StartsAt, DateTimeOffset EndsAt)>> BusyTimesAsync(StudioTenant studio) => InTenantAsync(studio.TenantId, studio.Slug, async db =>
        (await db.ExternalBusyTimes.AsNoTracking().Where(b => b.StaffId == studio.StaffId).ToListAsync())
            .OrderBy(b => b.StartsAt).Select(b => (b.ExternalEventId, b.StartsAt, b.EndsAt)).ToList());

    internal async Task<T> InTenantAsync<T>(Guid tenantId, string slug, Func<SchedulingDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(tenantId, slug);
        context.SetActor("system:test");
        return await work(scope.ServiceProvider.GetRequiredService<SchedulingDbContext>());
    }

    /// <summary>An appointment event written to the event log, as the appointments module's outbox would.</summary>
    public Task RaiseAsync(StudioTenant studio, params object[] payloads) =>
        EventLogWriter.AppendAsync(App.Services, [.. payloads.Select(p => IntegrationEvent.Create(studio.TenantId, studio.Slug, p, "system:test", DateTimeOffset.UtcNow))]);

    /// <summary>
    /// Connects a calendar the way a browser does: the API's authorization URL, the provider's consent redirect with a
    /// code, the callback, which redirects to the console page. Answers the connection as the API lists it.
    /// </summary>
    public async Task<JsonElement> ConnectAsync(StudioTenant studio, string provider, string account, HttpClient? client = null)
    {
        var oauth = provider == "google" ? Google.OAuth : Graph.OAuth;
        oauth.NextAccount = account;
        var start = await (client ?? studio.Client).PostJson(studio.Calendars("/connect"), new { provider }).ShouldBeOk();
        var authorizationUrl = start.Str("authorizationUrl");
        authorizationUrl.ShouldStartWith(provider == "google" ? Google.Url : Graph.Url);
        authorizationUrl.ShouldContain("state=");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(authorizationUrl);
        consent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = consent.Headers.Location!;
        callback.AbsolutePath.ShouldBe("/api/v1/calendars/oauth/callback");
        using var back = await Anonymous().GetAsync(callback.PathAndQuery);
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.ToString().ShouldContain($"/t/{studio.Slug}/scheduling/staff/{studio.StaffId:D}?calendar=connected");
        var connections = await studio.Client.GetAsync(studio.Calendars()).ShouldBeOk();
        return connections.EnumerateArray().Single(c => c.Str("provider") == provider && c.Str("account") == account);
    }

    /// <summary>Nothing any stand-in issued (access or refresh token) appears in <paramref name="text"/> or in the host's logs.</summary>
    public void ShouldLeakNoToken(params string[] text)
    {
        var logs = string.Join('\n', App.Logs);
        foreach (var token in Google.OAuth.Issued.Concat(Graph.OAuth.Issued))
        {
            logs.ShouldNotContain(token);
            foreach (var t in text)
            {
                t.ShouldNotContain(token);
            }
        }
    }
}

/// <summary>A test tenant with one staff member, and the routes of that staff member's calendars.</summary>
public sealed record StudioTenant(CrmTestTenant Tenant, Guid TenantId, Guid StaffId)
{
    public string Slug => Tenant.Slug;

    public HttpClient Client => Tenant.Client;

    public string Calendars(string path = "") => $"/api/v1/tenants/{Slug}/scheduling/staff/{StaffId:D}/calendars{path}";
}
