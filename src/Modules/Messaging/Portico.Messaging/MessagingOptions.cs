namespace Portico.Messaging;

/// <summary>Settings under <c>Portico:Channels</c> (the bus owns <c>Portico:Messaging</c>): the Bot API and the inbound path.</summary>
internal sealed class MessagingOptions
{
    public const string Section = "Portico:Channels";

    public TelegramOptions Telegram { get; set; } = new();

    /// <summary>Inbound updates stored in one transaction at most (the group commit's batch).</summary>
    public int MaxUpdatesPerCommit { get; set; } = 1000;

    /// <summary>
    /// Writers committing inbound updates at the same time on PostgreSQL, each on its own connection: with two, one
    /// batch is inserted while the other's commit waits for the disk (SQLite always has one).
    /// </summary>
    public int InboundWriters { get; set; } = 2;

    /// <summary>How often the processor looks for stored updates when nothing woke it.</summary>
    public TimeSpan ProcessorIdlePoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While webhooks arrive in a burst, the processor takes on one batch per this interval at most, leaving the CPU to
    /// acknowledging; it catches up at full speed when the burst ends. Zero processes flat out whatever the load.
    /// </summary>
    public TimeSpan ProcessorBurstDeferral { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the health job asks Telegram about each active bot's webhook.</summary>
    public TimeSpan HealthCheckPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of a reply Telegram refused for a while (429, 5xx, network), waiting its <c>retry_after</c> or a backoff.</summary>
    public int SendAttempts { get; set; } = 4;

    /// <summary>The longest <c>retry_after</c> a reply waits for inline; longer waits fail the send (the member can retry).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A broadcast's pace per bot: Telegram allows about 30 messages a second to different chats.</summary>
    public int BroadcastMessagesPerSecond { get; set; } = 30;

    /// <summary>The longest <c>retry_after</c> a broadcast holds its bot for; longer, and that recipient fails.</summary>
    public TimeSpan BroadcastMaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class TelegramOptions
{
    /// <summary>The Bot API's address; tests and local Bot API servers change it.</summary>
    public string ApiUrl { get; set; } = "https://api.telegram.org";
}
