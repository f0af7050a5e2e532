using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Scheduling.Appointments;

/// <summary>
/// A client's visit: one or more services in sequence with one staff member (and a resource unit where a service needs
/// one), the price and deposit as they stood at booking, the client (a CRM contact), and its status with a history of
/// every change. The time it holds is kept in <see cref="AppointmentBlock"/> rows, one per service line.
/// </summary>
internal sealed class Appointment : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    public Guid StaffId { get; set; }

    /// <summary>The resource of the first line that needs one (each line's own is on its block).</summary>
    public Guid? ResourceId { get; set; }

    /// <summary>When the first service starts and the last one ends (buffers not included).</summary>
    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string Status { get; set; } = AppointmentStatuses.Booked;

    /// <summary><see cref="AppointmentSources"/>: who booked it.</summary>
    public required string Source { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? DealId { get; set; }

    /// <summary>The client as they gave themselves (the public form) or as the CRM knew them at booking.</summary>
    public string? ClientName { get; set; }

    public string? ClientEmail { get; set; }

    public string? ClientPhone { get; set; }

    /// <summary>The client's language for emails (<c>en</c>, <c>ru</c>) and their IANA time zone.</summary>
    public string Locale { get; set; } = "en";

    public string? TimeZone { get; set; }

    public string? Notes { get; set; }

    /// <summary>Sum of the lines' prices at booking, minor units of <see cref="Currency"/>.</summary>
    public long PriceMinor { get; set; }

    /// <summary>Deposit to take at booking (sum of the lines' deposits), minor units.</summary>
    public long DepositMinor { get; set; }

    public required string Currency { get; set; }

    public string? CancellationReason { get; set; }

    /// <summary><c>client</c> or <c>studio</c>.</summary>
    public string? CancelledBy { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Raised on every reschedule: a reminder scheduled for an earlier time sees it and stays quiet.</summary>
    public int Revision { get; set; }

    public List<AppointmentLine> Lines { get; set; } = [];
}

/// <summary>One service of an appointment, with its name, price and duration copied from the catalog at booking.</summary>
internal sealed class AppointmentLine : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid AppointmentId { get; set; }

    public int Position { get; set; }

    public Guid ServiceId { get; set; }

    public required string Name { get; set; }

    public long PriceMinor { get; set; }

    public long? PriceMaxMinor { get; set; }

    public long DepositMinor { get; set; }

    public int DurationMinutes { get; set; }

    public int BufferBeforeMinutes { get; set; }

    public int BufferAfterMinutes { get; set; }

    public string? ResourceKind { get; set; }

    public Guid? ResourceId { get; set; }

    public int? ResourceUnit { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}

/// <summary>One status change: who, when, from what to what, and why.</summary>
internal sealed class AppointmentStatusChange : Entity, ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid AppointmentId { get; set; }

    public string? FromStatus { get; set; }

    public required string ToStatus { get; set; }

    public required string Actor { get; set; }

    public string? Reason { get; set; }
}

internal static class AppointmentStatuses
{
    public const string Booked = "booked";
    public const string Confirmed = "confirmed";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no_show";

    public static readonly IReadOnlyList<string> All = [Booked, Confirmed, Completed, Cancelled, NoShow];

    /// <summary>Still holding time: it can be moved, confirmed, completed, cancelled or marked a no-show.</summary>
    public static bool IsOpen(string status) => status is Booked or Confirmed;
}

internal static class AppointmentSources
{
    public const string Console = "console";
    public const string Api = "api";
    public const string Public = "public";

    public static readonly IReadOnlyList<string> All = [Console, Api, Public];
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments");
        builder.Property(a => a.Status).HasMaxLength(20);
        builder.Property(a => a.Source).HasMaxLength(20);
        builder.Property(a => a.ClientName).HasMaxLength(300);
        builder.Property(a => a.ClientEmail).HasMaxLength(320);
        builder.Property(a => a.ClientPhone).HasMaxLength(40);
        builder.Property(a => a.Locale).HasMaxLength(10);
        builder.Property(a => a.TimeZone).HasMaxLength(64);
        builder.Property(a => a.Notes).HasMaxLength(4000);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.Property(a => a.CancellationReason).HasMaxLength(1000);
        builder.Property(a => a.CancelledBy).HasMaxLength(20);
        builder.HasMany(a => a.Lines).WithOne().HasForeignKey(l => l.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.StartsAt, a.Id });
        builder.HasIndex(a => new { a.TenantId, a.StaffId, a.StartsAt });
        builder.HasIndex(a => new { a.TenantId, a.ContactId, a.StartsAt });
    }
}

internal sealed class AppointmentLineConfiguration : IEntityTypeConfiguration<AppointmentLine>
{
    public void Configure(EntityTypeBuilder<AppointmentLine> builder)
    {
        builder.ToTable("appointment_lines");
        builder.Property(l => l.Name).HasMaxLength(300);
        builder.Property(l => l.ResourceKind).HasMaxLength(20);
        builder.HasIndex(l => new { l.AppointmentId, l.Position });
    }
}

internal sealed class AppointmentStatusChangeConfiguration : IEntityTypeConfiguration<AppointmentStatusChange>
{
    public void Configure(EntityTypeBuilder<AppointmentStatusChange> builder)
    {
        builder.ToTable("appointment_status_changes");
        builder.Property(c => c.FromStatus).HasMaxLength(20);
        builder.Property(c => c.ToStatus).HasMaxLength(20);
        builder.Property(c => c.Actor).HasMaxLength(200);
        builder.Property(c => c.Reason).HasMaxLength(1000);
        builder.HasIndex(c => new { c.AppointmentId, c.Id });
    }
}
