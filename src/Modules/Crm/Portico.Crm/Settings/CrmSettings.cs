using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Settings;

/// <summary>A tenant's CRM settings. A tenant without a row has the defaults.</summary>
internal sealed class CrmSettings : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>When on, Employees see only the contacts they own and the leads, deals and records assigned to them.</summary>
    public bool RestrictedVisibility { get; set; }

    /// <summary>Set once the default pipelines of the tenant's vertical were created, so deleting them all does not bring them back.</summary>
    public bool PipelinesSeeded { get; set; }
}

internal sealed class CrmSettingsConfiguration : IEntityTypeConfiguration<CrmSettings>
{
    public void Configure(EntityTypeBuilder<CrmSettings> builder)
    {
        builder.ToTable("settings");
        builder.HasIndex(s => s.TenantId).IsUnique();
    }
}
