using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.WorkOrders.Templates;

/// <summary>
/// One saved version of a repair service's stage template: the whole ordered chain as an immutable JSON document
/// (<see cref="TemplateStage"/>s). Every save adds a version with the next number; none is ever changed, so a work order
/// that copied version 3 can always be explained by reading version 3.
/// </summary>
internal sealed class StageChainVersion : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>The Catalog service id of the repair service.</summary>
    public Guid ServiceId { get; set; }

    /// <summary>1, 2, 3… per service.</summary>
    public int Number { get; set; }

    /// <summary>Who saved it (a user id, or the actor's name for API keys and the platform).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The ordered stages as JSON.</summary>
    public string Stages { get; set; } = "[]";

    public int StageCount { get; set; }

    public int TotalMinutes { get; set; }
}

internal sealed class StageChainVersionConfiguration : IEntityTypeConfiguration<StageChainVersion>
{
    public void Configure(EntityTypeBuilder<StageChainVersion> builder)
    {
        builder.ToTable("stage_template_versions");
        builder.Property(v => v.CreatedBy).HasMaxLength(200);
        // Two saves from the same base race for the same number: the second is refused (409), never merged.
        builder.HasIndex(v => new { v.TenantId, v.ServiceId, v.Number }).IsUnique();
    }
}
