using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Messaging.Broadcasts;

/// <summary>
/// One message (text, or a photo with a caption, with optional buttons) sent by a bot to all its users or to a segment,
/// now or at a set time. Each recipient is a queued outgoing message of their conversation (<c>broadcast_id</c>), so
/// the conversation shows what went out and the job resumes where it stopped. Its counters are written with SQL
/// increments, never through the tracked record: the audit log keeps who created, paused, resumed or cancelled it,
/// not every second of its progress.
/// </summary>
internal sealed class Broadcast : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid BotId { get; set; }

    /// <summary>The message, or the photo's caption.</summary>
    public required string Text { get; set; }

    /// <summary>An https URL Telegram fetches, or the file id of a photo Telegram already has.</summary>
    public string? Photo { get; set; }

    /// <summary>Telegram's <c>reply_markup</c> (inline buttons), as JSON.</summary>
    public string? ReplyMarkup { get; set; }

    /// <summary>Who receives it, as JSON (<see cref="BroadcastSegment"/>); evaluated when it starts.</summary>
    public string Segment { get; set; } = "{}";

    /// <summary><see cref="BroadcastStatuses"/>.</summary>
    public string Status { get; set; } = BroadcastStatuses.Scheduled;

    public DateTimeOffset ScheduledAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Changes on every start and resume: a slice of the job carrying an older token stops, so a quick pause and resume never runs two senders.</summary>
    public Guid RunToken { get; set; }

    public required string CreatedBy { get; set; }

    public int Total { get; set; }

    public int Sent { get; set; }

    public int Failed { get; set; }

    /// <summary>Recipients who had blocked the bot (Telegram's 403); they are marked and left out of later broadcasts.</summary>
    public int Blocked { get; set; }
}

internal static class BroadcastStatuses
{
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Scheduled, Running, Paused, Completed, Cancelled];

    public static bool IsFinal(string status) => status is Completed or Cancelled;
}

internal sealed class BroadcastConfiguration : IEntityTypeConfiguration<Broadcast>
{
    public void Configure(EntityTypeBuilder<Broadcast> builder)
    {
        builder.ToTable("broadcasts");
        builder.Property(b => b.Text).HasMaxLength(4096);
        builder.Property(b => b.Photo).HasMaxLength(1000);
        builder.Property(b => b.ReplyMarkup).HasMaxLength(10000);
        builder.Property(b => b.Segment).HasMaxLength(4000);
        builder.Property(b => b.Status).HasMaxLength(10);
        builder.Property(b => b.CreatedBy).HasMaxLength(100);
        builder.HasIndex(b => new { b.TenantId, b.BotId, b.CreatedAt, b.Id });
    }
}
