using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Portico.Data;
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
            "SELECT set_config('portico.tenant_id', $1, false), set_config('role', $2, false)", connection))
        {
            session.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            session.Parameters.Add(new NpgsqlParameter { Value = platformScope ? "portico_platform" : "none" });
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
        (await CountAuditRows("", platformScope: true)).ShouldBeGreaterThanOrEqualTo(5);
        (await CountAuditRows(mine.Str("id"), platformScope: true)).ShouldBeGreaterThanOrEqualTo(5, "the platform role sees every tenant");
    }

    [Theory]
    [InlineData("INHERIT", true, "inherits the platform role")]
    [InlineData("NOINHERIT", false, "needs the platform role")]
    public async Task The_migrator_refuses_an_application_role_that_inherits_or_lacks_the_platform_role(string inherit, bool granted, string complaint)
    {
        var role = "portico_app_" + Guid.NewGuid().ToString("N")[..8];
        var super = Environment.GetEnvironmentVariable("PORTICO_TEST_PG_SUPER") ?? throw new InvalidOperationException("PORTICO_TEST_PG_SUPER is not set: run scripts/test.sh.");
        await using (var connection = new NpgsqlConnection(super))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN {inherit} PASSWORD 'unused'" + (granted ? $"; GRANT portico_platform TO {role}" : ""), connection);
            await create.ExecuteNonQueryAsync();
        }

        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = role, Password = "unused" }.ConnectionString,
            MigrationsConnectionString = new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database }.ConnectionString,
        };
        var migrator = new DatabaseMigrator(Options.Create(options), [], NullLogger<DatabaseMigrator>.Instance);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => migrator.MigrateAsync(CancellationToken.None));

        error.Message.ShouldContain(complaint);
        error.Message.ShouldContain($"GRANT \"portico_platform\" TO \"{role}\"");
    }

    [Fact]
    public async Task A_pooled_connection_comes_back_without_the_previous_role_or_tenant()
    {
        // A dedicated pool of one, so the second open gets the very connection the first one changed.
        var single = new NpgsqlConnectionStringBuilder(app.ConnectionString) { MaxPoolSize = 1, ApplicationName = "rls-pool-reset" }.ConnectionString;
        int backend;
        await using (var first = new NpgsqlConnection(single))
        {
            await first.OpenAsync();
            await using var change = new NpgsqlCommand(
                "SELECT set_config('role', 'portico_platform', false), set_config('portico.tenant_id', '00000000-0000-0000-0000-000000000001', false), pg_backend_pid()", first);
            await using var changed = await change.ExecuteReaderAsync();
            await changed.ReadAsync();
            backend = changed.GetInt32(2);
        }

        await using var second = new NpgsqlConnection(single);
        await second.OpenAsync();
        await using var check = new NpgsqlCommand("SELECT pg_backend_pid(), current_user, coalesce(current_setting('portico.tenant_id', true), '')", second);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt32(0).ShouldBe(backend, "the same server connection, from the pool");
        reader.GetString(1).ShouldBe("portico_app");
        reader.GetString(2).ShouldBe("");
    }

    [Fact]
    public async Task A_pooled_connection_that_keeps_prepared_statements_still_comes_back_without_the_previous_role_or_tenant()
    {
        // The application's own connections prepare hot statements; Npgsql then resets a returned connection without
        // DISCARD ALL (keeping them prepared), and that reset must still clear the role and the tenant.
        var single = new NpgsqlConnectionStringBuilder(app.ConnectionString) { MaxPoolSize = 1, ApplicationName = "rls-pool-prepared" }.ConnectionString;
        using var connections = new DatabaseConnections(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = single }));
        int backend;
        await using (var first = connections.Create())
        {
            await first.OpenAsync();
            for (var i = 0; i < 10; i++)
            {
                await using var hot = first.CreateCommand();
                hot.CommandText = "SELECT count(*) FROM tenancy.tenants";
                await hot.ExecuteScalarAsync();
            }

            await using var change = first.CreateCommand();
            change.CommandText = "SELECT set_config('role', 'portico_platform', false), set_config('portico.tenant_id', '00000000-0000-0000-0000-000000000001', false), pg_backend_pid()";
            await using var changed = await change.ExecuteReaderAsync();
            await changed.ReadAsync();
            backend = changed.GetInt32(2);
        }

        await using var second = connections.Create();
        await second.OpenAsync();
        await using var check = second.CreateCommand();
        check.CommandText = "SELECT pg_backend_pid(), current_user, coalesce(current_setting('portico.tenant_id', true), ''), (SELECT count(*) FROM pg_prepared_statements)";
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt32(0).ShouldBe(backend, "the same server connection, from the pool");
        reader.GetInt64(3).ShouldBeGreaterThan(0, "the hot statement stayed prepared: the reset was not DISCARD ALL");
        reader.GetString(1).ShouldBe("portico_app");
        reader.GetString(2).ShouldBe("");
    }

    [Fact]
    public async Task The_application_role_holds_the_platform_role_only_by_set_role()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_has_role(current_user, 'portico_platform', 'MEMBER'), pg_has_role(current_user, 'portico_platform', 'USAGE'), "
            + "(SELECT count(*) FROM pg_policies WHERE policyname = 'tenant_isolation' AND qual LIKE '%platform%')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetBoolean(0).ShouldBeTrue("platform code can SET ROLE");
        reader.GetBoolean(1).ShouldBeFalse("inheriting it would pass the platform policy on every query");
        reader.GetInt64(2).ShouldBe(0, "the tenants' policy has no platform branch");
    }


    [Fact]
    public async Task Every_table_with_a_tenant_column_is_fenced_and_shows_nothing_without_a_tenant()
    {
        var admin = app.AdminClient();
        await (await admin.PostJson("/api/v1/tenants", new { name = "Fenced", slug = Http.Unique("rls"), vertical = "studio" })).ShouldBe(HttpStatusCode.Created);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Table, bool Fenced)>();
        await using (var list = new NpgsqlCommand(
            "SELECT c.table_schema || '.' || c.table_name, t.relrowsecurity FROM information_schema.columns c "
            + "JOIN pg_class t ON t.relname = c.table_name JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = c.table_schema "
            + "WHERE c.column_name = 'tenant_id' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        tables.Count.ShouldBeGreaterThanOrEqualTo(4);
        tables.Where(t => !t.Fenced).Select(t => t.Table).ShouldBeEmpty();
        foreach (var (table, _) in tables.Where(t => t.Fenced))
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0, table);
        }
    }

    [Fact]
    public async Task Without_a_tenant_the_application_role_reads_no_tenants_personal_data_in_any_table()
    {
        // A tenant's personal data travels everywhere the platform carries events and work: the event log, the stream,
        // webhook deliveries and the bus's queued messages, notification deliveries, and the stored idempotent answer.
        var marker = "zq" + Guid.NewGuid().ToString("N")[..12];
        var owner = await app.RegisterAsync();
        var client = owner.Client(app);
        var slug = (await client.PostJson("/api/v1/tenants", new { name = "Personal", vertical = "generic" }).ShouldBe(HttpStatusCode.Created)).Str("slug");
        await client.PostJson($"/api/v1/tenants/{slug}/notifications/triggers", new { eventType = "lead.created", channel = "inapp", recipients = new[] { new { kind = "role", value = "Owner" } } })
            .ShouldBe(HttpStatusCode.Created);
        using (var create = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{slug}/crm/leads")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { title = "Kitchen", contactName = $"Anna {marker}", email = $"{marker}@example.com", phone = "+79995554433" }),
        })
        {
            create.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            (await client.SendAsync(create)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await client.PostJson($"/api/v1/tenants/{slug}/events", new { type = "custom.visit", data = new { who = marker } }).ShouldBe(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow + Patience.Cap;
        while ((await client.GetAsync($"/api/v1/tenants/{slug}/notifications").ShouldBeOk()).GetProperty("items").GetArrayLength() == 0)
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("the lead's notification never arrived");
            await Task.Delay(100);
        }

        // The owner, whom no policy binds, finds the marker: the scan below would see a leak.
        (await TablesHoldingAsync(PostgresOwnerOfThisDatabase(), marker)).ShouldNotBeEmpty();

        // The application role with no tenant set finds it nowhere.
        (await TablesHoldingAsync(app.ConnectionString, marker)).ShouldBeEmpty();
    }

    private string PostgresOwnerOfThisDatabase() =>
        new NpgsqlConnectionStringBuilder(PostgresFactory.OwnerConnectionString) { Database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database }.ConnectionString;

    /// <summary>Every table the connection's role may read whose rows, as JSON (byte columns as hex), contain the marker.</summary>
    private static async Task<List<string>> TablesHoldingAsync(string connectionString, string marker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            + "AND table_schema NOT IN ('pg_catalog', 'information_schema') AND has_table_privilege(quote_ident(table_schema) || '.' || quote_ident(table_name), 'SELECT') ORDER BY 1",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Count.ShouldBeGreaterThan(20);
        var hex = Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(marker));
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var scan = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE strpos(row_to_json(t)::text, $1) > 0 OR strpos(row_to_json(t)::text, $2) > 0", connection);
            scan.Parameters.Add(new NpgsqlParameter { Value = marker });
            scan.Parameters.Add(new NpgsqlParameter { Value = hex });
            if ((long)(await scan.ExecuteScalarAsync())! > 0)
            {
                holding.Add(table);
            }
        }

        return holding;
    }

    [Fact]
    public async Task Without_a_tenant_a_user_sees_only_the_memberships_that_name_them()
    {
        var owner = await app.RegisterAsync();
        var stranger = await app.RegisterAsync();
        await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "One", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        await (await owner.Client(app).PostJson("/api/v1/tenants", new { name = "Two", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        await (await stranger.Client(app).PostJson("/api/v1/tenants", new { name = "Three", vertical = "studio" })).ShouldBe(HttpStatusCode.Created);
        var ownerId = (await owner.Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("id");

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using (var session = new NpgsqlCommand("SELECT set_config('portico.user_id', $1, false)", connection))
        {
            session.Parameters.Add(new NpgsqlParameter { Value = ownerId });
            await session.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT user_id) FROM tenancy.memberships", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).ShouldBe(2);
        reader.GetInt64(1).ShouldBe(1);
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
