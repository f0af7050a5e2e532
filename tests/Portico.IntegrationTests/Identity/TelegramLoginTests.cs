using System.Net;
using System.Security.Cryptography;
using System.Text;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>The Telegram Login Widget, with payloads signed exactly as Telegram signs them.</summary>
public abstract class TelegramLoginTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private static Dictionary<string, object> Signed(long id, DateTimeOffset authDate, string? botToken = null)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["first_name"] = "Иван",
            ["username"] = "ivan_" + id,
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var dataCheck = string.Join('\n', fields.Select(f => $"{f.Key}={f.Value}"));
        var hash = Convert.ToHexStringLower(HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken ?? PorticoFactory.TelegramBotToken)), Encoding.UTF8.GetBytes(dataCheck)));
        return new Dictionary<string, object>
        {
            ["id"] = id, ["first_name"] = fields["first_name"], ["username"] = fields["username"],
            ["auth_date"] = authDate.ToUnixTimeSeconds(), ["hash"] = hash,
        };
    }

    private static long NewTelegramId() => Random.Shared.NextInt64(100_000_000, 9_000_000_000);

    [Fact]
    public async Task A_signed_payload_creates_an_account_once_and_signs_it_in_again()
    {
        var id = NewTelegramId();
        var client = app.CreateClient();

        var first = await (await client.PostJson("/api/v1/auth/external/telegram", Signed(id, DateTimeOffset.UtcNow))).ShouldBe(HttpStatusCode.OK);
        var second = await (await client.PostJson("/api/v1/auth/external/telegram", Signed(id, DateTimeOffset.UtcNow))).ShouldBe(HttpStatusCode.OK);

        var me1 = await new TestUser("", "", first.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        var me2 = await new TestUser("", "", second.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk();
        me1.Str("id").ShouldBe(me2.Str("id"));
        me1.Str("fullName").ShouldBe("Иван");
    }

    [Fact]
    public async Task A_forged_or_stale_payload_is_refused()
    {
        var client = app.CreateClient();
        await (await client.PostJson("/api/v1/auth/external/telegram", Signed(NewTelegramId(), DateTimeOffset.UtcNow, botToken: "999:another-bot")))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        var tampered = Signed(NewTelegramId(), DateTimeOffset.UtcNow);
        tampered["id"] = 42L;
        await (await client.PostJson("/api/v1/auth/external/telegram", tampered)).ShouldBeProblem(HttpStatusCode.Unauthorized);

        await (await client.PostJson("/api/v1/auth/external/telegram", Signed(NewTelegramId(), DateTimeOffset.UtcNow.AddDays(-2))))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        var missing = Signed(NewTelegramId(), DateTimeOffset.UtcNow);
        missing.Remove("hash");
        await (await client.PostJson("/api/v1/auth/external/telegram", missing)).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_signed_in_user_links_telegram_and_then_signs_in_with_it_but_cannot_take_someone_elses()
    {
        var user = await app.RegisterAsync();
        var id = NewTelegramId();
        await (await user.Client(app).PostJson("/api/v1/auth/external/telegram", Signed(id, DateTimeOffset.UtcNow))).ShouldBe(HttpStatusCode.OK);

        var viaTelegram = await (await app.CreateClient().PostJson("/api/v1/auth/external/telegram", Signed(id, DateTimeOffset.UtcNow))).ShouldBe(HttpStatusCode.OK);
        (await new TestUser("", "", viaTelegram.Str("accessToken"), "").Client(app).GetAsync("/api/v1/me").ShouldBeOk()).Str("email").ShouldBe(user.Email);

        var other = await app.RegisterAsync();
        (await (await other.Client(app).PostJson("/api/v1/auth/external/telegram", Signed(id, DateTimeOffset.UtcNow))).ShouldBeProblem(HttpStatusCode.Conflict))
            .Str("type").ShouldEndWith("external-login-taken");
    }
}

public sealed class TelegramLoginOnSqlite(SqliteFactory app) : TelegramLoginTests<SqliteFactory>(app);

public sealed class TelegramLoginOnPostgres(PostgresFactory app) : TelegramLoginTests<PostgresFactory>(app);
