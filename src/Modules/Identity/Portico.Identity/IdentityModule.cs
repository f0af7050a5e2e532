using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Portico.Data;
using Portico.Identity.Contracts;
using Portico.Identity.Users;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Identity;

/// <summary>Users, password sign-in and JWT bearer authentication for every other module.</summary>
public sealed class IdentityModule : IModule
{
    public const string SignInRateLimit = "sign-in";

    public string Name => "identity";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IdentityDbContext>();
        services.AddModuleHandlers(typeof(IdentityModule).Assembly);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || IsKey(o.SigningKey), "Portico:Auth:SigningKey must be base64 of at least 32 bytes.")
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero, "Portico:Auth:AccessTokenLifetime must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SigningKey>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<AccessTokens>();
        services.AddScoped<IPlatformAdmins, PlatformAdmins>();

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
                    NameClaimType = "sub",
                    RoleClaimType = AccessTokens.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        // Every later audit row names the signed-in user.
                        var subject = context.Principal?.FindFirstValue("sub");
                        context.HttpContext.RequestServices.GetRequiredService<RequestContext>().SetActor($"user:{subject}");
                        return Task.CompletedTask;
                    },
                };
            });

        // Slows password guessing from one address; per-account lockout comes with full identity.
        services.AddRateLimiter(limiter => limiter.AddPolicy(SignInRateLimit, http =>
            RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) })));
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => Login.Map(api);

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
