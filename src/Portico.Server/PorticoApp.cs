using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.Options;
using Portico.Data;
using Portico.Events;
using Portico.Kernel.Http;
using Portico.Kernel.Tenancy;
using Portico.Console.Shell;
using Portico.Mail;
using Portico.Sms;
using Portico.Server.Http;
using Portico.Server.Operations;
using Scalar.AspNetCore;

namespace Portico.Server;

/// <summary>Builds the web application: services of the platform and of every module, then the HTTP pipeline.</summary>
public static class PorticoApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json ships beside the executable; data paths (./data) stay relative to the working directory.
            ContentRootPath = HasContentRoot(args) ? null : AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // The console's scripts and styles: from the build output when not published (any environment), from wwwroot when published.
        builder.WebHost.UseStaticWebAssets();
        builder.AddPorticoLogging();
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        AddServices(builder.Services, builder.Configuration);
        // The bus chooses its store (SQLite or PostgreSQL) from configuration; this hook runs when the
        // container is built, after every configuration source (including a test host's) is in place.
        builder.Host.ConfigureContainer<IServiceCollection>((context, services) =>
        {
            EventsModule.AddMessaging(services, context.Configuration, Modules.Assemblies);
            Realtime.RealtimeModule.AddBackplane(services, context.Configuration);
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<long?>("Portico:Http:MaxRequestBodyBytes") ?? HttpLimits.DefaultMaxBodyBytes;
            kestrel.AddServerHeader = false; // "Server: Kestrel" tells a scanner what to try
        });

        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static bool HasContentRoot(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"));

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<RequestContext>();
        services.AddSingleton<PublicLinks>();
        services.AddPorticoData(configuration);
        services.AddPorticoMail(configuration);
        services.AddPorticoSms(configuration);
        services.AddPorticoProblemDetails();
        services.AddPorticoTelemetry(configuration);
        services.AddPorticoHealthChecks();
        services.AddOpenApi(OpenApiContract.Configure);
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so bad input reaches the problem details handler
        services.AddPorticoCors();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Authenticated, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireAuthenticatedUser().RequireRole("PlatformAdmin"))
            .AddPolicy(Policies.AccountManager, p => p.RequireAuthenticatedUser().RequireRole("AccountManager", "PlatformAdmin"));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.SetRetryAfter(retryAfter);
                }

                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<HttpLimits>().Bind(configuration.GetSection(HttpLimits.Section));
        services.AddHostedService<StartupMigration>();
        services.AddHostedService<IdempotencyCleanup>();

        services.AddScoped<CallerContexts>();
        services.AddSingleton(new PermissionCatalog(Modules.All.SelectMany(m => m.Permissions)));
        foreach (var module in Modules.All)
        {
            module.AddServices(services, configuration);
        }

        // After the modules: the console's sign-in cookie joins the API's bearer scheme behind one selector.
        ConsolePages.Use(Modules.All.Select(m => m.GetType().Assembly));
        services.AddPorticoConsole(bearerScheme: "Bearer");
    }

    /// <summary>camelCase, enums as strings, and strict: an unknown field in a request body is a 400, not silently dropped.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        // NUL characters are refused at the boundary: PostgreSQL cannot store them, SQLite would.
        options.Converters.Add(new NulFreeStringConverter());
        options.Converters.Add(new NulFreeElementConverter());
        // Russian text stays readable in responses ("Салон", not "\u0421\u0430..."); HTML-sensitive
        // characters are still escaped, and the API never renders into HTML.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseForwardedHeadersWhenTrusted();
        app.UseServerTiming(app.Configuration);
        app.UseSecurityEventLogging(); // outside the problem handler: sees the final 401/403 of every endpoint
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseNulRefusal();
        // Embed codes stay short (<script src="https://host/forms/{key}.js">); the CRM serves the script under the API.
        app.UseRewriter(new RewriteOptions().AddRewrite(@"^forms/([A-Za-z0-9_-]{1,100})\.js$", "api/v1/public/forms/$1/embed.js", skipRemainingRules: true));
        app.UseSecurityHeaders();
        app.UseRequestBodyLimit();
        app.UseCors();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        // Host first: a tenant route's checked tenant (UseTenantAccess) must always win over the host name.
        app.UseHostTenant(app.Configuration["Portico:BaseDomain"]);
        app.UseTenantAccess();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapPorticoHealthChecks();
        // Host-level setup of the modules (hubs, pages outside the API), at the site root.
        foreach (var module in Modules.All)
        {
            module.MapHost(app);
        }

        app.MapPorticoMetrics();
        app.MapOpenApi("/openapi/{documentName}.json");
        // "Try it" signs requests with the bearer token the reader pastes (and keeps it across reloads).
        app.MapScalarApiReference("/docs", o => o.WithTitle("Portico API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes([OpenApiContract.BearerScheme]).EnablePersistentAuthentication());

        var api = app.MapGroup("/api/v1");
        foreach (var module in Modules.All)
        {
            module.MapEndpoints(api);
        }

        app.MapPorticoConsole();
    }

    /// <summary>Logs where everything is once the server listens.</summary>
    public static void AnnounceWhenReady(WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var url = app.Urls.FirstOrDefault() ?? DefaultUrl;
        var provider = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        app.Logger.LogInformation(
            "Portico is ready on {Url} ({Provider}). Console: {ConsoleUrl}  API docs: {DocsUrl}  Health: {HealthUrl}  Metrics: {MetricsUrl}",
            url, provider, url + "/", url + "/docs", url + "/health/ready", url + "/metrics");
        // Without a relay, the emails (and their codes and links) of a first session are files: say where.
        var mail = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            app.Logger.LogInformation("No SMTP relay configured: emails are written to {MailFolder}", Path.GetFullPath(mail.PickupDirectory));
        }
    });
}
