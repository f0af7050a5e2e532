namespace Portico.Webhooks;

/// <summary>Settings under <c>Portico:Webhooks</c>, checked at start-up.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Portico:Webhooks";

    /// <summary>
    /// About three days from the first attempt to the last: 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 12 h, 24 h, 24 h
    /// (≈ 3 days 5 hours), so a receiver that is down over a weekend still gets every event.
    /// </summary>
    public static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(12), TimeSpan.FromHours(24), TimeSpan.FromHours(24),
    ];

    /// <summary>How long one attempt may take (connect, send, first bytes of the answer) before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Waits between attempts after a failure; empty means <see cref="DefaultRetryDelays"/>. One first attempt plus one per delay.</summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>An endpoint whose last this many attempts all failed (across deliveries)...</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 20;

    /// <summary>...and has been failing at least this long is disabled, and the tenant's Owners are emailed.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long finished deliveries and their attempts are kept; pending ones stay until they finish.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Endpoints one tenant may register.</summary>
    public int MaxEndpointsPerTenant { get; set; } = 20;

    /// <summary>The configured delays, or the default ones (configuration binding appends to a pre-filled array, so the default is applied here).</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;
}
