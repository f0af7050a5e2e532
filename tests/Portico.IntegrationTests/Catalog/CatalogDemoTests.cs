using Microsoft.Extensions.DependencyInjection;
using Portico.IntegrationTests.Infrastructure;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Catalog;

/// <summary>The demo studio's menu: seeded once (seeding again changes nothing), in Russian with English names, in roubles.</summary>
public abstract class CatalogDemoTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetActor("system:seed-demo");
        context.EnterPlatformScope();
        // The accounts, the tenants and the catalog: what the menu needs, in the seeders' order.
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 10 || s.GetType().Name == "CatalogDemoSeeder").OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_demo_studio_gets_a_russian_menu_in_roubles_once()
    {
        await SeedAsync();
        await SeedAsync();

        var anonymous = app.CreateClient();
        var menu = await anonymous.GetAsync("/api/v1/public/tenants/demo-studio/catalog").ShouldBeOk();
        menu.Str("language").ShouldBe("ru");
        menu.Str("currency").ShouldBe("RUB");
        menu.GetProperty("categories").EnumerateArray().Select(c => c.Str("name")).ShouldBe(["Стрижки", "Окрашивание", "Маникюр", "Тату", "Мини-тату"]);
        var services = menu.GetProperty("services").EnumerateArray().ToList();
        services.Count.ShouldBe(12);
        var tattoo = services.Single(s => s.Str("name") == "Мини-тату");
        tattoo.GetProperty("price").Str("kind").ShouldBe("from");
        tattoo.GetProperty("price").GetProperty("amount").Str("amount").ShouldBe("5000.00");
        tattoo.GetProperty("deposit").Str("amount").ShouldBe("1500.00");
        services.Single(s => s.Str("name") == "Тату-сеанс (большая работа)").GetProperty("onlineBookable").GetBoolean().ShouldBeFalse();

        var english = await anonymous.GetAsync("/api/v1/public/tenants/demo-studio/catalog?lang=en").ShouldBeOk();
        english.GetProperty("services").EnumerateArray().Select(s => s.Str("name")).ShouldContain("Balayage");
    }
}

public sealed class CatalogDemoTestsOnSqlite(SqliteFactory app) : CatalogDemoTests<SqliteFactory>(app);

public sealed class CatalogDemoTestsOnPostgres(PostgresFactory app) : CatalogDemoTests<PostgresFactory>(app);
