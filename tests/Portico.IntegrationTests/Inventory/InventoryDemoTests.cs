using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Inventory.Contracts;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Inventory;

/// <summary>The demo workshop's stock: seeded once (seeding again changes nothing), in Russian, in roubles.</summary>
public abstract class InventoryDemoTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor("system:seed-demo");
        context.EnterPlatformScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 10 || s.GetType().Name == "InventoryDemoSeeder").OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_demo_workshop_gets_parts_in_stock_once()
    {
        await SeedAsync();
        await SeedAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().FindBySlugAsync("demo-workshop", CancellationToken.None);
        tenant.ShouldNotBeNull();
        scope.ServiceProvider.GetRequiredService<RequestContext>().SetTenant(tenant.Id, tenant.Slug);
        var items = await scope.ServiceProvider.GetRequiredService<IInventoryItems>().ListAsync(null, 200, CancellationToken.None);
        items.Count.ShouldBe(12);
        var oil = items.Single(i => i.Sku == "OIL-5W30");
        oil.Name.ShouldBe("Моторное масло Shell Helix 5W-30");
        oil.Unit.ShouldBe("l");
        oil.Currency.ShouldBe("RUB");
        oil.Available.ShouldBe(64m);
    }
}

public sealed class InventoryDemoTestsOnSqlite(SqliteFactory app) : InventoryDemoTests<SqliteFactory>(app);

public sealed class InventoryDemoTestsOnPostgres(PostgresFactory app) : InventoryDemoTests<PostgresFactory>(app);
