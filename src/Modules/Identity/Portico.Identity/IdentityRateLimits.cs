using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Kernel.Security;

namespace Portico.Identity;

/// <summary>Settings under <c>Portico:RateLimits</c>. <c>Enabled=false</c> is for load tests; account lockout stays on.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Portico:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in attempts per client address per minute (an office shares one address).</summary>
    public int SignInPerIpPerMinute { get; set; } = 60;

    /// <summary>Codes and links sent per client address per hour.</summary>
    public int CodeSendingPerIpPerHour { get; set; } = 30;

    public int RegistrationPerIpPerHour { get; set; } = 20;

    /// <summary>Codes and links sent to one email address per minute.</summary>
    public int CodeSendingPerEmailPerMinute { get; set; } = 3;
}

/// <summary>
/// Limits keyed by account (normalized email) rather than address, so a botnet spreading guesses over
/// many addresses still meets a wall. In-process: with several instances each enforces its own share.
/// Password guesses per account meet <see cref="Accounts.FailureThrottle"/> instead: progressive waits.
/// </summary>
internal sealed class AccountRateLimits(IOptions<RateLimitOptions> options)
    : PerMinuteLimit(options.Value.Enabled ? options.Value.CodeSendingPerEmailPerMinute : 0, "Too many codes sent to this address. Wait a minute.")
{
    public void CodeSent(string email) => Acquire(Users.User.Normalize(email));
}

/// <summary>Per-address limits on the endpoints that attackers hammer. Answers 429 with Retry-After.</summary>
internal static class IdentityRateLimits
{
    public const string SignIn = "sign-in";
    public const string CodeSending = "code-sending";
    public const string Registration = "registration";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignIn, http => Partition(http, s => s.SignInPerIpPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(CodeSending, http => Partition(http, s => s.CodeSendingPerIpPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Registration, http => Partition(http, s => s.RegistrationPerIpPerHour, TimeSpan.FromHours(1)));
        });
    }

    private static RateLimitPartition<string> Partition(HttpContext http, Func<RateLimitOptions, int> permitsOf, TimeSpan window)
    {
        var settings = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var permits = permitsOf(settings);
        return settings.Enabled
            ? RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window })
            : RateLimitPartition.GetNoLimiter("off");
    }
}
