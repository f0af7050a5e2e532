using System.Security.Claims;
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

/// <summary>Issues short-lived JWT access tokens.</summary>
internal sealed class AccessTokens(SigningKey key, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string RoleClaim = "role";

    public (string Token, TimeSpan Lifetime) Issue(User user)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
            [JwtRegisteredClaimNames.Email] = user.Email,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            ["sstamp"] = user.SecurityStamp,
        };
        if (user.PlatformRole is { } role)
        {
            claims[RoleClaim] = role;
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, settings.AccessTokenLifetime);
    }

}
