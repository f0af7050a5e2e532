using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Staff;

/// <summary>
/// A person clients book: a stylist, a tattoo artist. Usually a tenant member (<see cref="UserId"/>), who then sees
/// their own calendar in the console; a profile without a sign-in is allowed for staff who never use the console.
/// Their hours are read in their own <see cref="TimeZone"/>.
/// </summary>
internal sealed class StaffMember : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>The tenant member this profile belongs to; at most one profile per member.</summary>
    public Guid? UserId { get; set; }

    public required string DisplayName { get; set; }

    public string? Bio { get; set; }

    /// <summary>A Files id of the photo shown on the booking page.</summary>
    public Guid? PhotoFileId { get; set; }

    /// <summary>IANA time zone id; their weekly hours are wall-clock times there.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The calendar colour (<c>#RRGGBB</c>).</summary>
    public string? Color { get; set; }

    /// <summary>Shown on the public booking page.</summary>
    public bool Bookable { get; set; } = true;

    /// <summary>Archived staff keep their history and take no new bookings.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The weekly hours, JSON <c>[{ "day": "monday", "start": "09:00", "end": "18:00" }]</c> (<see cref="Availability.DayHours"/>); wall-clock times in <see cref="TimeZone"/>.</summary>
    public string WeeklyHours { get; set; } = "[]";

    /// <summary>The weekly breaks, in the same form as <see cref="WeeklyHours"/>.</summary>
    public string Breaks { get; set; } = "[]";
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("staff");
        builder.Property(s => s.DisplayName).HasMaxLength(200);
        builder.Property(s => s.Bio).HasMaxLength(4000);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.WeeklyHours).HasMaxLength(8000);
        builder.Property(s => s.Breaks).HasMaxLength(8000);
        builder.Property(s => s.Color).HasMaxLength(7);
        builder.HasIndex(s => new { s.TenantId, s.UserId }).IsUnique();
        builder.HasIndex(s => new { s.TenantId, s.DisplayName, s.Id });
    }
}
