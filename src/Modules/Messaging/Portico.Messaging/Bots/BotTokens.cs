using System.Security.Cryptography;
using System.Text;

namespace Portico.Messaging.Bots;

/// <summary>Bot tokens encrypted at rest, and the webhook secrets Telegram sends back with every update.</summary>
internal sealed class BotTokens(SecretProtector secrets)
{
    private const string Purpose = "Portico.Messaging.BotToken.v1";

    public string Protect(string token) => secrets.Protect(Purpose, token)!;

    public string Reveal(Bot bot) => secrets.Reveal(Purpose, bot.Token)!;

    public static string Hint(string token) => token.Length <= 4 ? "…" : "…" + token[^4..];

    /// <summary>Telegram's tokens look like <c>123456789:AAH…</c>: the bot's id, a colon, 30+ URL-safe characters.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: >= 20 and <= 100 } && token.IndexOf(':') is > 0 and var colon && token[..colon].All(char.IsAsciiDigit)
        && token[(colon + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A new <c>secret_token</c> for <c>setWebhook</c>: 1–256 characters of A–Z, a–z, 0–9, _ and -.</summary>
    public static string NewWebhookSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
