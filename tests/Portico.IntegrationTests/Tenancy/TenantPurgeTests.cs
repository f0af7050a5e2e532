using System.Data.Common;
using System.Net;
using SqliteConnection = Microsoft.Data.Sqlite.SqliteConnection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Tenancy;

public abstract class TenantPurgeTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private async Task BackdateDeletionAsync(string slug, DateTimeOffset deletedAt)
    {
        await using DbConnection connection = app.ProviderName == "Postgres" ? new NpgsqlConnection(app.ConnectionString) : new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = app.ProviderName == "Postgres"
            ? $"UPDATE tenancy.tenants SET deleted_at = '{deletedAt:O}'::timestamptz WHERE slug = '{slug}'"
            : $"UPDATE tenancy_tenants SET deleted_at = '{deletedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}' WHERE slug = '{slug}'";
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    private Task<int> PurgeAsync()
    {
        // The hourly job itself, run now instead of waiting for its timer.
        var purge = (Portico.Kernel.Modules.PlatformJob)app.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "TenantPurge");
        return purge.RunOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_deleted_tenant_is_purged_after_the_grace_period_and_not_before()
    {
        var owner = await app.RegisterAsync();
        var recent = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Recently Closed", vertical = "generic" })).ShouldBe(HttpStatusCode.Created);
        var old = await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Long Closed", vertical = "generic" })).ShouldBe(HttpStatusCode.Created);
        (await owner.Client(app).DeleteAsync($"/api/v1/tenants/{recent.Str("slug")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Client(app).DeleteAsync($"/api/v1/tenants/{old.Str("slug")}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await BackdateDeletionAsync(recent.Str("slug"), DateTimeOffset.UtcNow.AddDays(-29));
        await BackdateDeletionAsync(old.Str("slug"), DateTimeOffset.UtcNow.AddDays(-31));

        (await PurgeAsync()).ShouldBe(1);

        // The slug of the purged tenant is free again; the one still in its grace period is not.
        await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Reborn", slug = old.Str("slug"), vertical = "generic" })).ShouldBe(HttpStatusCode.Created);
        await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Too soon", slug = recent.Str("slug"), vertical = "generic" })).ShouldBeProblem(HttpStatusCode.Conflict);
    }
}

public sealed class TenantPurgeOnSqlite(SqliteFactory app) : TenantPurgeTests<SqliteFactory>(app);

public sealed class TenantPurgeOnPostgres(PostgresFactory app) : TenantPurgeTests<PostgresFactory>(app);
