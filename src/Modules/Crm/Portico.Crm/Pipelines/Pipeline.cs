using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Pipelines;

/// <summary>An ordered set of stages leads or deals move through; a tenant may have several of each.</summary>
internal sealed class Pipeline : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary><c>lead</c> or <c>deal</c>.</summary>
    public required string RecordType { get; set; }

    public required string Name { get; set; }

    public int Position { get; set; }

    /// <summary>Where new records of its type go when no pipeline is named.</summary>
    public bool IsDefault { get; set; }

    public List<Stage> Stages { get; set; } = [];
}

/// <summary>A column of a board. Its kind says whether a record in it is still open, or closed as won or lost.</summary>
internal sealed class Stage : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid PipelineId { get; set; }

    public required string Name { get; set; }

    public string Kind { get; set; } = StageKinds.Open;

    public int Position { get; set; }

    /// <summary>Hex colour for the board, e.g. <c>#4F46E5</c>.</summary>
    public string? Color { get; set; }
}

internal static class StageKinds
{
    public const string Open = "open";
    public const string Won = "won";
    public const string Lost = "lost";
    public static readonly string[] All = [Open, Won, Lost];
}

/// <summary>A record on a board: in a stage, at a rank within it, since a moment.</summary>
internal interface IBoardCard
{
    Guid Id { get; }

    Guid PipelineId { get; set; }

    Guid StageId { get; set; }

    DateTimeOffset StageEnteredAt { get; set; }

    double BoardRank { get; set; }
}

/// <summary>One move of a lead or deal between stages: the timeline shows it, and time-in-stage reports read it.</summary>
internal sealed class StageMove : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string RecordType { get; set; }

    public Guid RecordId { get; set; }

    public Guid PipelineId { get; set; }

    public Guid? FromStageId { get; set; }

    public Guid ToStageId { get; set; }

    public required string Actor { get; set; }
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> builder)
    {
        builder.ToTable("pipelines");
        builder.Property(p => p.RecordType).HasMaxLength(10);
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TenantId, p.RecordType, p.Position });
    }
}

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.ToTable("stages");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Kind).HasMaxLength(10);
        builder.Property(s => s.Color).HasMaxLength(7);
    }
}

internal sealed class StageMoveConfiguration : IEntityTypeConfiguration<StageMove>
{
    public void Configure(EntityTypeBuilder<StageMove> builder)
    {
        builder.ToTable("stage_moves");
        builder.Property(m => m.RecordType).HasMaxLength(10);
        builder.Property(m => m.Actor).HasMaxLength(200);
        builder.HasIndex(m => new { m.TenantId, m.RecordId, m.Id });
    }
}
