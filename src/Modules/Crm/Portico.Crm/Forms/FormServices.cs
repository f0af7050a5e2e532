using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portico.Crm.Forms;

/// <summary>Settings under <c>Portico:Crm:Forms</c>.</summary>
internal sealed class WebFormOptions
{
    public const string Section = "Portico:Crm:Forms";

    /// <summary>Submissions one client address may send to one form per minute; 0 turns the limit off (load tests).</summary>
    public int SubmissionsPerMinute { get; set; } = 5;

    /// <summary>How long a visitor may keep a form open before submitting it.</summary>
    public TimeSpan StartedTokenLifetime { get; set; } = TimeSpan.FromHours(24);
}

internal static class FormServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebFormOptions>().Bind(configuration.GetSection(WebFormOptions.Section))
            .Validate(o => o.SubmissionsPerMinute is >= 0 and <= 100_000, "Portico:Crm:Forms:SubmissionsPerMinute must be between 0 (off) and 100000.")
            .Validate(o => o.StartedTokenLifetime > TimeSpan.Zero && o.StartedTokenLifetime <= TimeSpan.FromDays(7), "Portico:Crm:Forms:StartedTokenLifetime must be between 0 and 7 days.")
            .ValidateOnStart();
        services.AddDataProtection();
        services.AddSingleton<SubmissionLimits>();
        services.AddSingleton<StartedTokens>();
        services.AddScoped<FormWriter>();
        services.AddScoped<PublicForms>();
    }
}

/// <summary>
/// The per-address limit on submissions to one form. In-process: with several instances each enforces its own
/// share, which still stops a script hammering one form from one address.
/// </summary>
internal sealed class SubmissionLimits(IOptions<WebFormOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SubmissionsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Counts a submission; past the limit, a 429 with <c>Retry-After</c>.</summary>
    public void Acquire(string formKey, IPAddress? address)
    {
        if (options.Value.SubmissionsPerMinute == 0)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire($"{address?.ToString() ?? "unknown"} {formKey}");
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(
                "Too many submissions of this form from your address. Wait a minute and try again.",
                lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// The token a form definition carries and its submission returns: the form key and the moment the visitor got
/// the form, protected (encrypted and signed) by the platform's data protection and valid for a day. It proves
/// how long the visitor took to fill the form in, which a bot posting straight away cannot fake.
/// </summary>
internal sealed class StartedTokens(IDataProtectionProvider protection, IOptions<WebFormOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Portico.Crm.WebForms.Started").ToTimeLimitedDataProtector();

    public string Issue(string formKey) =>
        _protector.Protect(formKey + "|" + clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), options.Value.StartedTokenLifetime);

    /// <summary>When the visitor got the form, or null when the token is missing, forged, expired or for another form.</summary>
    public DateTimeOffset? StartedAt(string formKey, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token, out _).Split('|');
            return parts.Length == 2 && parts[0] == formKey && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
