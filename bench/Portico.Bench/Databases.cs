using System.Data.Common;
using System.Diagnostics;

namespace Portico.Bench;

/// <summary>A database the server can start on, with the environment that points it there.</summary>
internal sealed record DatabaseTarget(string Name, string WorkingDirectory, IReadOnlyDictionary<string, string?> Environment);

/// <summary>Hands out fresh, empty databases for the cold starts and removes them afterwards.</summary>
internal interface IDatabaseFactory : IAsyncDisposable
{
    string Description { get; }

    Task<DatabaseTarget> CreateFreshAsync(string label);

    Task DropAsync(DatabaseTarget target);
}

/// <summary>SQLite: a new directory per database under one temp root; the server's ./data lands there too.</summary>
internal sealed class SqliteDatabases : IDatabaseFactory
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("portico-bench-");

    public string Description => "a new SQLite file per run in a temp directory (WAL, default synchronous)";

    public Task<DatabaseTarget> CreateFreshAsync(string label)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root.FullName, label)).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["Portico__Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Portico"] = $"Data Source={Path.Combine(directory, "data", "portico.db")}",
            ["ConnectionStrings__PorticoMigrations"] = null,
            ["Portico__Auth__KeyFile"] = Path.Combine(directory, "keys", "jwt-signing.key"),
        };
        return Task.FromResult(new DatabaseTarget(label, directory, environment));
    }

    /// <summary>The database file of <paramref name="target"/>, which the server creates on its first start.</summary>
    public static string FileOf(DatabaseTarget target) => Path.Combine(target.WorkingDirectory, "data", "portico.db");

    public Task DropAsync(DatabaseTarget target)
    {
        Directory.Delete(target.WorkingDirectory, recursive: true);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is not worth failing the report for.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: a database <c>bench_&lt;guid&gt;</c> per fresh start, created and dropped with psql as the
/// owner role (ConnectionStrings__PorticoMigrations, which needs CREATEDB). The server connects as the
/// application role (ConnectionStrings__Portico) and migrates as the owner, as in production.
/// </summary>
internal sealed class PostgresDatabases : IDatabaseFactory
{
    private readonly string _psql;
    private readonly string _application;
    private readonly string _owner;
    private readonly DirectoryInfo _root;
    private readonly HashSet<string> _created = [];

    public PostgresDatabases(string? psql)
    {
        _application = System.Environment.GetEnvironmentVariable("ConnectionStrings__Portico")
            ?? throw new BenchException("--provider postgres needs ConnectionStrings__Portico (application role) in the environment.");
        _owner = System.Environment.GetEnvironmentVariable("ConnectionStrings__PorticoMigrations")
            ?? throw new BenchException("--provider postgres needs ConnectionStrings__PorticoMigrations (owner role with CREATEDB) in the environment.");
        _psql = psql ?? "psql";
        _root = Directory.CreateTempSubdirectory("portico-bench-");
    }

    public string Description
    {
        get
        {
            var owner = Parse(_owner);
            return $"PostgreSQL on {Get(owner, "Host", "Server")}, a new database per run "
                + $"(application role {Get(Parse(_application), "Username", "User Id", "User", "UserName")}, "
                + $"migrations as {Get(owner, "Username", "User Id", "User", "UserName")})";
        }
    }

    public async Task<DatabaseTarget> CreateFreshAsync(string label)
    {
        var name = "bench_" + Guid.NewGuid().ToString("N");
        await PsqlAsync($"CREATE DATABASE \"{name}\"");
        _created.Add(name);
        var directory = Directory.CreateDirectory(Path.Combine(_root.FullName, label)).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["Portico__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portico"] = WithDatabase(_application, name),
            ["ConnectionStrings__PorticoMigrations"] = WithDatabase(_owner, name),
            ["Portico__Auth__KeyFile"] = Path.Combine(directory, "keys", "jwt-signing.key"),
        };
        return new DatabaseTarget(name, directory, environment);
    }

    public async Task DropAsync(DatabaseTarget target)
    {
        await PsqlAsync($"DROP DATABASE IF EXISTS \"{target.Name}\" WITH (FORCE)");
        _created.Remove(target.Name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _created.ToList())
        {
            try
            {
                await PsqlAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (BenchException ex)
            {
                await Console.Error.WriteLineAsync($"warning: could not drop {name}: {ex.Message}");
            }
        }

        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as for SQLite.
        }
    }

    private static DbConnectionStringBuilder Parse(string connectionString) => new() { ConnectionString = connectionString };

    private static string? Get(DbConnectionStringBuilder builder, params string[] keys) =>
        keys.Select(k => builder.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string WithDatabase(string connectionString, string database)
    {
        var builder = Parse(connectionString);
        builder["Database"] = database;
        return builder.ConnectionString;
    }

    /// <summary>
    /// A script through psql as the owner (who bypasses row-level security) in <paramref name="target"/>'s database,
    /// fed on stdin, each statement in its own transaction; returns what it printed (unaligned, tuples only).
    /// For bulk data the API would take hours to create.
    /// </summary>
    public Task<string> ExecuteAsync(DatabaseTarget target, string sql) => PsqlAsync(sql, target.Name, script: true);

    /// <summary>One statement through psql as the owner, connected to the maintenance database <c>postgres</c>, or a script on stdin.</summary>
    private async Task<string> PsqlAsync(string sql, string database = "postgres", bool script = false)
    {
        var owner = Parse(_owner);
        var start = new ProcessStartInfo(_psql)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = script,
            StandardInputEncoding = script ? new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : null,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in (string[])["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", Get(owner, "Host", "Server") ?? "127.0.0.1",
            "-p", Get(owner, "Port") ?? "5432",
            "-U", Get(owner, "Username", "User Id", "User", "UserName") ?? "postgres",
            "-d", database,
            .. script ? (string[])["-f", "-"] : ["-c", sql]])
        {
            start.ArgumentList.Add(argument);
        }

        // The password goes through the environment, never the command line.
        start.Environment["PGPASSWORD"] = Get(owner, "Password") ?? "";
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        start.Environment["PGCLIENTENCODING"] = "UTF8";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BenchException($"Could not start {_psql}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BenchException($"Could not run {_psql} ({ex.Message}); pass --psql <path>.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (script)
            {
                await process.StandardInput.WriteAsync(sql);
                process.StandardInput.Close();
            }

            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                var statement = sql.Length > 200 ? sql[..200] + "..." : sql;
                throw new BenchException($"psql failed on '{statement}': {(await error).Trim()}");
            }

            return await output;
        }
    }
}
