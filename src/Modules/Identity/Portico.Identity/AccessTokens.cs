using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Portico.Identity.Users;

namespace Portico.Identity;

/// <summary>Settings under <c>Portico:Auth</c>.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Portico:Auth";

    public string Issuer { get; set; } = "portico";

    public string Audience { get; set; } = "portico-api";

    /// <summary>Base64 HMAC key of at least 32 bytes. When empty, one is generated once and kept in <see cref="KeyFile"/>.</summary>
    public string? SigningKey { get; set; }

    public string KeyFile { get; set; } = "./data/keys/jwt-signing.key";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a password-verified sign-in may wait for its second factor.</summary>
    public TimeSpan MfaTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

}

/// <summary>The signing key, from configuration or from a key file created on first start (never a built-in constant).</summary>
internal sealed class SigningKey(IOptions<AuthOptions> options)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Load(options.Value));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey Load(AuthOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var bytes = Convert.FromBase64String(options.SigningKey);
            return bytes.Length >= 32 ? new SymmetricSecurityKey(bytes) : throw new InvalidOperationException("Portico:Auth:SigningKey must be at least 32 bytes (base64).");
        }

        var path = Path.GetFullPath(options.KeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                file.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).Select(c => (byte)c).ToArray());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first; use theirs.
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}

/// <summary>
/// Issues JWTs. Access tokens (<c>typ: at+jwt</c>) name the user and the session; a pending-MFA
/// token (<c>typ: mfa+jwt</c>, its own audience) proves only the password step and is refused
/// everywhere but <c>/auth/login/mfa</c>.
/// </summary>
internal sealed class AccessTokens(SigningKey key, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string RoleClaim = "role";
    public const string SessionClaim = "sid";
    public const string AccessTokenType = "at+jwt";
    public const string MfaTokenType = "mfa+jwt";

    public (string Token, TimeSpan Lifetime) Issue(User user, Guid sessionId)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
            [JwtRegisteredClaimNames.Email] = user.Email,
            [SessionClaim] = sessionId.ToString(),
        };
        if (user.PlatformRole is { } role)
        {
            claims[RoleClaim] = role;
        }

        var lifetime = options.Value.AccessTokenLifetime;
        return (Create(claims, options.Value.Audience, AccessTokenType, lifetime), lifetime);
    }

    public string IssueMfa(User user) => Create(
        new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = user.Id.ToString(), ["sstamp"] = user.SecurityStamp },
        MfaAudience, MfaTokenType, options.Value.MfaTokenLifetime);

    /// <summary>The user id of a valid pending-MFA token with the user's current stamp, else null.</summary>
    public async Task<(Guid UserId, string Stamp)?> ReadMfaAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = MfaAudience,
            IssuerSigningKey = key.Key,
            ValidTypes = [MfaTokenType],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(5),
        });
        return result.IsValid
            && Guid.TryParse(result.Claims[JwtRegisteredClaimNames.Sub] as string, out var userId)
            && result.Claims.TryGetValue("sstamp", out var stamp)
                ? (userId, (string)stamp)
                : null;
    }

    private string MfaAudience => options.Value.Audience + ":mfa";

    private string Create(Dictionary<string, object> claims, string audience, string type, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            TokenType = type,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
