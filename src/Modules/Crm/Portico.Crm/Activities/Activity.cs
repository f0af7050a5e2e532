using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Activities;

/// <summary>A note, call, meeting, email or task attached to a record, or a form submission the platform logged.</summary>
internal sealed class Activity : Entity, ITenantOwned, IAudited
{
    public static readonly string[] Kinds = ["note", "call", "meeting", "email", "task", "form_submission"];

    public Guid TenantId { get; set; }

    /// <summary><c>contact</c>, <c>lead</c>, <c>deal</c> or <c>object:{key}</c>.</summary>
    public required string RecordType { get; set; }

    public Guid RecordId { get; set; }

    public required string Kind { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>For tasks (and planned calls and meetings): when it is due.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public bool Done { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>Who wrote it: a member's actor string, or <c>system:…</c>.</summary>
    public required string Author { get; set; }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.Property(a => a.RecordType).HasMaxLength(50);
        builder.Property(a => a.Kind).HasMaxLength(20);
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.Property(a => a.Body).HasMaxLength(20000);
        builder.Property(a => a.Author).HasMaxLength(200);
        builder.HasIndex(a => new { a.TenantId, a.RecordId, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.AssigneeId, a.Done, a.DueAt });
        builder.HasIndex(a => new { a.TenantId, a.CreatedAt, a.Id });
    }
}
