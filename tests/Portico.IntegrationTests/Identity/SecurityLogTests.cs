using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.IntegrationTests.Infrastructure;

namespace Portico.IntegrationTests.Identity;

/// <summary>A host whose log entries of the <c>Portico.Security</c> category are kept for the test to read.</summary>
public sealed class SecurityLogFactory : SqliteFactory
{
    public SecurityLogFactory() => Set("Logging:LogLevel:Portico.Security", "Information");

    public ConcurrentQueue<(EventId Id, string Message, Dictionary<string, string?> Properties)> Entries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CapturingProvider(Entries)));
    }

    private sealed class CapturingProvider(ConcurrentQueue<(EventId, string, Dictionary<string, string?>)> entries) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName == "Portico.Security" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId, formatter(state, exception),
                (state as IReadOnlyList<KeyValuePair<string, object?>> ?? []).ToDictionary(p => p.Key, p => p.Value?.ToString())));

        public void Dispose()
        {
        }
    }
}

public sealed class SecurityLogTests(SecurityLogFactory app) : IClassFixture<SecurityLogFactory>
{
    [Fact]
    public async Task A_failed_sign_in_and_a_replayed_refresh_token_are_logged_with_event_ids_and_no_secrets()
    {
        var user = await app.RegisterAsync();
        var anonymous = app.CreateClient();
        await anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = "hunter2 is my password" });
        (await anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostJson("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var accessToken = (await anonymous.PostJson("/api/v1/auth/login", new { email = user.Email, password = user.Password }).ShouldBe(HttpStatusCode.OK)).Str("accessToken");

        var failed = app.Entries.Where(e => e.Id.Id == 9001).ShouldHaveSingleItem();
        failed.Properties["Kind"].ShouldBe("sign-in-failed");
        failed.Properties["Reason"].ShouldBe("wrong-password");
        failed.Properties["Account"].ShouldStartWith($"{user.Email[0]}***@portico.test#");
        app.Entries.ShouldContain(e => e.Id.Id == 9006 && e.Properties["Kind"] == "refresh-token-reuse");
        app.Entries.ShouldContain(e => e.Id.Id == 9007 && e.Properties["Reason"] == "refresh-token-reuse");

        foreach (var entry in app.Entries)
        {
            var text = entry.Message + string.Join(' ', entry.Properties.Values);
            text.ShouldNotContain(user.Email);
            text.ShouldNotContain("hunter2");
            text.ShouldNotContain(user.RefreshToken);
            text.ShouldNotContain(accessToken);
        }
    }
}
