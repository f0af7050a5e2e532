using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;
using Portico.MailTests;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>A signed-in test user: their email, password and current tokens.</summary>
public sealed record TestUser(string Email, string Password, string AccessToken, string RefreshToken)
{
    public HttpClient Client(PorticoFactory app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }
}

/// <summary>Account flows as a user performs them: through the API and the mailbox of the real SMTP server.</summary>
public static partial class Accounts
{
    public const string Password = "a perfectly long passphrase";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@portico.test";

    public static IReadOnlyList<MimeMessage> MailFor(this LoopbackSmtpServer smtp, string address) =>
        smtp.Received.Where(m => m.To.Mailboxes.Any(x => Portico.Kernel.Security.EmailAddresses.SameMailbox(x.Address, address))).ToList(); // MimeKit may show an IDN domain in Unicode

    /// <summary>The 6-digit code in the newest email to this address.</summary>
    public static string LastCode(this LoopbackSmtpServer smtp, string address) =>
        SixDigits().Match((smtp.MailFor(address)[^1].TextBody ?? "")).Value is { Length: 6 } code ? code : throw new InvalidOperationException("No code in the last email.");

    /// <summary>The token at the end of the link in the newest email to this address.</summary>
    public static string LastLinkToken(this LoopbackSmtpServer smtp, string address) =>
        Uri.UnescapeDataString(LinkToken().Match(smtp.MailFor(address)[^1].TextBody ?? "").Groups[1].Value);

    public static async Task<TestUser> RegisterAsync(this PorticoFactory app, string? email = null, string locale = "en")
    {
        email ??= NewEmail();
        var client = app.CreateClient();
        (await client.PostJson("/api/v1/auth/register", new { email, password = Password, fullName = "Test Person", locale })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var tokens = await (await client.PostJson("/api/v1/auth/verify-email", new { email, code = app.Smtp.LastCode(email) })).ShouldBe(HttpStatusCode.OK);
        return new TestUser(email, Password, tokens.Str("accessToken"), tokens.Str("refreshToken"));
    }

    public static async Task<JsonElement> SignInAsync(this PorticoFactory app, string email, string password) =>
        await (await app.CreateClient().PostJson("/api/v1/auth/login", new { email, password })).Json();

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits), as an authenticator app computes it.</summary>
    public static string Totp(string base32Secret, DateTimeOffset? at = null)
    {
        var key = Base32(base32Secret);
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.TrimEnd('=').ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"(?:token=|/invitations/)([A-Za-z0-9_%\-]+)")]
    private static partial Regex LinkToken();
}
