using System.Security.Cryptography;
using System.Text;

namespace Portico.Kernel.Security;

/// <summary>Random secrets and how they are stored: only a SHA-256, compared in constant time.</summary>
public static class Secrets
{
    /// <summary>A 6-digit code, uniformly random.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An opaque URL-safe token with 256 bits of entropy (refresh tokens, links).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
}
