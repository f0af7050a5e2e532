using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Hours;

/// <summary>A date the whole studio is closed (a public holiday), midnight to midnight in the tenant's time zone.</summary>
internal sealed class Holiday : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public DateOnly Date { get; set; }

    public required string Name { get; set; }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("holidays");
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.HasIndex(h => new { h.TenantId, h.Date }).IsUnique();
    }
}
