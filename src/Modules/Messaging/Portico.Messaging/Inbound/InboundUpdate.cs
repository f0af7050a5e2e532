using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Messaging.Inbound;

/// <summary>
/// A Telegram update as it arrived, stored before it is acknowledged: the inbox the processor works through. One row per
/// bot and <c>update_id</c> (a repeated delivery is a no-op); <see cref="ProcessedAt"/> is set in the transaction that
/// stores its effects, so each update takes effect exactly once, also across a crash.
/// </summary>
internal sealed class InboundUpdate : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BotId { get; set; }

    public long UpdateId { get; set; }

    /// <summary>The update's JSON as Telegram sent it.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>The update's kind when it was stored and skipped (<c>poll</c>, <c>chat_member</c>…), or why processing failed.</summary>
    public string? Note { get; set; }

    public int Attempts { get; set; }
}

internal sealed class InboundUpdateConfiguration : IEntityTypeConfiguration<InboundUpdate>
{
    public void Configure(EntityTypeBuilder<InboundUpdate> builder)
    {
        builder.ToTable("inbound_updates");
        builder.Property(u => u.Payload).HasMaxLength(InboundLimits.MaxUpdateBytes);
        builder.Property(u => u.Note).HasMaxLength(500);
        builder.HasIndex(u => new { u.BotId, u.UpdateId }).IsUnique();
        // The processor's queue: what is left to do, oldest first (a partial index: done rows cost it nothing).
        builder.HasIndex(u => u.Id).HasFilter("processed_at IS NULL").HasDatabaseName("ix_inbound_updates_pending");
    }
}

internal static class InboundLimits
{
    /// <summary>Telegram's updates are a few kilobytes; a megabyte leaves room for long texts and captions and bounds a forged one.</summary>
    public const int MaxUpdateBytes = 1 << 20;
}
