using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Identity.Contracts;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders;
using Portico.WorkOrders.Orders;

namespace Portico.IntegrationTests.WorkOrders;

/// <summary>
/// The demo workshop's repair work: repair services with Russian stage templates, the CRM clients' cars, and work
/// orders in every status with Russian stage names; seeded once (seeding again adds nothing).
/// </summary>
public abstract partial class WorkOrdersDemoTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static readonly string[] Seeders = ["CrmDemoSeeder", "VehicleDemoSeeder", "WorkshopCatalogDemoSeeder", "InventoryDemoSeeder", "WorkOrdersDemoSeeder"];

    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor("system:seed-demo");
        context.EnterPlatformScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 10 || Seeders.Contains(s.GetType().Name)).OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_demo_workshop_gets_orders_in_every_status_once()
    {
        await SeedAsync();
        await SeedAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync("demo-workshop", CancellationToken.None);
        tenant.ShouldNotBeNull();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(tenant.Id, tenant.Slug);
        var db = scope.ServiceProvider.GetRequiredService<WorkOrdersDbContext>();

        (await db.RepairServices.CountAsync()).ShouldBe(6);
        (await db.StageChainVersions.CountAsync()).ShouldBe(6);
        var orders = await db.Orders.AsNoTracking().ToListAsync();
        orders.Count.ShouldBe(12);
        orders.Select(o => o.Status).Distinct().Order().ShouldBe(WorkOrderStatuses.All.Order());
        orders.ShouldAllBe(o => o.Currency == "RUB" && o.TotalMinor > 0 && o.VehicleLabel != "");
        orders.Select(o => o.Number).Order().ShouldBe(Enumerable.Range(1, 12).Select(n => (long)n));

        var stages = await db.Stages.AsNoTracking().ToListAsync();
        stages.ShouldAllBe(s => s.NameRu != null && Cyrillic().IsMatch(s.NameRu));
        var done = orders.Where(o => o.Status is WorkOrderStatuses.Ready or WorkOrderStatuses.Delivered).Select(o => o.Id).ToList();
        stages.Where(s => done.Contains(s.OrderId)).ShouldAllBe(s => s.Status == StageStatuses.Done);
        stages.ShouldContain(s => s.Status == StageStatuses.InProgress);
        var lines = await db.Lines.AsNoTracking().ToListAsync();
        lines.ShouldAllBe(l => l.NameRu != null && Cyrillic().IsMatch(l.NameRu));

        var parts = await db.Parts.AsNoTracking().ToListAsync();
        parts.ShouldContain(p => p.State == PartStates.Consumed);
        parts.ShouldContain(p => p.State == PartStates.Reserved);
        var cancelled = orders.Single(o => o.Status == WorkOrderStatuses.Cancelled);
        cancelled.CancelReason.ShouldNotBeNull();
        parts.Where(p => p.OrderId == cancelled.Id).ShouldAllBe(p => p.ReservedMilli == 0);
        (await db.Entries.CountAsync(e => e.Kind == EntryKinds.StatusChanged)).ShouldBeGreaterThan(30);

        // The demo mechanic is a Mechanic member with orders and single stages of their own, so "My work" has a queue.
        var mechanic = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().FindByEmailAsync("mechanic@demo-workshop.portico.test", CancellationToken.None);
        mechanic.ShouldNotBeNull();
        mechanic.FullName.ShouldBe("Сергей Механиков");
        (await scope.ServiceProvider.GetRequiredService<IMembershipDirectory>().ListMembersAsync(tenant.Id, [Roles.Mechanic], CancellationToken.None))
            .Select(m => m.UserId).ShouldBe([mechanic.Id]);
        orders.Count(o => o.MechanicId == mechanic.Id).ShouldBeGreaterThanOrEqualTo(4);
        stages.ShouldContain(s => s.MechanicId == mechanic.Id && s.MechanicAssignedDirectly);
        stages.Count(s => s.MechanicId == mechanic.Id && s.InQueue).ShouldBeGreaterThanOrEqualTo(5);
        stages.Where(s => s.Status == StageStatuses.Done && s.MechanicId == mechanic.Id).ShouldAllBe(s => s.CompletedBy == mechanic.Id);
    }

    [GeneratedRegex("[А-Яа-яЁё]")]
    private static partial Regex Cyrillic();
}

public sealed class WorkOrdersDemoTestsOnSqlite(SqliteFactory app) : WorkOrdersDemoTests<SqliteFactory>(app);

public sealed class WorkOrdersDemoTestsOnPostgres(PostgresFactory app) : WorkOrdersDemoTests<PostgresFactory>(app);
