using System.Security.Claims;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Notifications.InApp;

/// <summary>My in-app notifications in a tenant: list (all or unread), mark one or all read. Any member.</summary>
internal static class InAppEndpoints
{
    internal sealed record ReadAllResponse(int Updated);

    private static readonly SortFields<InAppNotification> Sorts = new SortFields<InAppNotification>("-createdAt")
        .Add("createdAt", n => n.CreatedAt);

    [RequiresPermission(TenancyPermissions.TenantRead)]
    internal sealed class Handler(NotificationsDbContext db, TimeProvider clock)
    {
        public async Task<Page<InAppNotificationView>> ListAsync(Guid userId, bool unreadOnly, PageRequest page, CancellationToken ct)
        {
            var query = db.InAppNotifications.AsNoTracking().Where(n => n.UserId == userId);
            query = unreadOnly ? query.Where(n => n.ReadAt == null) : query;
            return (await query.ToPageAsync(page, Sorts, ct)).Map(InAppNotificationView.From);
        }

        public async Task<InAppNotificationView> MarkReadAsync(Guid userId, Guid id, CancellationToken ct)
        {
            // Another member's notification is as unknown as a missing one.
            var notification = await db.InAppNotifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, ct)
                ?? throw new NotFoundException("Notification", id);
            notification.ReadAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return InAppNotificationView.From(notification);
        }

        public async Task<ReadAllResponse> MarkAllReadAsync(Guid userId, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var updated = await db.InAppNotifications
                .Where(n => n.UserId == userId && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now).SetProperty(n => n.UpdatedAt, now).SetProperty(n => n.Version, n => n.Version + 1), ct);
            return new ReadAllResponse(updated);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/notifications", async Task<Ok<Page<InAppNotificationView>>> (
                bool? unread, int? limit, string? cursor, string? sort, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(principal.UserId(), unread == true, PageRequest.From(limit, cursor, sort), ct)))
            .WithName("ListMyNotifications").WithSummary("My in-app notifications in this tenant, newest first (unread=true for unread only)");

        tenants.MapPost("/{tenant}/notifications/{id:guid}/read", async Task<Ok<InAppNotificationView>> (Guid id, ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.MarkReadAsync(principal.UserId(), id, ct)))
            .WithName("MarkNotificationRead").WithSummary("Mark one of my notifications read");

        tenants.MapPost("/{tenant}/notifications/read-all", async Task<Ok<ReadAllResponse>> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.MarkAllReadAsync(principal.UserId(), ct)))
            .WithName("MarkAllNotificationsRead").WithSummary("Mark all my notifications in this tenant read");
    }
}
