using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Appointments;
using Portico.Scheduling.Calendars;
using Portico.Scheduling.Hours;
using Portico.Scheduling.Resources;
using Portico.Scheduling.Settings;
using Portico.Scheduling.Staff;

namespace Portico.Scheduling;

[ModuleSchema("scheduling")]
internal sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<StaffMember> Staff => Set<StaffMember>();

    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<AppointmentBlock> AppointmentBlocks => Set<AppointmentBlock>();

    public DbSet<ExternalBusyTime> ExternalBusyTimes => Set<ExternalBusyTime>();

    public DbSet<DateOverride> DateOverrides => Set<DateOverride>();

    public DbSet<TimeOff> TimeOff => Set<TimeOff>();

    public DbSet<Holiday> Holidays => Set<Holiday>();

    public DbSet<BookingSettings> BookingSettings => Set<BookingSettings>();

    public bool IsPostgres => Database.IsNpgsql();

    /// <summary>The current tenant's staff member; another tenant's id is a 404 like an unknown one.</summary>
    public async Task<StaffMember> FindStaffAsync(Guid id, CancellationToken cancellationToken) =>
        await Staff.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Staff member", id);

    public async Task<Resource> FindResourceAsync(Guid id, CancellationToken cancellationToken) =>
        await Resources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Resource", id);

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<AppointmentLine> AppointmentLines => Set<AppointmentLine>();

    public DbSet<AppointmentStatusChange> AppointmentStatusChanges => Set<AppointmentStatusChange>();

    /// <summary>The current tenant's appointment with its lines (tracked); another tenant's id is a 404 like an unknown one.</summary>
    public async Task<Appointment> FindAppointmentAsync(Guid id, CancellationToken cancellationToken) =>
        await Appointments.Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Appointment", id);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class SchedulingDesignTimeFactory : ModuleDesignTimeFactory<SchedulingDbContext>;
