using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Messaging.Conversations;

/// <summary>A Telegram user who wrote to one of the tenant's bots: who they are on Telegram, and whether they blocked the bot.</summary>
internal sealed class ChatUser : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid BotId { get; set; }

    public long TelegramUserId { get; set; }

    public string? Username { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? LanguageCode { get; set; }

    /// <summary>The phone number the user shared with the bot (E.164 as Telegram gives it).</summary>
    public string? Phone { get; set; }

    public bool Blocked { get; set; }

    /// <summary>Members' labels for the user, stored as <c>|vip|promo|</c> so a broadcast segment finds a tag with one <c>LIKE</c> on both providers.</summary>
    public string Tags { get; set; } = "";

    public DateTimeOffset LastSeenAt { get; set; }

    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name
        ? name
        : Username is { } username ? "@" + username : TelegramUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class ChatUserConfiguration : IEntityTypeConfiguration<ChatUser>
{
    public void Configure(EntityTypeBuilder<ChatUser> builder)
    {
        builder.ToTable("chat_users");
        builder.Property(u => u.Username).HasMaxLength(64);
        builder.Property(u => u.FirstName).HasMaxLength(128);
        builder.Property(u => u.LastName).HasMaxLength(128);
        builder.Property(u => u.LanguageCode).HasMaxLength(16);
        builder.Property(u => u.Phone).HasMaxLength(32);
        builder.Property(u => u.Tags).HasMaxLength(1000);
        builder.Ignore(u => u.DisplayName);
        builder.HasIndex(u => new { u.TenantId, u.BotId, u.TelegramUserId }).IsUnique();
        // New users per period (bot analytics).
        builder.HasIndex(u => new { u.TenantId, u.BotId, u.CreatedAt });
    }
}
