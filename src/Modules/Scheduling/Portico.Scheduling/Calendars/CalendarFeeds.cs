using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.Calendars;

/// <summary>The address of a staff member's read-only ICS feed, for any calendar app that subscribes to a URL.</summary>
internal sealed record CalendarFeedView(Guid StaffId, string Url);

/// <summary>The staff member's feed link (the same until rotated).</summary>
internal static class GetCalendarFeed
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db, RequestContext context, CalendarSigner signer, PublicLinks links)
    {
        public async Task<CalendarFeedView> HandleAsync(Guid staffId, CancellationToken cancellationToken)
        {
            var staff = await CalendarAccess.StaffAsync(db, context, staffId, cancellationToken);
            var generation = await db.CalendarFeeds.Where(f => f.StaffId == staff.Id).Select(f => (int?)f.Generation).FirstOrDefaultAsync(cancellationToken) ?? 0;
            return View(signer, links, context.RequiredTenantId, staff.Id, generation);
        }

        internal static CalendarFeedView View(CalendarSigner signer, PublicLinks links, Guid tenantId, Guid staffId, int generation) =>
            new(staffId, links.To($"/api/v1/public/calendars/{signer.IssueFeedToken(tenantId, staffId, generation)}.ics"));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet(CalendarAccess.Route("/feed"), async Task<Ok<CalendarFeedView>> (Guid staffId, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(staffId, ct)))
        .WithName("GetCalendarFeed")
        .WithSummary("The staff member's signed, read-only ICS feed URL (subscribe to it in any calendar app)");
}

/// <summary>Replaces the feed link: every link given out before answers 404 from now on.</summary>
internal static class RotateCalendarFeed
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SchedulingDbContext db, RequestContext context, CalendarSigner signer, PublicLinks links)
    {
        public async Task<CalendarFeedView> HandleAsync(Guid staffId, CancellationToken cancellationToken)
        {
            var staff = await CalendarAccess.StaffAsync(db, context, staffId, cancellationToken);
            var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.StaffId == staff.Id, cancellationToken);
            if (feed is null)
            {
                feed = db.CalendarFeeds.Add(new CalendarFeed { StaffId = staff.Id }).Entity;
            }

            feed.Generation++;
            await db.SaveChangesAsync(cancellationToken);
            return GetCalendarFeed.Handler.View(signer, links, context.RequiredTenantId, staff.Id, feed.Generation);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost(CalendarAccess.Route("/feed/rotate"), async Task<Ok<CalendarFeedView>> (Guid staffId, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(staffId, ct)))
        .WithName("RotateCalendarFeed")
        .WithSummary("Replace the staff member's ICS feed URL; the old one stops working at once");
}

/// <summary>
/// The public ICS feed: the link's token is the capability (tenant, staff member and feed generation under the
/// platform's HMAC). It lists the staff member's appointments from 30 days back to 180 ahead, one event per
/// appointment from its first block's start to its last block's end (buffers included: the time the person is held),
/// titled generically; a forged, altered or rotated token is a 404.
/// </summary>
internal static class ReadCalendarFeed
{
    private static readonly TimeSpan Back = TimeSpan.FromDays(30);
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(180);

    internal sealed class Handler(SchedulingDbContext db, RequestContext context, CalendarSigner signer, TimeProvider clock)
    {
        public async Task<string> HandleAsync(string token, CancellationToken cancellationToken)
        {
            if (signer.ReadFeedToken(token) is not var (tenantId, staffId, generation))
            {
                throw new NotFoundException("Calendar feed", "this link");
            }

            // The link names no tenant in its route: read in platform scope, filtered to the token's tenant by hand.
            context.EnterPlatformScope();
            var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.TenantId == tenantId && s.Id == staffId, cancellationToken);
            var current = await db.CalendarFeeds.IgnoreQueryFilters().Where(f => f.TenantId == tenantId && f.StaffId == staffId)
                .Select(f => (int?)f.Generation).FirstOrDefaultAsync(cancellationToken) ?? 0;
            if (staff is null || current != generation)
            {
                throw new NotFoundException("Calendar feed", "this link");
            }

            var now = clock.GetUtcNow();
            var from = now - Back;
            var until = now + Ahead;
            var blocks = await db.AppointmentBlocks.IgnoreQueryFilters().AsNoTracking()
                .Where(b => b.TenantId == tenantId && b.StaffId == staffId && b.Active && b.BlockedUntil > from && b.BlockedFrom < until)
                .Select(b => new { b.AppointmentId, b.BlockedFrom, b.BlockedUntil })
                .Take(5000)
                .ToListAsync(cancellationToken);

            var calendar = new Calendar { ProductId = "-//Portico//Scheduling//EN" };
            calendar.AddProperty("X-WR-CALNAME", staff.DisplayName);
            calendar.AddProperty("X-PUBLISHED-TTL", "PT15M");
            foreach (var appointment in blocks.GroupBy(b => b.AppointmentId).OrderBy(g => g.Min(b => b.BlockedFrom)))
            {
                // Generic until the appointments' own feed reader names services and clients (see docs/api.md).
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{appointment.Key:D}@portico",
                    Summary = "Appointment",
                    DtStart = new CalDateTime(appointment.Min(b => b.BlockedFrom).UtcDateTime),
                    DtEnd = new CalDateTime(appointment.Max(b => b.BlockedUntil).UtcDateTime),
                    DtStamp = new CalDateTime(now.UtcDateTime),
                });
            }

            return new CalendarSerializer().SerializeToString(calendar) ?? "";
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/calendars/{token}.ics", async Task<ContentHttpResult> (string token, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var ics = await handler.HandleAsync(token, ct);
            http.Response.Headers.CacheControl = "private, max-age=300";
            return TypedResults.Text(ics, "text/calendar; charset=utf-8");
        })
        .AllowAnonymous()
        .WithName("ReadCalendarFeed")
        .Produces<string>(StatusCodes.Status200OK, "text/calendar")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("A staff member's read-only ICS feed through its signed link; a forged or rotated link is a 404")
        .WithTags("Public");
}
