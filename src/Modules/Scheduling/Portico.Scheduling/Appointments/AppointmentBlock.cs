using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Appointments;

/// <summary>
/// The time one service of an appointment holds a staff member and, when the service needs one, one unit of a resource,
/// buffers included (<see cref="BlockedFrom"/> … <see cref="BlockedUntil"/>, half open). These rows are what "no double
/// booking" is enforced on (an exclusion constraint on PostgreSQL, a serialized check on SQLite) and what slot search
/// reads as busy time. A cancelled appointment's blocks stop being <see cref="Active"/>.
/// </summary>
internal sealed class AppointmentBlock : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid AppointmentId { get; set; }

    public Guid StaffId { get; set; }

    public Guid? ResourceId { get; set; }

    /// <summary>Which unit of the resource (0 … capacity−1).</summary>
    public int? ResourceUnit { get; set; }

    public DateTimeOffset BlockedFrom { get; set; }

    public DateTimeOffset BlockedUntil { get; set; }

    public bool Active { get; set; } = true;
}

internal sealed class AppointmentBlockConfiguration : IEntityTypeConfiguration<AppointmentBlock>
{
    public void Configure(EntityTypeBuilder<AppointmentBlock> builder)
    {
        builder.ToTable("appointment_blocks");
        builder.HasIndex(b => new { b.TenantId, b.StaffId, b.BlockedFrom });
        builder.HasIndex(b => new { b.TenantId, b.ResourceId, b.BlockedFrom });
        builder.HasIndex(b => b.AppointmentId);
    }
}
