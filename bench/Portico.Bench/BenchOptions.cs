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

    /// <summary>Custom events through the outbox and the durable queues into the tenant's stream.</summary>
    Events,

    /// <summary>Events pushed by the SignalR hub to N connected clients of one tenant room.</summary>
    HubFanout,

    /// <summary>CRM lead lists over 10 tenants × 100 000 leads with custom fields, and a 100 000-row CSV import (PostgreSQL).</summary>
    Crm,

    /// <summary>The plain lead list (page of 20) of one tenant with 300 000 leads, and <c>GET /api/v1/me</c>, with server CPU per request.</summary>
    List,

    /// <summary>The web console in chromium: the leads screen's first page at 100 000 leads, memory per circuit, board update latency over N circuits.</summary>
    Console,

    /// <summary>Telegram webhook updates acknowledged per second (group commit) against one commit per update, processed per second, and a kill.</summary>
    Telegram,

    /// <summary>Slot search over 30 days in a tenant with 50 staff, 10 chairs and 20 000 appointment blocks (PostgreSQL).</summary>
    Slots,

    /// <summary>Public bookings by many clients at few slots: bookings/s, 201 against 409, and zero double bookings checked with SQL (PostgreSQL).</summary>
    Bookings,

    /// <summary>Work orders at workshop scale: the mechanic queue and the order timeline over 200 000 orders and 2 million stages, and reservations of one hot item with zero oversell (PostgreSQL).</summary>
    WorkOrders,
}

/// <summary>Command line of the benchmark. Connection strings for PostgreSQL come from the environment, like the server's.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        portico-bench: cold start and /health throughput (startup), sign-in and authenticated request
        throughput (identity), events through the durable outbox and queues (events), hub fan-out
        to N SignalR clients (hub-fanout), or CRM lead lists and CSV import over many leads (crm), of a
        published Portico server, or the plain lead list of one tenant with many leads and GET /api/v1/me
        (list), or Telegram webhook updates acknowledged and processed per second, with a kill (telegram).
        With --baseline, the same scenario runs against two builds and the report compares them.

        Options:
          --server <path>           portico.dll to run (required); with --baseline, the new build
          --baseline <path>         portico.dll of the reference (old) build: compare it with --server in one run
          --label <text>            name of the --server build in the report (a commit id, say)
          --baseline-label <text>   name of the --baseline build in the report
          --rounds N                with --baseline: measure old, new, then new, old... N rounds (default 1);
                                    a figure is the mean over its rounds
          --scenario startup|identity|events|hub-fanout|crm|list|telegram|slots|bookings|workorders  what to measure (default startup)
          --provider sqlite|postgres database engine (default sqlite)
          --runs N                  cold starts per scenario (default 10; startup only)
          --duration S              seconds of measured load per endpoint (default 10)
          --warmup S                seconds of unmeasured load before each measurement (default 2)
          --connections C           concurrent request loops and HTTP connections (default 32;
                                    identity: the GET /api/v1/me loops; telegram: the webhook senders, default 64;
                                    bookings: the client loops, default 64)
          --attempts N              bookings: most booking attempts in the measured run (default 2000); it ends
                                    sooner once every start is full
          --orders N                workorders: work orders bulk-inserted (default 200000)
          --stages-per-order N      workorders: stages of each order (default 10: 2 million stage rows)
          --timeline-orders N       workorders: orders that get ~10 timeline entries each (default 20000; the timeline is read from them)
          --mechanics N             workorders: mechanics (Mechanic members) the orders are spread over (default 100)
          --hot-stock N             workorders: units of the one hot item reserved one at a time until none is left (default 2000)
          --login-connections C     identity: loops for login and refresh (default 8; both are CPU bound)
          --hash-samples N          identity: PBKDF2 timings in the benchmark process (default 20)
          --events N                events: custom events to publish in the measured run (default 5000)
          --warmup-events N         events: published and handled before measuring, not counted (default 200);
                                    hub-fanout: the events of an unreported first round with one client
          --publishers K            events: concurrent publishing loops (default 16)
          --drain-timeout S         events, hub-fanout: longest wait for the accepted events to arrive (default 180;
                                    the bus retries a failed handler after 1 s, 5 s, then 30 s and 2 min)
          --clients N[,N...]        hub-fanout: connected SignalR clients, one round per figure (default 50,200)
          --hub-events M            hub-fanout: events published per round (default 200)
          --rate R                  hub-fanout: events published per second, open loop (default 25)
          --tenants T               crm: tenants, each with its own registered Owner (default 10)
          --leads N                 crm: leads bulk-inserted per tenant (default 100000)
          --import-rows N           crm: rows of the imported CSV (default 100000; 0 skips the import)
                                    (--leads is also the list scenario's leads in its one tenant, default 300000)
          --sequential-duration S   list: seconds of list requests sent one at a time on one connection (default 10);
                                    telegram: seconds of updates sent one at a time, the one-commit-per-update rate (default 5)
          --users N                 telegram: distinct Telegram users (chats) the updates come from (default 10000)
          --kill-updates N          telegram: updates of the burst during which the server is killed (default 20000)
          --request-timeout S       list: a request not answered within S seconds counts as a timeout (default 30)
          --out <file.md>           also write the markdown report to this file
          --server-log <file>       append everything the servers write to this file (for diagnosis)
          --note <text>             a line for the report header (repeatable), e.g. the commit
          --psql <path>             psql used to create a fresh database per run (postgres; default: psql on PATH)
          --dotnet <path>           dotnet host that runs the server (default: dotnet)

        PostgreSQL: set ConnectionStrings__Portico (application role) and ConnectionStrings__PorticoMigrations
        (owner role with CREATEDB). Each cold start with migrations gets its own database bench_<guid>,
        created and dropped through psql with the owner role; the identity scenario uses one such database.

        Identity: times PBKDF2 in this process, runs `portico.dll seed-demo` on a fresh database, then one
        server with Portico__RateLimits__Enabled=false; measures POST /api/v1/auth/login, POST
        /api/v1/auth/refresh (rotating) and GET /api/v1/me with a bearer token.

        Events and hub-fanout: `portico.dll create-admin` on a fresh database, one server, one tenant.
        Events: K loops POST /api/v1/tenants/{t}/events until N are accepted, while one SSE reader
        follows the tenant's stream; then a second reader replays the stream from the start to count
        lost and duplicated events. Hub-fanout: per N, N WebSocket clients join the tenant room and M
        events are published at R per second; every client must receive every event.

        Crm (PostgreSQL only): T users register (code from the mail pickup folder) and each creates a
        tenant with two lead custom fields; N leads per tenant are inserted with one INSERT ... SELECT
        FROM generate_series as the owner role, then C loops read a searched, filtered and sorted page
        of 50 leads (also without the search, and its second page by cursor); finally a CSV of
        --import-rows leads is uploaded and imported, and rows/s is timed from the run to completion.

        List (SQLite or PostgreSQL): one registered Owner creates a tenant; the server is stopped and --leads
        leads are written straight into its database (PostgreSQL: INSERT ... SELECT through psql; SQLite: one
        transaction of prepared inserts through the e_sqlite3 library the server ships); then per visit a
        server starts and C loops read GET /api/v1/tenants/{t}/crm/leads?limit=20, one loop reads it alone,
        and C loops read GET /api/v1/me. Server CPU per request comes from the server process's CPU time.

        Telegram (SQLite or PostgreSQL): a local fake of Telegram's Bot API in this process (getMe, setWebhook...);
        create-admin, one server, a tenant, a bot connected and activated (the fake keeps the webhook's secret). Updates
        are POSTed to /api/v1/webhooks/telegram/{botId}: one at a time for --sequential-duration seconds (each commit
        carries one update), then by C senders for --duration seconds (the group commit); then the time until the bot's
        counters show every acknowledged update processed. Finally a second bot gets --kill-updates updates from C
        senders, the server is killed (SIGKILL) after half were acknowledged and restarted on the same database, every
        unacknowledged update and a sample of acknowledged ones are sent again, and the stored messages are counted
        (API and SQL): none lost, none twice.

        Bookings (PostgreSQL only): create-admin, one server with the rate limits off, a tenant with 10 staff, a pool of
        5 chairs and a 60-minute service needing a chair; C loops POST the public booking route, each attempt a new
        client at a random one of 20 starts (staff or anyone), until every start holds 5 bookings or --attempts are
        spent; then SQL counts overlapping active blocks per staff member and chair unit: double bookings must be 0.

        WorkOrders (PostgreSQL only): create-admin, one server, a workshop tenant; --mechanics Mechanic memberships,
        --orders work orders with --stages-per-order stages each and ~10 timeline entries for --timeline-orders of
        them, bulk-inserted with INSERT ... SELECT FROM generate_series as the owner role; then C loops read a random
        mechanic's queue (GET .../workshop/mechanics/{userId}/queue; a 404 there is reported as "route missing") and
        a random order's timeline (GET .../workshop/work-orders/{id}/timeline), one at a time and with C connections;
        finally C clients reserve one unit of one hot item each (POST .../inventory/movements) until its --hot-stock
        units are gone, and the item and SQL must show exactly that many reserved and nothing oversold.
        """;

    public string Server { get; private set; } = "";

    public Scenario Scenario { get; private set; } = Scenario.Startup;

    public Provider Provider { get; private set; } = Provider.Sqlite;

    public int Runs { get; private set; } = 10;

    public int DurationSeconds { get; private set; } = 10;

    /// <summary>telegram: distinct users (chats) the updates come from.</summary>
    public int Users { get; private set; } = 10_000;

    /// <summary>telegram: updates of the burst during which the server is killed.</summary>
    public int KillUpdates { get; private set; } = 20_000;

    public int WarmupSeconds { get; private set; } = 2;

    /// <summary>Concurrent loops (default 32; telegram: the webhook senders, default 64).</summary>
    public int Connections => _connections ?? (Scenario is Scenario.Telegram or Scenario.Bookings ? 64 : Scenario == Scenario.WorkOrders ? 16 : 32);

    /// <summary>bookings: most booking attempts in the measured run.</summary>
    public int Attempts { get; private set; } = 2000;

    /// <summary>workorders: work orders bulk-inserted.</summary>
    public int Orders { get; private set; } = 200_000;

    /// <summary>workorders: stages per order.</summary>
    public int StagesPerOrder { get; private set; } = 10;

    /// <summary>workorders: orders that get timeline entries.</summary>
    public int TimelineOrders { get; private set; } = 20_000;

    /// <summary>workorders: mechanics the orders are spread over.</summary>
    public int Mechanics { get; private set; } = 100;

    /// <summary>workorders: stock of the hot item reserved one unit at a time.</summary>
    public int HotStock { get; private set; } = 2000;

    public int LoginConnections { get; private set; } = 8;

    public int HashSamples { get; private set; } = 20;

    public int Events { get; private set; } = 5000;

    public int WarmupEvents { get; private set; } = 200;

    public int Publishers { get; private set; } = 16;

    public int DrainTimeoutSeconds { get; private set; } = 180;

    public IReadOnlyList<int> Clients { get; private set; } = [50, 200];

    public int HubEvents { get; private set; } = 200;

    public int Rate { get; private set; } = 25;

    public int Tenants { get; private set; } = 10;

    /// <summary>crm: leads per tenant (default 100 000); list: leads of its one tenant (default 300 000).</summary>
    public int Leads => _leads ?? (Scenario == Scenario.List ? 300_000 : 100_000);

    public int ImportRows { get; private set; } = 100_000;

    /// <summary>The reference build to compare <see cref="Server"/> with; null runs one build.</summary>
    public string? Baseline { get; private set; }

    /// <summary>How the report names <see cref="Server"/> (a commit id, say).</summary>
    public string? Label { get; private set; }

    public string? BaselineLabel { get; private set; }

    public int Rounds { get; private set; } = 1;

    /// <summary>list: seconds of requests one at a time (default 10); telegram: seconds of updates one at a time (default 5).</summary>
    public int SequentialSeconds => _sequentialSeconds ?? (Scenario == Scenario.Telegram ? 5 : 10);

    public int RequestTimeoutSeconds { get; private set; } = 30;

    public string? Out { get; private set; }

    public string? ServerLog { get; private set; }

    public string? Psql { get; private set; }

    public string Dotnet { get; private set; } = "dotnet";

    public List<string> Notes { get; private set; } = [];

    private int? _leads;

    private int? _connections;

    private int? _sequentialSeconds;

    /// <summary>These options for one build of a comparison: its server and its label; every other setting the same.</summary>
    public BenchOptions ForBuild(Build build)
    {
        var copy = (BenchOptions)MemberwiseClone();
        copy.Server = build.Server;
        copy.Label = build.Label;
        copy.Baseline = null;
        copy.BaselineLabel = null;
        copy.Notes = [.. Notes];
        return copy;
    }

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
                    if (!Enum.TryParse<Scenario>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var scenario)
                        || !Enum.IsDefined(scenario) || char.IsDigit(value[0]))
                    {
                        error = $"--scenario must be startup, identity, events, hub-fanout, crm, list, console, telegram, slots, bookings or workorders, not '{value}'.";
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
                    options._connections = PositiveInt(name, value, ref error);
                    break;
                case "--login-connections":
                    options.LoginConnections = PositiveInt(name, value, ref error);
                    break;
                case "--hash-samples":
                    options.HashSamples = PositiveInt(name, value, ref error);
                    break;
                case "--events":
                    options.Events = PositiveInt(name, value, ref error);
                    break;
                case "--warmup-events":
                    options.WarmupEvents = PositiveInt(name, value, ref error, allowZero: true);
                    break;
                case "--publishers":
                    options.Publishers = PositiveInt(name, value, ref error);
                    break;
                case "--drain-timeout":
                    options.DrainTimeoutSeconds = PositiveInt(name, value, ref error);
                    break;
                case "--clients":
                    var clients = new List<int>();
                    foreach (var count in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        clients.Add(PositiveInt(name, count, ref error));
                    }

                    options.Clients = clients;
                    if (clients.Count == 0)
                    {
                        error = "--clients needs at least one number, such as 50,200.";
                    }

                    break;
                case "--hub-events":
                    options.HubEvents = PositiveInt(name, value, ref error);
                    break;
                case "--rate":
                    options.Rate = PositiveInt(name, value, ref error);
                    break;
                case "--tenants":
                    options.Tenants = PositiveInt(name, value, ref error);
                    break;
                case "--leads":
                    options._leads = PositiveInt(name, value, ref error);
                    break;
                case "--baseline":
                    options.Baseline = value;
                    break;
                case "--label":
                    options.Label = value;
                    break;
                case "--baseline-label":
                    options.BaselineLabel = value;
                    break;
                case "--rounds":
                    options.Rounds = PositiveInt(name, value, ref error);
                    break;
                case "--sequential-duration":
                    options._sequentialSeconds = PositiveInt(name, value, ref error);
                    break;
                case "--attempts":
                    options.Attempts = PositiveInt(name, value, ref error);
                    break;
                case "--orders":
                    options.Orders = PositiveInt(name, value, ref error);
                    break;
                case "--stages-per-order":
                    options.StagesPerOrder = PositiveInt(name, value, ref error);
                    break;
                case "--timeline-orders":
                    options.TimelineOrders = PositiveInt(name, value, ref error, allowZero: true);
                    break;
                case "--mechanics":
                    options.Mechanics = PositiveInt(name, value, ref error);
                    break;
                case "--hot-stock":
                    options.HotStock = PositiveInt(name, value, ref error);
                    break;
                case "--users":
                    options.Users = PositiveInt(name, value, ref error);
                    break;
                case "--kill-updates":
                    options.KillUpdates = PositiveInt(name, value, ref error);
                    break;
                case "--request-timeout":
                    options.RequestTimeoutSeconds = PositiveInt(name, value, ref error);
                    break;
                case "--import-rows":
                    options.ImportRows = PositiveInt(name, value, ref error, allowZero: true);
                    break;
                case "--out":
                    options.Out = value;
                    break;
                case "--server-log":
                    options.ServerLog = Path.GetFullPath(value);
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
        if (options.Baseline is not null)
        {
            if (!File.Exists(options.Baseline))
            {
                error = $"--baseline: {options.Baseline} does not exist (publish the reference build first).";
                return null;
            }

            options.Baseline = Path.GetFullPath(options.Baseline);
        }

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
