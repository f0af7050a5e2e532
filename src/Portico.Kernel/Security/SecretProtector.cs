using Microsoft.AspNetCore.DataProtection;

namespace Portico.Kernel.Security;

/// <summary>
/// The purposes secrets are encrypted under: one per kind of secret, so a ciphertext of one kind never opens as
/// another. Never change a value, or what was stored under it can no longer be read.
/// </summary>
public static class SecretPurposes
{
    /// <summary>Webhook endpoints' signing secrets (<c>whsec_…</c>), current and previous.</summary>
    public const string WebhookSigningSecret = "Portico.Webhooks.SigningSecret.v1";

    /// <summary>Tenants' own channel credentials: the Slack incoming-webhook URL, the Telegram bot token.</summary>
    public const string NotificationChannelSecret = "Portico.Notifications.ChannelSecret.v1";

    /// <summary>Answers kept for <c>Idempotency-Key</c> retries: they carry whatever the request returned (names, emails).</summary>
    public const string IdempotentResponse = "Portico.Idempotency.Response.v1";
}

/// <summary>
/// The one home for secrets the platform must read back (it cannot keep only a hash of them): webhook signing
/// secrets and tenants' channel tokens now, bot and calendar tokens later. Stored values are ASP.NET Core Data
/// Protection ciphertexts (authenticated encryption under keys that roll over and stay readable, kept in the
/// database or Redis, see <c>docs/operations.md</c>), marked with <see cref="Prefix"/>. A value without the
/// prefix is a row from before encryption: it is still read as it is until the start-up step encrypts it.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    /// <summary>Marks an encrypted value and its format version.</summary>
    public const string Prefix = "enc1:";

    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The value to store for <paramref name="plaintext"/> (null stays null).</summary>
    public string? Protect(string purpose, string? plaintext) =>
        plaintext is null ? null : Prefix + provider.CreateProtector(purpose).Protect(plaintext);

    /// <summary>The secret behind a stored value (null stays null; a value from before encryption is returned as it is).</summary>
    public string? Reveal(string purpose, string? stored) =>
        IsProtected(stored) ? provider.CreateProtector(purpose).Unprotect(stored![Prefix.Length..]) : stored;

    /// <summary>Bytes to store for <paramref name="plaintext"/>, marked with the prefix like strings.</summary>
    public byte[] Protect(string purpose, byte[] plaintext) => [.. PrefixBytes, .. provider.CreateProtector(purpose).Protect(plaintext)];

    /// <summary>The bytes behind stored bytes (bytes stored before encryption are returned as they are).</summary>
    public byte[] Reveal(string purpose, byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.AsSpan().StartsWith(PrefixBytes) ? provider.CreateProtector(purpose).Unprotect(stored[PrefixBytes.Length..]) : stored;
    }

    private static readonly byte[] PrefixBytes = System.Text.Encoding.ASCII.GetBytes(Prefix);

    /// <summary>How an API shows a secret: its last four characters at most, never the whole.</summary>
    public static string? Mask(string? secret) => secret is null ? null : "…" + secret[^Math.Min(4, secret.Length)..];
}
