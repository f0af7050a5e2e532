using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Messaging.Conversations;

/// <summary>
/// One chat of one bot: its messages, who answers it, whether it is open, and the lead it became. Not audited: it
/// changes with every message (and its preview is the user's text, which does not belong in the audit log).
/// </summary>
internal sealed class Conversation : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BotId { get; set; }

    public long ChatId { get; set; }

    public Guid ChatUserId { get; set; }

    /// <summary>Shown in lists: the user's name as Telegram gave it.</summary>
    public required string Title { get; set; }

    public string Status { get; set; } = ConversationStatuses.Open;

    public Guid? AssigneeId { get; set; }

    /// <summary>Incoming messages since a member last read the conversation.</summary>
    public int UnreadCount { get; set; }

    public DateTimeOffset LastMessageAt { get; set; }

    public string? LastMessagePreview { get; set; }

    /// <summary>When the first incoming message not yet answered arrived (first-response time).</summary>
    public DateTimeOffset? AwaitingReplySince { get; set; }

    public Guid? LeadId { get; set; }

    /// <summary>When the conversation first became a lead (analytics count leads by this time).</summary>
    public DateTimeOffset? LeadCapturedAt { get; set; }

    /// <summary>The question flow of lead capture: the index of the question asked last (null: no flow running).</summary>
    public int? QuestionAsked { get; set; }

    /// <summary>Answers collected so far, JSON object (question → answer).</summary>
    public string Answers { get; set; } = "{}";
}

internal static class ConversationStatuses
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static readonly string[] All = [Open, Closed];
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Status).HasMaxLength(10);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(200);
        builder.Property(c => c.Answers).HasMaxLength(20000);
        builder.HasIndex(c => new { c.TenantId, c.BotId, c.ChatId }).IsUnique();
        // Leads per period (bot analytics).
        builder.HasIndex(c => new { c.TenantId, c.BotId, c.LeadCapturedAt }).HasFilter("lead_captured_at IS NOT NULL");
        // The inbox: most recent first.
        builder.HasIndex(c => new { c.TenantId, c.LastMessageAt, c.Id });
    }
}
