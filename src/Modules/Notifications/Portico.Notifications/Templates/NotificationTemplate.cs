using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Notifications.Templates;

/// <summary>A tenant's wording of one event type on one channel in one language, in Liquid.</summary>
internal sealed class NotificationTemplate : Entity, ITenantOwned, IAudited
{
    public const int MaxSubject = 500;
    public const int MaxBody = 8000;
    public const int MaxHtmlBody = 50_000;

    public Guid TenantId { get; set; }

    public required string EventType { get; set; }

    public required string Channel { get; set; }

    public required string Locale { get; set; }

    /// <summary>Email subject; the title of push, in-app, Telegram and Slack messages.</summary>
    public string? Subject { get; set; }

    /// <summary>The text: the whole message for SMS, the plain-text part of email.</summary>
    public required string Body { get; set; }

    /// <summary>Email only: the HTML part. Values are HTML-escaped when it renders.</summary>
    public string? HtmlBody { get; set; }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.ToTable("templates");
        builder.Property(t => t.EventType).HasMaxLength(100);
        builder.Property(t => t.Channel).HasMaxLength(20);
        builder.Property(t => t.Locale).HasMaxLength(10);
        builder.Property(t => t.Subject).HasMaxLength(NotificationTemplate.MaxSubject);
        builder.Property(t => t.Body).HasMaxLength(NotificationTemplate.MaxBody);
        builder.Property(t => t.HtmlBody).HasMaxLength(NotificationTemplate.MaxHtmlBody);
        builder.HasIndex(t => new { t.TenantId, t.EventType, t.Channel, t.Locale }).IsUnique();
        builder.HasIndex(t => new { t.TenantId, t.CreatedAt, t.Id });
    }
}
