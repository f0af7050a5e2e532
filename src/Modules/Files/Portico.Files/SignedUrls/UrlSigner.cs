using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portico.Files.SignedUrls;

/// <summary>
/// Signs and checks download links: <c>sig</c> = base64url(HMAC-SHA256(key, "{fileId}\n{expires}")), with
/// <c>expires</c> in Unix seconds. The link is the capability: whoever holds it may download that one
/// file until it expires, and nothing else.
/// </summary>
internal sealed class UrlSigner(IOptions<FilesOptions> options, IConfiguration configuration)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    private readonly Lazy<byte[]> _key = new(() => LoadKey(options.Value, configuration));

    public string Sign(Guid fileId, long expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key.Value, Message(fileId, expires)));

    /// <summary>Whether <paramref name="signature"/> is this server's for the file and time, compared in constant time.</summary>
    public bool IsValid(Guid fileId, long expires, string signature)
    {
        Span<byte> given = stackalloc byte[64];
        if (!Base64Url.IsValid(signature) || !Base64Url.TryDecodeFromChars(signature, given, out var length))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(_key.Value, Message(fileId, expires));
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }

    private static byte[] Message(Guid fileId, long expires) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{fileId:D}\n{expires}"));

    /// <summary>
    /// <c>Portico:Files:SigningKey</c>; else a key derived from <c>Portico:Auth:SigningKey</c> (HKDF, so a
    /// download signature can never pass as a token signature); else one generated once into the key file.
    /// </summary>
    private static byte[] LoadKey(FilesOptions options, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(options.SigningKey)
            ? PlatformKeys.Derive(configuration, "portico:files:signed-urls", options.KeyFile)
            : Convert.FromBase64String(options.SigningKey);

    /// <summary>For start-up validation: base64 of at least 32 bytes.</summary>
    public static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}
