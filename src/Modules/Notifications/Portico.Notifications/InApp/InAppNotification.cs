using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Notifications.InApp;

/// <summary>A notification shown inside the application to one member of a tenant, until they mark it read.</summary>
internal sealed class InAppNotification : Entity, ITenantOwned
{
    public const int MaxBody = 4000;

    public Guid TenantId { get; set; }

    public Guid UserId { get; init; }

    /// <summary>The delivery that stored it: a retried delivery never stores a second one.</summary>
    public Guid DeliveryId { get; init; }

    public required string EventType { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed record InAppNotificationView(Guid Id, string EventType, string Title, string Body, bool Read, DateTimeOffset? ReadAt, DateTimeOffset CreatedAt)
{
    public static InAppNotificationView From(InAppNotification n) => new(n.Id, n.EventType, n.Title, n.Body, n.ReadAt is not null, n.ReadAt, n.CreatedAt);
}

internal sealed class InAppNotificationConfiguration : IEntityTypeConfiguration<InAppNotification>
{
    public void Configure(EntityTypeBuilder<InAppNotification> builder)
    {
        builder.ToTable("in_app_notifications");
        builder.Property(n => n.EventType).HasMaxLength(100);
        builder.Property(n => n.Title).HasMaxLength(1000);
        builder.Property(n => n.Body).HasMaxLength(InAppNotification.MaxBody);
        builder.HasIndex(n => n.DeliveryId).IsUnique();
        builder.HasIndex(n => new { n.TenantId, n.UserId, n.CreatedAt, n.Id });
    }
}
