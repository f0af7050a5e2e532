using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portico.Kernel.Http;
using Portico.Kernel.Tenancy;

namespace Portico.Console.Shell;

/// <summary>
/// The console in the host: Blazor with interactive server rendering, MudBlazor, and a sign-in cookie. The
/// cookie names a session of the identity module (never a token); every console action checks that the session
/// is still live. The API keeps bearer tokens only: paths under <c>/api</c> and <c>/hubs</c> never read the
/// cookie, so a page on another site cannot use it to call the API (no CSRF through the console's cookie).
/// </summary>
public static class ConsoleSetup
{
    public const string CookieScheme = "console";
    public const string SelectorScheme = "portico";
    public const string CookieName = "portico.console";
    private const string TicketPurpose = "Portico.Console.SignInTicket.v1";

    /// <summary>Registers the console. <paramref name="bearerScheme"/> is the API's scheme, chosen for API paths.</summary>
    public static IServiceCollection AddPorticoConsole(this IServiceCollection services, string bearerScheme)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                o.DetailedErrors = false;
                // A busy server (hundreds of consoles) misses a client's ping now and then; the default keeps only 100
                // dropped circuits, so the 101st reconnecting console would lose its page. Five hundred cost ~1 MB each.
                o.DisconnectedCircuitMaxRetained = 500;
            })
            // Twice SignalR's default on both sides (console.js sets the browser's): a ping late under load is not a drop.
            .AddHubOptions(o => o.ClientTimeoutInterval = TimeSpan.FromSeconds(60));
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
            // Toasts appear at full strength at once: a fading toast is unreadable (and fails contrast checks) while it fades.
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, ConsoleAuthenticationState>();
        services.AddScoped<ConsoleCaller>();
        services.AddScoped<ConsoleLive>();
        services.AddScoped<ThemeState>();
        services.AddSingleton<ConsoleTexts>();
        services.AddSingleton(new ConsoleTranslation(ShellTexts.Russian));

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API token or console cookie", o => o.ForwardDefaultSelector = http =>
                IsApiPath(http.Request.Path) ? bearerScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(30);
                o.SlidingExpiration = true;
                o.LoginPath = "/sign-in";
                o.AccessDeniedPath = "/";
                o.Events.OnValidatePrincipal = RejectEndedSessionAsync;
            });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(ConsoleTexts.Languages).AddSupportedUICultures(ConsoleTexts.Languages);
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        return services;
    }

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/metrics");

    /// <summary>Maps the console's pages (at <c>/</c>) and its three small endpoints: start a session from a sign-in ticket, sign out, choose a language.</summary>
    public static void MapPorticoConsole(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies([.. ConsolePages.Assemblies]);

        var console = app.MapGroup("/console").ExcludeFromDescription();
        console.MapPost("/session", StartSessionAsync);
        console.MapPost("/sign-out", SignOutAsync);
        console.MapGet("/language/{language}", (string language, string? returnUrl, HttpContext http) =>
        {
            var chosen = ConsoleTexts.Languages.Contains(language) ? language : "en";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            return Results.LocalRedirect(LocalOrHome(returnUrl));
        });
    }

    /// <summary>
    /// The sign-in page runs in the circuit, which cannot set cookies: on success it posts a short-lived ticket
    /// (protected, two minutes) naming the new session to this endpoint, which sets the cookie.
    /// </summary>
    public static string IssueTicket(IDataProtectionProvider protection, SignedInUser user) =>
        protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector()
            .Protect($"{user.UserId:D}|{user.SessionId:D}|{user.PlatformRole}|{user.Email}", TimeSpan.FromMinutes(2));

    private static async Task<IResult> StartSessionAsync([FromForm] string ticket, [FromForm] string? returnUrl, HttpContext http, IDataProtectionProvider protection, ISessionDirectory sessions)
    {
        string[] parts;
        try
        {
            parts = protection.CreateProtector(TicketPurpose).ToTimeLimitedDataProtector().Unprotect(ticket).Split('|', 4);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Results.LocalRedirect("/sign-in?expired=1");
        }

        var user = new SignedInUser(Guid.Parse(parts[0]), Guid.Parse(parts[1]), parts[3], parts[2] is { Length: > 0 } role ? role : null);
        if (await sessions.FindLiveAsync(user.SessionId, user.UserId, http.RequestAborted) is null)
        {
            return Results.LocalRedirect("/sign-in?expired=1");
        }

        await http.SignInAsync(CookieScheme, user.ToPrincipal(CookieScheme));
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, ISessionDirectory sessions)
    {
        var result = await http.AuthenticateAsync(CookieScheme);
        if (result.Principal?.TryGetUserId() is { } userId && Guid.TryParse(result.Principal.FindFirstValue(CallerContexts.SessionClaim), out var sessionId))
        {
            await sessions.EndAsync(sessionId, userId, http.RequestAborted);
        }

        await http.SignOutAsync(CookieScheme);
        return Results.LocalRedirect("/sign-in");
    }

    private static async Task RejectEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<ISessionDirectory>();
        if (principal?.TryGetUserId() is not { } userId
            || !Guid.TryParse(principal.FindFirstValue(CallerContexts.SessionClaim), out var sessionId)
            || await sessions.FindLiveAsync(sessionId, userId, context.HttpContext.RequestAborted) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}

/// <summary>Who the console's cookie names: a user and one of their sessions.</summary>
public sealed record SignedInUser(Guid UserId, Guid SessionId, string Email, string? PlatformRole)
{
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(Principals.SubjectClaim, UserId.ToString()),
            new(CallerContexts.SessionClaim, SessionId.ToString()),
            new("email", Email),
        };
        if (PlatformRole is not null)
        {
            claims.Add(new Claim("role", PlatformRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Principals.SubjectClaim, "role"));
    }
}

/// <summary>
/// The circuit's user, checked again every minute: a session signed out elsewhere sends an idle console back to
/// sign-in (actions are checked at once, by <see cref="ConsoleCaller"/>).
/// </summary>
internal sealed class ConsoleAuthenticationState(ILoggerFactory logs, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var user = state.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return user.TryGetUserId() is { } userId
            && Guid.TryParse(user.FindFirstValue(CallerContexts.SessionClaim), out var sessionId)
            && await scope.ServiceProvider.GetRequiredService<ISessionDirectory>().FindLiveAsync(sessionId, userId, cancellationToken) is not null;
    }
}
