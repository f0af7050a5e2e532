using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Scheduling;

namespace Portico.IntegrationTests.Scheduling;

/// <summary>The demo studio's people and week: three staff with hours, a chair pool and a tattoo room, appointments for the CRM's clients booked for the coming week, seeded once.</summary>
public abstract class SchedulingDemoTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor("system:seed-demo");
        context.EnterPlatformScope();
        // The accounts, the tenants, the clients, the catalog and the calendar: what the week needs, in the seeders' order.
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>()
            .Where(s => s.Order <= 10 || s.GetType().Name is "CrmDemoSeeder" or "CatalogDemoSeeder" or "SchedulingDemoSeeder").OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(CancellationToken.None);
        }
    }

    private async Task<(int Staff, int Resources, int Appointments, int Blocks, int ForClients)> CountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync("demo-studio", CancellationToken.None);
        context.SetTenant(tenant!.Id, tenant.Slug);
        context.SetActor("system:test");
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        return (await db.Staff.CountAsync(), await db.Resources.CountAsync(), await db.Appointments.CountAsync(), await db.AppointmentBlocks.CountAsync(b => b.Active),
            await db.Appointments.CountAsync(a => a.ContactId != null && a.ClientPhone != null));
    }

    [Fact]
    public async Task The_demo_studio_gets_staff_hours_resources_and_a_booked_week_once()
    {
        await SeedAsync();
        var first = await CountAsync();
        await SeedAsync();

        (await CountAsync()).ShouldBe(first);
        first.Staff.ShouldBe(3);
        first.Resources.ShouldBe(2);
        first.Appointments.ShouldBeGreaterThanOrEqualTo(30);
        first.Blocks.ShouldBe(first.Appointments);
        first.ForClients.ShouldBe(first.Appointments, "every visit is by one of the CRM's clients");

        // The booked week is real to clients: the studio's page offers free times around it.
        var anonymous = app.CreateClient();
        var menu = await anonymous.GetAsync("/api/v1/public/tenants/demo-studio/catalog").ShouldBeOk();
        var haircut = menu.GetProperty("services").EnumerateArray().Single(s => s.Str("name") == "Женская стрижка").Str("id");
        var from = DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTime.UtcNow.Date.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var slots = await anonymous.GetAsync($"/api/v1/public/tenants/demo-studio/booking/slots?serviceIds={haircut}&from={from}&to={to}&timeZone=Europe/Moscow").ShouldBeOk();
        slots.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("slots").EnumerateArray()).ShouldNotBeEmpty();
    }
}

public sealed class SchedulingDemoTestsOnSqlite(SqliteFactory app) : SchedulingDemoTests<SqliteFactory>(app);

public sealed class SchedulingDemoTestsOnPostgres(PostgresFactory app) : SchedulingDemoTests<PostgresFactory>(app);
