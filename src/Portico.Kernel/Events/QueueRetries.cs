using Microsoft.Extensions.Configuration;

namespace Portico.Kernel.Events;

/// <summary>
/// How often a failing queue handler is tried before its message goes to the dead letters
/// (<c>Portico:Messaging:RetryDelays</c>). One home for the bus that applies it and for handlers that
/// record a failure as final on the last attempt.
/// </summary>
public static class QueueRetries
{
    public const string Section = "Portico:Messaging:RetryDelays";

    public static readonly TimeSpan[] DefaultDelays =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
    ];

    /// <summary>The configured delays, replacing the defaults as a whole (never appended to them).</summary>
    public static TimeSpan[] Delays(IConfiguration configuration)
    {
        var configured = configuration.GetSection(Section).Get<TimeSpan[]>();
        return configured is { Length: > 0 } ? configured : DefaultDelays;
    }

    /// <summary>The first attempt plus one per delay.</summary>
    public static int MaxAttempts(IConfiguration configuration) => Delays(configuration).Length + 1;
}
