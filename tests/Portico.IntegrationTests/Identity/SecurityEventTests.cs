using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>Failed sign-ins, throttles, token reuse, revoked sessions and 401/403 answers are counted at /metrics.</summary>
public abstract partial class SecurityEventTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _anonymous = app.CreateClient();

    private static readonly string[] Kinds =
        ["sign-in-failed", "sign-in-throttled", "refresh-token-reuse", "session-revoked", "unauthorized", "forbidden", "throttle-lifted"];

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        var text = await app.CreateClient().GetStringAsync("/metrics");
        var counts = Kinds.ToDictionary(k => k, _ => 0L);
        foreach (Match match in SecurityEventLine().Matches(text))
        {
            if (counts.ContainsKey(match.Groups["kind"].Value))
            {
                counts[match.Groups["kind"].Value] += long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }

    [Fact]
    public async Task Each_kind_of_security_event_is_counted_at_metrics()
    {
        var before = await CountsAsync();
        var user = await app.RegisterAsync();

        // Failed sign-ins until the address has to wait, then the owner's way back in.
        for (var i = 0; i < 6; i++)
        {
            await _anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = $"wrong guess {i}" });
        }

        (await _anonymous.PostJson("/api/v1/auth/magic-link", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var tokens = await (await _anonymous.PostJson("/api/v1/auth/magic-link/verify", new { token = app.Smtp.LastLinkToken(user.Email) })).ShouldBe(HttpStatusCode.OK);

        // A refresh token replayed: the session is revoked.
        (await _anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // No token, and an ordinary user at a platform administrator's endpoint.
        (await _anonymous.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await user.Client(app).GetAsync("/api/v1/admin/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The exporter caches a scrape briefly: poll until every kind has moved.
        var deadline = DateTime.UtcNow + Patience.Cap;
        Dictionary<string, long> after;
        do
        {
            await Task.Delay(300);
            after = await CountsAsync();
        }
        while (Kinds.Any(k => after[k] <= before[k]) && DateTime.UtcNow < deadline);

        after["sign-in-failed"].ShouldBeGreaterThanOrEqualTo(before["sign-in-failed"] + 5);
        foreach (var kind in Kinds)
        {
            after[kind].ShouldBeGreaterThan(before[kind], kind);
        }
    }

    [Fact]
    public async Task Metrics_and_answers_never_carry_the_address_or_password()
    {
        var email = Accounts.NewEmail("secret");
        await _anonymous.PostJson("/api/v1/auth/login", new { email, password = "hunter2 is my password" });
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        metrics.ShouldNotContain(email);
        metrics.ShouldNotContain("hunter2");
    }

    [GeneratedRegex("""^portico_security_events_total\{[^}]*kind="(?<kind>[a-z-]+)"[^}]*\} (?<value>\d+)""", RegexOptions.Multiline)]
    private static partial Regex SecurityEventLine();
}

public sealed class SecurityEventsOnSqlite(SqliteFactory app) : SecurityEventTests<SqliteFactory>(app);

public sealed class SecurityEventsOnPostgres(PostgresFactory app) : SecurityEventTests<PostgresFactory>(app);
