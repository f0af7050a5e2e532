using System.Diagnostics;
using System.Text.Json;
using Shouldly;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>
/// How long a test waits for something asynchronous (a delivery, a pushed event, a server start) before it gives
/// up. Waits poll and return as soon as the condition holds, so a generous cap costs a passing test nothing; it
/// only keeps a busy CI machine (2 cores, load 30) from failing a test that is merely slow there.
/// <c>PORTICO_TEST_PATIENCE_SECONDS</c> overrides the cap.
/// </summary>
public static class Patience
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("PORTICO_TEST_PATIENCE_SECONDS"), out var seconds) && seconds > 0 ? seconds : 300);

    /// <summary>A token that cancels after the cap, for waits that take a <see cref="CancellationToken"/>.</summary>
    public static CancellationTokenSource Token() => new(Cap);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; fails naming <paramref name="what"/> and the last value after the cap.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > Cap)
            {
                throw new ShouldAssertException($"Waited {Cap.TotalSeconds:0} s for {what}; last seen: {Describe(value)}");
            }

            // Quick polls first (most waits end within a second), then gentler ones that leave the CPU to the server.
            await Task.Delay(clock.Elapsed < TimeSpan.FromSeconds(2) ? 50 : 250);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what) => EventuallyAsync(condition, ok => ok, what);

    private static string Describe<T>(T value) => value switch
    {
        JsonElement element => element.ToString(),
        string text => text,
        _ => JsonSerializer.Serialize(value),
    };
}
