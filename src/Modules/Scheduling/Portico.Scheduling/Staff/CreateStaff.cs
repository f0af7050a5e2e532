using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Staff;

/// <summary>Adds a staff profile; when it names a tenant member, that member may have no other profile.</summary>
internal static class CreateStaff
{
    internal sealed record Request(string? DisplayName, Guid? UserId, string? Bio, Guid? PhotoFileId, string? TimeZone, string? Color, bool? Bookable);

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, StaffMembers members, Outbox outbox)
    {
        public async Task<StaffView> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            new Rules().Required(request.DisplayName, "displayName")
                .Length(request.DisplayName?.Trim(), "displayName", 1, 200)
                .Length(request.Bio, "bio", 0, 4000)
                .TimeZone(request.TimeZone)
                .Color(request.Color)
                .ThrowIfInvalid();
            await members.CheckUserAsync(request.UserId, null, cancellationToken);
            var staff = new StaffMember
            {
                DisplayName = request.DisplayName!.Trim(),
                UserId = request.UserId,
                Bio = string.IsNullOrWhiteSpace(request.Bio) ? null : request.Bio.Trim(),
                PhotoFileId = request.PhotoFileId,
                TimeZone = request.TimeZone ?? await members.TenantZoneAsync(cancellationToken),
                Color = string.IsNullOrEmpty(request.Color) ? null : request.Color.ToUpperInvariant(),
                Bookable = request.Bookable ?? true,
            };
            db.Staff.Add(staff);
            await outbox.SaveChangesAsync(db, cancellationToken);
            return StaffView.From(staff);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/scheduling/staff", async Task<Created<StaffView>> (Request request, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var staff = await handler.HandleAsync(request, ct);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/scheduling/staff/{staff.Id}", staff);
        })
        .WithName("CreateStaffMember")
        .WithRequestExample(new { displayName = "Anna Petrova", userId = (Guid?)null, bio = "Colourist, 8 years", timeZone = "Europe/Moscow", color = "#8E24AA", bookable = true })
        .WithSummary("Add a staff profile (optionally for a tenant member: one profile per member); the time zone defaults to the tenant's");
}

/// <summary>What staff use cases check about people: membership of the tenant, one profile per member, the tenant's zone.</summary>
internal sealed class StaffMembers(SchedulingDbContext db, RequestContext request, IMembershipDirectory memberships, ITenantProfiles profiles)
{
    public async Task CheckUserAsync(Guid? userId, Guid? profileId, CancellationToken cancellationToken)
    {
        if (userId is not { } user)
        {
            return;
        }

        var members = await memberships.ListMembersAsync(request.RequiredTenantId, null, cancellationToken);
        if (!members.Any(m => m.UserId == user))
        {
            throw ValidationException.For("userId", "must be a member of this tenant.");
        }

        var existing = await db.Staff.Where(s => s.UserId == user && s.Id != profileId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            throw new ConflictException("This member already has a staff profile.", "staff-profile-exists") { ExistingId = id };
        }
    }

    public async Task<string> TenantZoneAsync(CancellationToken cancellationToken) =>
        (await profiles.FindAsync(request.RequiredTenantId, cancellationToken))?.TimeZone is { } zone && SetupRules.Zone(zone) is not null ? zone : "UTC";
}
