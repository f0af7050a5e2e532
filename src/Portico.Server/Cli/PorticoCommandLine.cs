using System.CommandLine;
using Portico.Data;
using Portico.Identity.Contracts;
using Portico.Kernel.Errors;
using Portico.Kernel.Tenancy;

namespace Portico.Server.Cli;

/// <summary>
/// The verbs of the <c>portico</c> executable. <c>serve</c> is the default; arguments it does not
/// know (<c>--urls</c>, <c>--environment</c>) go to the ASP.NET Core host.
/// Exit codes: 0 success, 1 usage error, 2 the command failed (message on stderr).
/// </summary>
internal static class PorticoCommandLine
{
    public const int Failed = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Portico: one platform for service businesses (studios, workshops, inboxes, bots, wallets).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => ServeAsync([.. parse.UnmatchedTokens], ct));

        var serve = new Command("serve", "Run the web server (the default). Host options such as --urls pass through.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, ct) => ServeAsync([.. parse.UnmatchedTokens], ct));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply every module's database migrations and exit.");
        migrate.SetAction((_, ct) => RunVerbAsync(static (_, _) => Task.FromResult(0), ct));
        root.Subcommands.Add(migrate);

        var seed = new Command("seed-demo", "Fill the database with demo tenants and data for every module (idempotent).");
        seed.SetAction((_, ct) => RunVerbAsync(SeedDemoAsync, ct));
        root.Subcommands.Add(seed);

        var email = new Option<string>("--email") { Description = "Email of the administrator", Required = true };
        var password = new Option<string>("--password") { Description = "Password, 10 to 128 characters", Required = true };
        var createAdmin = new Command("create-admin", "Create a platform administrator, or promote an existing account and set its password.")
        {
            email,
            password,
        };
        createAdmin.SetAction((parse, ct) => RunVerbAsync(async (services, token) =>
        {
            var created = await services.GetRequiredService<IPlatformAdmins>()
                .CreateOrPromoteAsync(parse.GetValue(email)!, parse.GetValue(password)!, token);
            System.Console.WriteLine(created ? "Platform administrator created." : "Existing account promoted to platform administrator; password updated.");
            return 0;
        }, ct));
        root.Subcommands.Add(createAdmin);

        // The host handles SIGTERM itself and drains requests for up to HostOptions.ShutdownTimeout;
        // System.CommandLine's own handler would end the process after two seconds.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static async Task<int> ServeAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        // Unknown options go to the host; an unknown word is a mistyped verb, not a reason to start serving.
        if (hostArgs.FirstOrDefault() is { } first && !first.StartsWith('-'))
        {
            await System.Console.Error.WriteLineAsync($"Unknown command '{first}'. Run 'portico --help' for the list of commands.");
            return 1;
        }

        var app = PorticoApp.Build(hostArgs);
        PorticoApp.AnnounceWhenReady(app);
        await app.RunAsync(cancellationToken);
        return 0;
    }

    /// <summary>Runs a one-shot verb: builds the application (without listening), migrates, runs the verb in a scope.</summary>
    private static async Task<int> RunVerbAsync(Func<IServiceProvider, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        // Verbs take their settings from appsettings.json and environment variables, like the server.
        await using var app = PorticoApp.Build([]);
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await using var scope = app.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.SetActor("system:cli");
            context.EnterPlatformScope();
            return await verb(scope.ServiceProvider, cancellationToken);
        }
        catch (ValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                await System.Console.Error.WriteLineAsync($"{field} {string.Join(" ", messages)}");
            }

            return Failed;
        }
        catch (PorticoProblemException ex)
        {
            await System.Console.Error.WriteLineAsync(ex.Message);
            return Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An unreachable database, a bad setting: say what failed, without a stack trace for the operator.
            await System.Console.Error.WriteLineAsync($"{ex.GetType().Name}: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await Operations.DemoData.SeedAsync(services, cancellationToken);
        System.Console.WriteLine("Demo data is in place.");
        return 0;
    }
}
