using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;
using Portico.Kernel.Events;

namespace Portico.Notifications.Triggers;

/// <summary>
/// A rule: when an event of <see cref="EventType"/> happens, send its template on <see cref="Channel"/> to the
/// recipients, at once or after a delay (relative to the event, or to a time in the event's data).
/// </summary>
internal sealed class NotificationTrigger : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public string? Name { get; set; }

    /// <summary>An event type, <c>custom.*</c> type, or <c>*</c> for every event.</summary>
    public required string EventType { get; set; }

    public required string Channel { get; set; }

    /// <summary>JSON list of <see cref="RecipientSpec"/>.</summary>
    public required string Recipients { get; set; }

    /// <summary>Offset of the send time from the event (or from <see cref="DelayField"/>), in seconds; null is at once.</summary>
    public long? DelaySeconds { get; set; }

    /// <summary>A time in the event's data the offset is relative to (<c>startsAt</c>, <c>appointment.startsAt</c>).</summary>
    public string? DelayField { get; set; }

    /// <summary>Language for recipients whose own is unknown (fixed addresses); else English.</summary>
    public string? Locale { get; set; }

    public bool Enabled { get; set; } = true;

    public IReadOnlyList<RecipientSpec> RecipientSpecs() =>
        JsonSerializer.Deserialize<List<RecipientSpec>>(Recipients, EventJson.Options) ?? [];

    public static string Serialize(IEnumerable<RecipientSpec> recipients) => JsonSerializer.Serialize(recipients.ToList(), EventJson.Options);
}

/// <summary>
/// Who a trigger notifies: <c>role</c> (every member with the role named by value), <c>assignee</c> (the member
/// the event names), <c>user</c> (a member by id), <c>contact</c> (the outside person of the record),
/// <c>address</c> (a fixed email, phone, chat id or Slack webhook URL) or <c>default</c> (the tenant's Slack
/// webhook or Telegram chat).
/// </summary>
internal sealed record RecipientSpec(string Kind, string? Value = null)
{
    public const string Role = "role";
    public const string Assignee = "assignee";
    public const string User = "user";
    public const string Contact = "contact";
    public const string Address = "address";
    public const string Default = "default";

    public static readonly string[] Kinds = [Role, Assignee, User, Contact, Address, Default];
}

internal sealed class NotificationTriggerConfiguration : IEntityTypeConfiguration<NotificationTrigger>
{
    public void Configure(EntityTypeBuilder<NotificationTrigger> builder)
    {
        builder.ToTable("triggers");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.EventType).HasMaxLength(100);
        builder.Property(t => t.Channel).HasMaxLength(20);
        builder.Property(t => t.Recipients).HasMaxLength(10_000);
        builder.Property(t => t.DelayField).HasMaxLength(100);
        builder.Property(t => t.Locale).HasMaxLength(10);
        builder.HasIndex(t => new { t.TenantId, t.EventType });
        builder.HasIndex(t => new { t.TenantId, t.CreatedAt, t.Id });
    }
}
