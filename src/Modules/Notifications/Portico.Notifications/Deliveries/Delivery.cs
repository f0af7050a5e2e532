using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Notifications.Deliveries;

/// <summary>Where a delivery stands.</summary>
internal static class DeliveryStatus
{
    /// <summary>Waiting to be sent (at once, after a delay, or after the recipient's quiet hours).</summary>
    public const string Queued = "queued";

    public const string Sent = "sent";

    /// <summary>The provider failed for now; the queue retries with backoff.</summary>
    public const string Retrying = "retrying";

    /// <summary>Refused for good, or still failing after the last retry.</summary>
    public const string Failed = "failed";

    /// <summary>Not sent on purpose: the recipient opted out, has no address on the channel, or the trigger was switched off.</summary>
    public const string Skipped = "skipped";

    /// <summary>
    /// Still failing after the last retry: the message waits in the dead letters. Not final: when an operator
    /// replays it (after fixing the cause), it is sent.
    /// </summary>
    public const string DeadLettered = "dead-lettered";

    public static readonly string[] All = [Queued, Sent, Retrying, Failed, Skipped, DeadLettered];

    public static bool IsFinal(string status) => status is Sent or Failed or Skipped;
}

/// <summary>
/// One message to one recipient on one channel, made by one trigger for one event: the unit of the delivery log,
/// of retries and of idempotency. Unique per (event, trigger, recipient), so a redelivered event adds nothing.
/// </summary>
internal sealed class Delivery : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EventId { get; init; }

    public required string EventType { get; init; }

    public Guid TriggerId { get; init; }

    public required string Channel { get; init; }

    public required string RecipientKind { get; init; }

    /// <summary>The address (email, phone, chat id, webhook URL, user id for push and in-app), or <c>user:{id}</c> when a member has none on this channel.</summary>
    public required string Recipient { get; init; }

    public Guid? RecipientUserId { get; init; }

    public string? RecipientName { get; init; }

    public required string Locale { get; init; }

    /// <summary>The recipient's IANA time zone: quiet hours and times in the text.</summary>
    public string TimeZone { get; init; } = "UTC";

    public string Status { get; set; } = DeliveryStatus.Queued;

    /// <summary>The provider's answer (message id, status code and body), or why it was skipped or deferred.</summary>
    public string? ProviderAnswer { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? ScheduledFor { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }
}

/// <summary>
/// An event this module has handled, kept so that deliveries render from it later (delays, quiet hours, retries)
/// and so that a redelivered event is recognised at once.
/// </summary>
internal sealed class ReceivedEvent : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string EventType { get; init; }

    /// <summary>The integration event as JSON (<see cref="Kernel.Events.EventJson"/>).</summary>
    public required string Payload { get; init; }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>, IEntityTypeConfiguration<ReceivedEvent>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.Channel).HasMaxLength(20);
        builder.Property(d => d.RecipientKind).HasMaxLength(20);
        builder.Property(d => d.Recipient).HasMaxLength(2000);
        builder.Property(d => d.RecipientName).HasMaxLength(200);
        builder.Property(d => d.Locale).HasMaxLength(10);
        builder.Property(d => d.TimeZone).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.Property(d => d.ProviderAnswer).HasMaxLength(2000);
        builder.Property(d => d.Subject).HasMaxLength(500);
        builder.Property(d => d.Body).HasMaxLength(8000);
        builder.HasIndex(d => new { d.EventId, d.TriggerId, d.Recipient }).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.Status });
    }

    public void Configure(EntityTypeBuilder<ReceivedEvent> builder)
    {
        builder.ToTable("received_events");
        builder.Property(e => e.EventType).HasMaxLength(100);
    }
}
