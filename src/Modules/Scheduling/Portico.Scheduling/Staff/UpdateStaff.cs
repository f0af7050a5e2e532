using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Staff;

/// <summary>Changes a staff profile; fields left out stay as they are (an empty bio or colour clears it, an empty id clears the photo or the member).</summary>
internal static class UpdateStaff
{
    internal sealed record Request(string? DisplayName, Guid? UserId, string? Bio, Guid? PhotoFileId, string? TimeZone, string? Color, bool? Bookable);

    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, StaffMembers members, Outbox outbox)
    {
        public async Task<StaffView> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var staff = await db.FindStaffAsync(id, cancellationToken);
            new Rules().Check(request.DisplayName is null || request.DisplayName.Trim().Length is > 0 and <= 200, "displayName", "must be 1 to 200 characters.")
                .Length(request.Bio, "bio", 0, 4000)
                .TimeZone(request.TimeZone)
                .Color(request.Color)
                .ThrowIfInvalid();
            if (request.UserId is { } user)
            {
                await members.CheckUserAsync(user == Guid.Empty ? null : user, staff.Id, cancellationToken);
                staff.UserId = user == Guid.Empty ? null : user;
            }

            if (request.DisplayName is not null)
            {
                staff.DisplayName = request.DisplayName.Trim();
            }

            if (request.Bio is not null)
            {
                staff.Bio = string.IsNullOrWhiteSpace(request.Bio) ? null : request.Bio.Trim();
            }

            if (request.PhotoFileId is { } photo)
            {
                staff.PhotoFileId = photo == Guid.Empty ? null : photo;
            }

            staff.TimeZone = request.TimeZone ?? staff.TimeZone;
            if (request.Color is not null)
            {
                staff.Color = request.Color.Length == 0 ? null : request.Color.ToUpperInvariant();
            }

            staff.Bookable = request.Bookable ?? staff.Bookable;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return StaffView.From(staff);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/scheduling/staff/{id:guid}", async Task<Ok<StaffView>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("UpdateStaffMember")
        .WithRequestExample(new { displayName = "Anna P.", timeZone = "Europe/Berlin", bookable = false })
        .WithSummary("Change a staff profile: name, member, bio, photo, time zone, colour, bookable on the public page");
}

/// <summary>Archives a staff member (no new bookings, history kept) or brings them back.</summary>
internal static class ArchiveStaff
{
    [RequiresPermission(SchedulingPermissions.Manage)]
    internal sealed class Handler(SchedulingDbContext db, Outbox outbox, TimeProvider clock)
    {
        public async Task<StaffView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var staff = await db.FindStaffAsync(id, cancellationToken);
            staff.ArchivedAt = archive ? staff.ArchivedAt ?? clock.GetUtcNow() : null;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return StaffView.From(staff);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/scheduling/staff/{id:guid}/archive", async Task<Ok<StaffView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, true, ct)))
            .WithName("ArchiveStaffMember")
            .WithSummary("Archive a staff member: no new slots or bookings, their history stays");
        tenants.MapPost("/{tenant}/scheduling/staff/{id:guid}/restore", async Task<Ok<StaffView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, false, ct)))
            .WithName("RestoreStaffMember")
            .WithSummary("Bring an archived staff member back");
    }
}
