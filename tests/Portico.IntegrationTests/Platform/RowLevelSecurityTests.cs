using System.Net;
using Npgsql;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Platform;

/// <summary>
/// The second wall on PostgreSQL: even SQL that forgets the tenant filter, run as the application's
/// role, sees only the tenant set on the session, and that role cannot change the schema.
/// </summary>
public sealed class RowLevelSecurityTests(PostgresFactory app) : IClassFixture<PostgresFactory>
{
    private async Task<long> CountAuditRows(string tenantId, bool platformScope)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var session = new NpgsqlCommand(
            "SELECT set_config('portico.tenant_id', $1, false), set_config('portico.platform_scope', $2, false)", connection))
        {
            session.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            session.Parameters.Add(new NpgsqlParameter { Value = platformScope ? "on" : "off" });
            await session.ExecuteNonQueryAsync();
        }

        // Deliberately no WHERE clause: only the policy stands between this query and other tenants' rows.
        await using var count = new NpgsqlCommand("SELECT count(*) FROM tenancy.audit_log", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_application_role_sees_only_the_sessions_tenant()
    {
        var admin = app.AdminClient();
        var mine = await (await admin.PostJson("/api/v1/tenants", new { name = "Mine", slug = Http.Unique("rls"), vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        var theirs = await (await admin.PostJson("/api/v1/tenants", new { name = "Theirs", slug = Http.Unique("rls"), vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        await (await admin.PatchJson($"/api/v1/tenants/{theirs.Str("slug")}", new { name = "Theirs, renamed" })).ShouldBe(HttpStatusCode.OK);

        (await CountAuditRows("", platformScope: false)).ShouldBe(0);
        // Each tenant: its creation and its Owner's membership; theirs also a rename.
        (await CountAuditRows(mine.Str("id"), platformScope: false)).ShouldBe(2);
        (await CountAuditRows(theirs.Str("id"), platformScope: false)).ShouldBe(3);
        (await CountAuditRows("", platformScope: true)).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData("CREATE TABLE tenancy.intruder (id int)")]
    [InlineData("DROP TABLE tenancy.tenants")]
    [InlineData("ALTER TABLE tenancy.audit_log DISABLE ROW LEVEL SECURITY")]
    [InlineData("CREATE SCHEMA intruder")]
    public async Task The_application_role_cannot_change_the_schema(string ddl)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ddl, connection);
        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        error.SqlState.ShouldBeOneOf(PostgresErrorCodes.InsufficientPrivilege);
    }
}
