using System.Globalization;
using System.Net;
using Portico.Kernel.Security;
using NodaTime;
using NodaTime.Text;
using Portico.Kernel.Tenancy;

namespace Portico.Scheduling.SlotSearch;

/// <summary>Free slots for the studio's own people (console, API): every active staff member, any service.</summary>
internal static class SearchSlots
{
    [RequiresPermission(SchedulingPermissions.Read)]
    internal sealed class Handler(SlotFinder finder)
    {
        public Task<SlotsView> HandleAsync(string? serviceIds, Guid? staffId, string? from, string? to, string? timeZone, CancellationToken cancellationToken, Guid? moving = null) =>
            finder.FindAsync(SlotQueryString.Parse(serviceIds, staffId, from, to, timeZone, publicOnly: false) with { Moving = moving }, cancellationToken);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/scheduling/slots", async Task<Ok<SlotsView>> (string? serviceIds, Guid? staffId, string? from, string? to, string? timeZone, Guid? appointmentId, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(serviceIds, staffId, from, to, timeZone, ct, appointmentId)))
        .WithName("SearchSlots")
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .WithSummary("Free slots for services in sequence (serviceIds=a,b), one staff member or anyone, over client-zone dates from … to (at most 62 days), grouped by day; appointmentId: one being moved, whose own time counts as free");
}

/// <summary>Free slots on the public booking page: online-bookable services and bookable staff only, no sign-in, limited per address.</summary>
internal static class PublicSlots
{
    public const string Actor = "system:booking-page";

    internal sealed class Handler(SlotFinder finder, RequestContext request, ITenantDirectory tenants, PublicSlotLimits limits, Booking.BookingLinks links)
    {
        // rescheduling: the manage token of an appointment the client is moving (its own time counts as free); another studio's or a forged one is a 404.
        public async Task<SlotsView> HandleAsync(string slug, string? serviceIds, Guid? staffId, string? from, string? to, string? timeZone, IPAddress? address, CancellationToken cancellationToken,
            string? rescheduling = null)
        {
            limits.Acquire(address);
            var tenant = slug is { Length: > 0 and <= 63 } ? await tenants.FindBySlugAsync(slug, cancellationToken) : null;
            if (tenant is null)
            {
                throw new NotFoundException("Tenant", slug);
            }

            Guid? moving = null;
            if (rescheduling is not null)
            {
                moving = links.Read(rescheduling) is { } link && link.TenantId == tenant.Id ? link.AppointmentId : throw new NotFoundException("Appointment", "rescheduling");
            }

            request.SetTenant(tenant.Id, tenant.Slug);
            request.SetActor(Actor);
            return await finder.FindAsync(SlotQueryString.Parse(serviceIds, staffId, from, to, timeZone, publicOnly: true) with { Moving = moving }, cancellationToken);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/tenants/{slug}/booking/slots", async Task<Ok<SlotsView>> (string slug, string? serviceIds, Guid? staffId, string? from, string? to, string? timeZone, string? rescheduling, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var slots = await handler.HandleAsync(slug, serviceIds, staffId, from, to, timeZone, http.Connection.RemoteIpAddress, ct, rescheduling);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(slots);
        })
        .AllowAnonymous()
        .WithTags("Public")
        .WithName("SearchPublicSlots")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithSummary("Free slots for the booking page by tenant slug: online-bookable services, bookable staff or anyone, grouped by day in the client's zone; rescheduling: the manage token of the appointment being moved");
}

/// <summary>
/// Searches one address may run per minute on the public page (a person clicks through days; a script scraping
/// every tenant's calendar stops here). In-process, like the web forms' limit.
/// </summary>
internal sealed class PublicSlotLimits() : PerMinuteLimit(PerMinute, "Too many slot searches from your address. Wait a minute and try again.")
{
    public const int PerMinute = 120;

    public void Acquire(IPAddress? address) => Acquire(PerAddress(address));
}

/// <summary>Reads the query string both slot routes share.</summary>
internal static class SlotQueryString
{
    public static SlotRequest Parse(string? serviceIds, Guid? staffId, string? from, string? to, string? timeZone, bool publicOnly)
    {
        var ids = new List<Guid>();
        var rules = new Rules().Required(serviceIds, "serviceIds").Required(from, "from").Required(to, "to");
        foreach (var part in (serviceIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            rules.Check(Guid.TryParse(part, CultureInfo.InvariantCulture, out var id), "serviceIds", "must be service ids separated by commas.");
            ids.Add(id);
        }

        var first = Date(from);
        var last = Date(to);
        rules.Check(from is null || first is not null, "from", "must be a date yyyy-MM-dd.")
            .Check(to is null || last is not null, "to", "must be a date yyyy-MM-dd.")
            .Check(ids.Count <= SlotFinder.MaxServices, "serviceIds", $"must name at most {SlotFinder.MaxServices} services.")
            .ThrowIfInvalid();
        return new SlotRequest(ids, staffId, first!.Value, last!.Value, string.IsNullOrWhiteSpace(timeZone) ? null : timeZone, publicOnly);
    }

    private static LocalDate? Date(string? value) =>
        value is { Length: 10 } && LocalDatePattern.Iso.Parse(value) is { Success: true } parsed && parsed.Value.Year is >= 2000 and <= 2200 ? parsed.Value : null;
}
