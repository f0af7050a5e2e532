using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Messaging.Bots;

/// <summary>
/// A tenant's Telegram bot. Its token is encrypted at rest (<see cref="BotTokens"/>), never logged, never returned
/// (only <see cref="TokenHint"/>); its webhook's secret is kept as a SHA-256 hash, enough to check every update.
/// </summary>
internal sealed class Bot : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Telegram's id and username of the bot, from <c>getMe</c>.</summary>
    public long TelegramId { get; set; }

    public required string Username { get; set; }

    [AuditSecret]
    public required string Token { get; set; }

    /// <summary>The token's last four characters, for people to tell their bots apart.</summary>
    public required string TokenHint { get; set; }

    [AuditSecret]
    public string? WebhookSecretHash { get; set; }

    /// <summary><see cref="BotStatuses"/>: active, inactive or error.</summary>
    public string Status { get; set; } = BotStatuses.Inactive;

    /// <summary><c>webhook</c> (Telegram pushes to us) or <c>polling</c> (we ask with <c>getUpdates</c>, for development without a public address).</summary>
    public string Mode { get; set; } = BotModes.Webhook;

    public string? LastError { get; set; }

    public int ErrorCount { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public int PendingUpdates { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The next <c>getUpdates</c> offset in polling mode.</summary>
    public long PollOffset { get; set; }

    public string? Description { get; set; }

    /// <summary>Sent to a user's first message (or <c>/start</c>).</summary>
    public string? WelcomeMessage { get; set; }

    /// <summary>Keyword → answer rules, as JSON (<see cref="BotSettings"/>).</summary>
    public string AutoReplies { get; set; } = "[]";

    /// <summary>When a conversation becomes a CRM lead, as JSON (<see cref="BotSettings"/>).</summary>
    public string LeadCapture { get; set; } = "{}";

    public int UsersCount { get; set; }

    public int MessagesCount { get; set; }

    public int LeadsCount { get; set; }
}

internal static class BotStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Error = "error";
}

internal static class BotModes
{
    public const string Webhook = "webhook";
    public const string Polling = "polling";
}

internal sealed class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> builder)
    {
        builder.ToTable("bots");
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.Property(b => b.Username).HasMaxLength(64);
        builder.Property(b => b.Token).HasMaxLength(600);
        builder.Property(b => b.TokenHint).HasMaxLength(8);
        builder.Property(b => b.WebhookSecretHash).HasMaxLength(64);
        builder.Property(b => b.Status).HasMaxLength(10);
        builder.Property(b => b.Mode).HasMaxLength(10);
        builder.Property(b => b.LastError).HasMaxLength(500);
        builder.Property(b => b.Description).HasMaxLength(1000);
        builder.Property(b => b.WelcomeMessage).HasMaxLength(4096);
        builder.Property(b => b.AutoReplies).HasMaxLength(20000);
        builder.Property(b => b.LeadCapture).HasMaxLength(20000);
        builder.HasIndex(b => new { b.TenantId, b.TelegramId }).IsUnique();
    }
}
