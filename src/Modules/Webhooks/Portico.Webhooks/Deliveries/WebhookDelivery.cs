using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Webhooks.Deliveries;

/// <summary>Where a delivery stands.</summary>
internal static class DeliveryStatus
{
    /// <summary>Waiting for its first attempt or for a retry.</summary>
    public const string Pending = "pending";

    /// <summary>An attempt got a 2xx answer.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Every scheduled attempt failed, or the endpoint was disabled or deleted meanwhile.</summary>
    public const string Failed = "failed";

    public static readonly string[] All = [Pending, Succeeded, Failed];
}

/// <summary>
/// One event for one endpoint: the exact body sent on every attempt, and where it stands. Unique per
/// endpoint and event id, so an event the bus hands over twice is delivered once.
/// </summary>
internal sealed class WebhookDelivery : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid EndpointId { get; init; }

    /// <summary>The integration event's id (<c>Portico-Event-Id</c>), the receiver's deduplication key.</summary>
    public Guid EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The JSON body, fixed when the delivery is created, so every attempt sends the same bytes.</summary>
    public required string Payload { get; init; }

    public string Status { get; set; } = DeliveryStatus.Pending;

    /// <summary>All attempts made, automatic and manual.</summary>
    public int AttemptCount { get; set; }

    /// <summary>Attempts made by the retry schedule; they decide the next wait and when to give up.</summary>
    public int ScheduledAttempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    /// <summary>
    /// Names the one queued message allowed to make the next attempt. A message carrying another token (an
    /// older retry replaced by a redelivery, a copy the bus hands over again) does nothing.
    /// </summary>
    public Guid? AttemptToken { get; set; }

    /// <summary>Set while an attempt is on the wire, so a second copy of the same message does not send in parallel.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery and its outcome (the status code; the body of the answer is not kept).</summary>
internal sealed class WebhookAttempt : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid DeliveryId { get; init; }

    /// <summary>Repeated here so the endpoint's recent failures are one indexed read (the auto-disable rule).</summary>
    public Guid EndpointId { get; init; }

    /// <summary>1 for the first attempt of the delivery.</summary>
    public int Number { get; init; }

    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>True for a redelivery asked for through the API; false for the first attempt and scheduled retries.</summary>
    public bool Manual { get; init; }

    public bool Succeeded { get; init; }

    /// <summary>The HTTP status code; null when no answer came (timeout, refused connection, blocked address).</summary>
    public int? StatusCode { get; init; }

    public int DurationMs { get; init; }

    /// <summary>Why the attempt failed, as a short fixed status (<c>HTTP 500</c>, <c>timeout</c>, <c>refused by address policy</c>...): never the answer's body.</summary>
    public string? Error { get; init; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>, IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("deliveries");
        builder.Property(d => d.EventType).HasMaxLength(100);
        builder.Property(d => d.Status).HasMaxLength(10);
        builder.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt, d.Id });
    }

    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("attempts");
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasIndex(a => new { a.DeliveryId, a.Number });
        builder.HasIndex(a => new { a.EndpointId, a.AttemptedAt });
    }
}
