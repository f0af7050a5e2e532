using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;

namespace Portico.Crm.Deals;

/// <summary>A sale in progress with a contact: an amount, a pipeline stage, and once closed, won or lost with a reason.</summary>
internal sealed class Deal : CrmRecord, IBoardCard
{
    public required string Title { get; set; }

    public Guid? ContactId { get; set; }

    public long? AmountMinor { get; set; }

    public string? Currency { get; set; }

    public Guid PipelineId { get; set; }

    public Guid StageId { get; set; }

    public DateTimeOffset StageEnteredAt { get; set; }

    public double BoardRank { get; set; }

    public DateOnly? ExpectedCloseOn { get; set; }

    /// <summary><c>open</c>, <c>won</c> or <c>lost</c>: the kind of its stage.</summary>
    public string Status { get; set; } = StageKinds.Open;

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why it was won or lost.</summary>
    public string? CloseReason { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>The lead it was converted from.</summary>
    public Guid? LeadId { get; set; }

    public override void RefreshSearchText() => SearchText = Records.SearchText.Build([Title, CloseReason]);
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("deals");
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Status).HasMaxLength(10);
        builder.Property(d => d.CloseReason).HasMaxLength(500);
        builder.Property(d => d.SearchText).HasMaxLength(4000);
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.UpdatedAt, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.Title, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.AmountMinor, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.StageId, d.BoardRank, d.Id });
        // Every sort a list offers walks an index in its own order (the tenant first).
        builder.HasIndex(d => new { d.TenantId, d.StageEnteredAt, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.BoardRank, d.Id });
        builder.HasIndex(d => new { d.TenantId, d.AssigneeId });
        builder.HasIndex(d => new { d.TenantId, d.ContactId });
        // The board's counts and sums per stage: read from the index alone, not from every row.
        builder.HasIndex(d => new { d.TenantId, d.PipelineId, d.StageId, d.Currency, d.AmountMinor });
    }
}
