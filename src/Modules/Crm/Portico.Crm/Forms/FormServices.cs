using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Portico.Kernel.Security;
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

    /// <summary>How long a visitor may keep a form open before submitting it (the token is good for one submission).</summary>
    public TimeSpan StartedTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Where the token key is generated once when <c>Portico:Auth:SigningKey</c> is not set (see <see cref="PlatformKeys"/>).</summary>
    public string KeyFile { get; set; } = "./data/keys/web-forms.key";
}

internal static class FormServices
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebFormOptions>().Bind(configuration.GetSection(WebFormOptions.Section))
            .Validate(o => o.SubmissionsPerMinute is >= 0 and <= 100_000, "Portico:Crm:Forms:SubmissionsPerMinute must be between 0 (off) and 100000.")
            .Validate(o => o.StartedTokenLifetime > TimeSpan.Zero && o.StartedTokenLifetime <= TimeSpan.FromDays(1), "Portico:Crm:Forms:StartedTokenLifetime must be between 0 and 1 day.")
            .ValidateOnStart();
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
internal sealed class SubmissionLimits(IOptions<WebFormOptions> options)
    : PerMinuteLimit(options.Value.SubmissionsPerMinute, "Too many submissions of this form from your address. Wait a minute and try again.")
{
    /// <summary>Counts a submission; past the limit, a 429 with <c>Retry-After</c>.</summary>
    public void Acquire(string formKey, IPAddress? address) => Acquire(PerAddress(address, formKey));
}

/// <summary>
/// The token a form definition carries and its submission returns: the form key, the moment the visitor got the form
/// and a random nonce, signed with an HMAC key every instance derives alike. It proves how long the visitor took to
/// fill the form in, which a bot posting straight away cannot fake; it lives two hours by default and is good for one
/// submission (<see cref="SpentStartedToken"/>), so a bot cannot fetch one token and post with it all day.
/// </summary>
internal sealed class StartedTokens(IConfiguration configuration, IOptions<WebFormOptions> options, TimeProvider clock)
{
    private readonly Lazy<byte[]> _key = new(() => PlatformKeys.Derive(configuration, "portico:crm:web-form-started", options.Value.KeyFile));

    /// <summary>A valid token: when the visitor got the form, when the token expires, and its signature (its identity when spent).</summary>
    public sealed record Started(DateTimeOffset At, DateTimeOffset ExpiresAt, string Signature);

    public string Issue(string formKey)
    {
        var issued = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        return issued + "." + nonce + "." + Sign(formKey, issued, nonce);
    }

    /// <summary>The token's facts, or null when the token is missing, forged, expired or for another form.</summary>
    public Started? Read(string formKey, string? token)
    {
        var parts = token?.Split('.');
        if (parts is not [var issued, var nonce, var signature] || token!.Length > 200
            || !long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(formKey, issued, nonce)), Encoding.ASCII.GetBytes(signature)))
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(ms, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        var now = clock.GetUtcNow();
        return at <= now && now - at <= options.Value.StartedTokenLifetime ? new Started(at, at + options.Value.StartedTokenLifetime, signature) : null;
    }

    // base64url(HMAC-SHA256(key, "{formKey}\n{issued}\n{nonce}")): every instance derives the same key (PlatformKeys).
    private string Sign(string formKey, string issued, string nonce) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(formKey + "\n" + issued + "\n" + nonce)));
}
