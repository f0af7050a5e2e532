using System.Globalization;
using System.Net;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>
/// Password guessing meets progressive waits keyed by the address, with answers that do not tell a known
/// account from an unknown one, and that never keep the owner out (default settings: 5 free failures,
/// then 2 s, 4 s, 8 s … up to 15 minutes).
/// </summary>
public abstract class SignInThrottleTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : PorticoFactory
{
    private readonly HttpClient _anonymous = app.CreateClient();

    /// <summary>What an attacker can see of one answer: status, Retry-After and the problem's fixed fields.</summary>
    private async Task<string> ObservedAsync(string email, string password)
    {
        var response = await _anonymous.PostJson("/api/v1/auth/login", new { email, password });
        var body = await response.Json();
        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : "-";
        return $"{(int)response.StatusCode} retry-after={retryAfter} type={body.Str("type")} title={body.Str("title")} detail={body.Str("detail")}";
    }

    private async Task ThrottleAsync(string email)
    {
        for (var i = 0; i < 5; i++)
        {
            (await _anonymous.PostJson("/api/v1/auth/login", new { email, password = $"wrong guess {i}" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await _anonymous.PostJson("/api/v1/auth/login", new { email, password = "wrong guess 6" })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_known_and_an_unknown_address_hammered_side_by_side_get_the_same_answers()
    {
        var known = (await app.RegisterAsync()).Email;
        var unknown = Accounts.NewEmail("ghost");

        var knownAnswers = new List<string>();
        var unknownAnswers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            knownAnswers.Add(await ObservedAsync(known, $"guess number {i}"));
            unknownAnswers.Add(await ObservedAsync(unknown, $"guess number {i}"));
        }

        unknownAnswers.ShouldBe(knownAnswers);
        knownAnswers.Take(5).ShouldAllBe(a => a.StartsWith("401 retry-after=- ", StringComparison.Ordinal));
        knownAnswers.Skip(5).ShouldAllBe(a => a.StartsWith("429 retry-after=2 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_throttled_even_the_right_password_waits_and_each_further_failure_waits_longer()
    {
        var user = await app.RegisterAsync();
        await ThrottleAsync(user.Email);
        var waiting = await _anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = user.Password });
        await waiting.ShouldBeProblem(HttpStatusCode.TooManyRequests);

        var waits = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            var refused = await _anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = "still guessing" });
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            waits.Add(wait);
            await Task.Delay(TimeSpan.FromSeconds(wait) + TimeSpan.FromMilliseconds(150));
            if (round < 2)
            {
                (await _anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = $"after waiting {round}" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }
        }

        waits.ShouldBe([2, 4, 8]);
        (await app.SignInAsync(user.Email, user.Password)).TryGetProperty("accessToken", out _).ShouldBeTrue("after the wait the right password signs in");
    }

    [Fact]
    public async Task While_throttled_the_owner_gets_back_in_with_a_password_reset()
    {
        var user = await app.RegisterAsync();
        await ThrottleAsync(user.Email);

        (await _anonymous.PostJson("/api/v1/auth/password/forgot", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _anonymous.PostJson("/api/v1/auth/password/reset", new { email = user.Email, code = app.Smtp.LastCode(user.Email), newPassword = "violet harbour lanterns" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await app.SignInAsync(user.Email, "violet harbour lanterns")).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task While_throttled_the_owner_gets_back_in_with_a_magic_link_and_then_the_password_works_again()
    {
        var user = await app.RegisterAsync();
        await ThrottleAsync(user.Email);

        (await _anonymous.PostJson("/api/v1/auth/magic-link", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var tokens = await (await _anonymous.PostJson("/api/v1/auth/magic-link/verify", new { token = app.Smtp.LastLinkToken(user.Email) })).ShouldBe(HttpStatusCode.OK);
        tokens.TryGetProperty("accessToken", out _).ShouldBeTrue();

        (await app.SignInAsync(user.Email, user.Password)).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Parallel_guesses_get_no_more_tries_than_sequential_ones()
    {
        var user = await app.RegisterAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            app.CreateClient().PostJson("/api/v1/auth/login", new { email = user.Email, password = $"parallel guess {i}" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(5);
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(15);
    }

    [Fact]
    public async Task Guessing_reset_codes_meets_the_same_waits_for_a_known_and_an_unknown_address()
    {
        var user = await app.RegisterAsync();
        var unknown = Accounts.NewEmail("nobody");
        (await _anonymous.PostJson("/api/v1/auth/password/forgot", new { email = user.Email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var code = app.Smtp.LastCode(user.Email);
        var wrong = code == "000000" ? "111111" : "000000";

        foreach (var email in new[] { user.Email, unknown })
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 6; i++)
            {
                statuses.Add((await _anonymous.PostJson("/api/v1/auth/password/reset", new { email, code = wrong, newPassword = "guessed my way in" })).StatusCode);
            }

            statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.UnprocessableEntity, 5), HttpStatusCode.TooManyRequests], email);
        }

        // Password sign-in is a separate count: the owner is not locked out by someone guessing codes.
        (await app.SignInAsync(user.Email, user.Password)).TryGetProperty("accessToken", out _).ShouldBeTrue();
    }
}

public sealed class SignInThrottleOnSqlite(SqliteFactory app) : SignInThrottleTests<SqliteFactory>(app);

public sealed class SignInThrottleOnPostgres(PostgresFactory app) : SignInThrottleTests<PostgresFactory>(app);
