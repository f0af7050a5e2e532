using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Portico.Data;
using Portico.Data.Caching;
using Portico.Identity.Accounts;
using Portico.Identity.Contracts;
using Portico.Identity.Sessions;
using Portico.Identity.Users;
using Portico.Kernel.Http;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;
using Portico.Console.Shell;

namespace Portico.Identity;

/// <summary>Users, sign-in, sessions, second factors, and JWT bearer authentication for every other module.</summary>
public sealed class IdentityModule : IModule
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP ASVS 5 asks for at least 210 000).</summary>
    public const int PasswordIterations = 210_000;

    public string Name => "identity";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IdentityDbContext>();
        services.AddModuleHandlers(typeof(IdentityModule).Assembly);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || IsKey(o.SigningKey), "Portico:Auth:SigningKey must be base64 of at least 32 bytes.")
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.RefreshTokenLifetime > o.AccessTokenLifetime, "Portico:Auth token lifetimes must be positive, refresh longer than access.")
            .ValidateOnStart();
        services.AddOptions<External.TelegramLoginOptions>().Bind(configuration.GetSection(External.TelegramLoginOptions.Section));
        services.AddOptions<External.OidcOptions>().Bind(configuration.GetSection(External.OidcOptions.Section));
        services.AddSingleton<External.OidcLogin.ProviderMetadata>();
        services.AddScoped<External.ExternalAccounts>();
        services.AddOptions<External.FacebookLoginOptions>().Bind(configuration.GetSection(External.FacebookLoginOptions.Section));
        services.AddOutboundHttpClient(External.FacebookLogin.Provider, OutboundCaller.Provider, TimeSpan.FromSeconds(10));
        services.AddSingleton<SigningKey>();
        services.AddSingleton<AccessTokens>();
        services.AddScoped<SignIns>();
        services.AddSingleton<AccountRateLimits>();
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section))
            .Validate(o => o.FreeFailures >= 1 && o.FirstDelay > TimeSpan.Zero && o.MaxDelay >= o.FirstDelay && o.MaxTracked > 0, "Portico:SignInThrottle needs FreeFailures >= 1, a positive FirstDelay, MaxDelay >= FirstDelay.")
            .ValidateOnStart();
        services.AddSingleton<FailureThrottle>();
        services.TryAddSingleton<SecurityEvents>();
        services.AddScoped<OneTimeCodes>();
        services.AddScoped<IdentityMail>();
        services.AddScoped<IPlatformAdmins, PlatformAdmins>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<ISessionDirectory, SessionDirectory>();
        services.AddScoped<Pages.ConsoleSignIn>();
        services.AddSingleton(new ConsoleTranslation(Pages.IdentityTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Account, "Profile", "/account", MudBlazor.Icons.Material.Filled.Person, 10));
        services.AddSingleton(new ConsoleNavItem(NavSection.Account, "Security", "/account/security", MudBlazor.Icons.Material.Filled.Security, 20));
        services.AddSingleton(new ConsoleTranslation(Pages.AdminUserTexts.Russian));
        services.AddSingleton(new ConsoleNavItem(NavSection.Platform, "Users", "/admin/users", MudBlazor.Icons.Material.Filled.People, 20, PlatformRole: "PlatformAdmin"));
        services.AddScoped<IDemoSeeder, IdentityDemoSeeder>();
        services.AddHttpContextAccessor();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordIterations;
        });
        services.AddSingleton<ILookupNormalizer, EmailLookupNormalizer>(); // before AddIdentityCore, which only adds its own when none is there
        services.AddIdentityCore<User>(o =>
            {
                // Composition rules are out (ASVS 5): length and the common-password list decide.
                o.Password = new PasswordOptions { RequiredLength = PasswordPolicy.MinLength, RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = false, RequiredUniqueChars = 1 };
                o.Lockout = new LockoutOptions { MaxFailedAccessAttempts = 5, DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15), AllowedForNewUsers = true };
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // the user name is the email; any valid address is fine
            })
            .AddUserStore<UserStore>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddTokenProvider<AuthenticatorTokenProvider<User>>(TokenOptions.DefaultAuthenticatorProvider);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<AuthOptions>>((jwt, key, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = key.Key,
                    ValidTypes = [AccessTokens.AccessTokenType],
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = AccessTokens.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents { OnTokenValidated = CheckSessionAsync, OnMessageReceived = ReadHubToken };
            });

        IdentityRateLimits.Add(services, configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        Register.Map(auth);
        Login.Map(auth);
        SessionEndpoints.Map(auth);
        Passwords.Map(auth);
        MagicLink.Map(auth);
        TwoFactor.Map(auth);
        SecondFactorSwitches.Map(auth);
        NewRecoveryCodes.Map(auth);
        SignOutEverywhere.Map(auth);
        External.TelegramLogin.Map(auth);
        External.OidcLogin.Map(auth);
        External.FacebookLogin.Map(auth);
        Me.Map(api);
        PersonalData.Map(api);
        Administration.Map(api);
    }

    /// <summary>
    /// Browsers cannot set headers on WebSocket and EventSource requests: real-time endpoints also take the
    /// access token from the <c>access_token</c> query parameter, and only they do.
    /// </summary>
    private static Task ReadHubToken(MessageReceivedContext context)
    {
        var path = context.HttpContext.Request.Path;
        if (string.IsNullOrEmpty(context.Token)
            && (path.StartsWithSegments("/hubs", StringComparison.Ordinal) || path.Value?.EndsWith("/events/stream", StringComparison.Ordinal) == true)
            && context.Request.Query.TryGetValue("access_token", out var token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A signature is not enough: the session must still be live, so signing out, a password change or
    /// a revoked device takes effect on the next request rather than when the access token expires.
    /// </summary>
    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirstValue(AccessTokens.SessionClaim), out var sessionId)
            || principal.TryGetUserId() is not { } userId)
        {
            context.Fail("The token has no session.");
            return;
        }

        var services = context.HttpContext.RequestServices;
        if (await services.GetRequiredService<ISessionDirectory>().FindLiveAsync(sessionId, userId, context.HttpContext.RequestAborted) is null)
        {
            context.Fail("The session has ended.");
            return;
        }

        services.GetRequiredService<RequestContext>().SetUser(userId);
    }

    private static bool IsKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= 32;
    }
}

internal sealed class PlatformAdmins(CreateAdmin.Handler handler) : IPlatformAdmins
{
    public async Task<bool> CreateOrPromoteAsync(string email, string password, CancellationToken cancellationToken) =>
        (await handler.HandleAsync(new CreateAdmin.Request(email, password, null), cancellationToken)).Created;
}
