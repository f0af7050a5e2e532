using System.Globalization;

namespace Portico.Bench;

internal enum Provider
{
    Sqlite,
    Postgres,
}

internal enum Scenario
{
    /// <summary>Cold starts and /health throughput.</summary>
    Startup,

    /// <summary>Password hashing, sign-in, token refresh and authenticated requests.</summary>
    Identity,
}

/// <summary>Command line of the benchmark. Connection strings for PostgreSQL come from the environment, like the server's.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        portico-bench: cold start and /health throughput (startup), or sign-in and authenticated
        request throughput (identity), of a published Portico server.

        Options:
          --server <path>           portico.dll to run (required)
          --scenario startup|identity what to measure (default startup)
          --provider sqlite|postgres database engine (default sqlite)
          --runs N                  cold starts per scenario (default 10; startup only)
          --duration S              seconds of measured load per endpoint (default 10)
          --warmup S                seconds of unmeasured load before each measurement (default 2)
          --connections C           concurrent request loops and HTTP connections (default 32;
                                    identity: the GET /api/v1/me loops)
          --login-connections C     identity: loops for login and refresh (default 8; both are CPU bound)
          --hash-samples N          identity: PBKDF2 timings in the benchmark process (default 20)
          --out <file.md>           also write the markdown report to this file
          --note <text>             a line for the report header (repeatable), e.g. the commit
          --psql <path>             psql used to create a fresh database per run (postgres; default: psql on PATH)
          --dotnet <path>           dotnet host that runs the server (default: dotnet)

        PostgreSQL: set ConnectionStrings__Portico (application role) and ConnectionStrings__PorticoMigrations
        (owner role with CREATEDB). Each cold start with migrations gets its own database bench_<guid>,
        created and dropped through psql with the owner role; the identity scenario uses one such database.

        Identity: times PBKDF2 in this process, runs `portico.dll seed-demo` on a fresh database, then one
        server with Portico__RateLimits__Enabled=false; measures POST /api/v1/auth/login, POST
        /api/v1/auth/refresh (rotating) and GET /api/v1/me with a bearer token.
        """;

    public string Server { get; private set; } = "";

    public Scenario Scenario { get; private set; } = Scenario.Startup;

    public Provider Provider { get; private set; } = Provider.Sqlite;

    public int Runs { get; private set; } = 10;

    public int DurationSeconds { get; private set; } = 10;

    public int WarmupSeconds { get; private set; } = 2;

    public int Connections { get; private set; } = 32;

    public int LoginConnections { get; private set; } = 8;

    public int HashSamples { get; private set; } = 20;

    public string? Out { get; private set; }

    public string? Psql { get; private set; }

    public string Dotnet { get; private set; } = "dotnet";

    public List<string> Notes { get; } = [];

    /// <summary>Parses the arguments; on a usage error returns null and sets <paramref name="error"/>.</summary>
    public static BenchOptions? Parse(string[] args, out string? error)
    {
        var options = new BenchOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = "";
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"Option {name} needs a value.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--server":
                    options.Server = value;
                    break;
                case "--scenario":
                    if (!Enum.TryParse<Scenario>(value, ignoreCase: true, out var scenario) || !Enum.IsDefined(scenario))
                    {
                        error = $"--scenario must be startup or identity, not '{value}'.";
                        return null;
                    }

                    options.Scenario = scenario;
                    break;
                case "--provider":
                    if (!Enum.TryParse<Provider>(value, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
                    {
                        error = $"--provider must be sqlite or postgres, not '{value}'.";
                        return null;
                    }

                    options.Provider = provider;
                    break;
                case "--runs":
                    options.Runs = PositiveInt(name, value, ref error);
                    break;
                case "--duration":
                    options.DurationSeconds = PositiveInt(name, value, ref error);
                    break;
                case "--warmup":
                    options.WarmupSeconds = PositiveInt(name, value, ref error, allowZero: true);
                    break;
                case "--connections":
                    options.Connections = PositiveInt(name, value, ref error);
                    break;
                case "--login-connections":
                    options.LoginConnections = PositiveInt(name, value, ref error);
                    break;
                case "--hash-samples":
                    options.HashSamples = PositiveInt(name, value, ref error);
                    break;
                case "--out":
                    options.Out = value;
                    break;
                case "--note":
                    options.Notes.Add(value);
                    break;
                case "--psql":
                    options.Psql = value;
                    break;
                case "--dotnet":
                    options.Dotnet = value;
                    break;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }

            if (error is not null)
            {
                return null;
            }
        }

        if (string.IsNullOrEmpty(options.Server))
        {
            error = "--server <path to portico.dll> is required.";
            return null;
        }

        if (!File.Exists(options.Server))
        {
            error = $"--server: {options.Server} does not exist (publish the server first).";
            return null;
        }

        options.Server = Path.GetFullPath(options.Server);
        return options;
    }

    private static int PositiveInt(string name, string value, ref string? error, bool allowZero = false)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (n > 0 || (allowZero && n == 0)))
        {
            return n;
        }

        error = $"{name} must be a {(allowZero ? "non-negative" : "positive")} integer, not '{value}'.";
        return 0;
    }
}
