using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Portico.Identity.External;

/// <summary>Settings under <c>Portico:Auth:Telegram</c>.</summary>
internal sealed class TelegramLoginOptions
{
    public const string Section = "Portico:Auth:Telegram";

    /// <summary>The login bot's token from @BotFather; the widget's payload is signed with its SHA-256.</summary>
    public string? BotToken { get; set; }

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Sign-in with the Telegram Login Widget (https://core.telegram.org/widgets/login): the browser posts
/// the widget's fields; we check <c>hash</c> = HMAC-SHA256(key = SHA-256(bot token), the other fields
/// as sorted <c>key=value</c> lines) and that <c>auth_date</c> is under a day old. Signed in, the call
/// links Telegram to the current account; otherwise it signs in the linked account or creates one.
/// </summary>
internal static class TelegramLogin
{
    public const string Provider = "telegram";

    internal sealed class Handler(ExternalAccounts accounts, IOptions<TelegramLoginOptions> options, TimeProvider clock)
    {
        public async Task<Accounts.Login.Response> HandleAsync(JsonElement payload, Guid? currentUser, CancellationToken ct)
        {
            var botToken = options.Value.BotToken;
            if (string.IsNullOrEmpty(botToken))
            {
                throw new NotFoundException("Sign-in provider", Provider);
            }

            var fields = Verify(payload, botToken, clock.GetUtcNow(), options.Value.MaxAge);
            var telegramId = fields["id"];
            var name = string.Join(' ', new[] { fields.GetValueOrDefault("first_name"), fields.GetValueOrDefault("last_name") }.Where(n => !string.IsNullOrEmpty(n)));

            return await accounts.SignInAsync(new ExternalIdentity(Provider, telegramId, Email: null, EmailVerified: false, name), currentUser, ct);
        }

        internal static Dictionary<string, string> Verify(JsonElement payload, string botToken, DateTimeOffset now, TimeSpan maxAge)
        {
            if (payload.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("Send the Telegram widget's fields as a JSON object.", "invalid-telegram-payload");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                foreach (var property in payload.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString()!,
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => throw new BadRequestException($"Telegram field '{property.Name}' must be a string or a number.", "invalid-telegram-payload"),
                    };
                }
            }
            catch (InvalidOperationException)
            {
                // JsonElement defers UTF-8 validation of strings until they are read.
                throw new BadRequestException("The Telegram payload is not valid UTF-8 JSON.", "invalid-telegram-payload");
            }

            if (!fields.Remove("hash", out var hash) || !fields.ContainsKey("id") || !fields.TryGetValue("auth_date", out var authDate))
            {
                throw new BadRequestException("The Telegram payload needs id, auth_date and hash.", "invalid-telegram-payload");
            }

            var dataCheck = string.Join('\n', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
            var secret = SHA256.HashData(Encoding.UTF8.GetBytes(botToken));
            var expected = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(dataCheck));
            byte[] given;
            try
            {
                given = Convert.FromHexString(hash);
            }
            catch (FormatException)
            {
                given = [];
            }

            if (!CryptographicOperations.FixedTimeEquals(expected, given))
            {
                throw new UnauthorizedException("The Telegram signature does not match.");
            }

            if (!long.TryParse(authDate, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)) > maxAge)
            {
                throw new UnauthorizedException("The Telegram sign-in is older than a day. Sign in again.");
            }

            return fields;
        }
    }

    internal static void Map(RouteGroupBuilder auth) => auth
        .MapPost("/external/telegram", async Task<Ok<Accounts.Login.Response>> (JsonElement payload, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(payload, principal.TryGetUserId(), ct)))
        .RequireRateLimiting(IdentityRateLimits.SignIn)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .WithSummary("Sign in (or link, when signed in) with the Telegram Login Widget's signed payload");
}
