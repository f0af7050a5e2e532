using Portico.Crm.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Tracking;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// What the client's signed garage link shows, without signing in: their cars and, per car, the orders in progress and
/// the closed history. A tampered or unknown link, a suspended or deleted workshop and a contact the CRM no longer has
/// are the same 404. A bounded number of queries whatever the client has: the contact, their vehicles (one call), the
/// orders in progress (one query), the closed history (one query, the newest per car) and the open stages (one query).
/// </summary>
internal static class GetGarage
{
    /// <summary>The view, the tenant it is in and every order of the client the page should follow (drafts too: one may be sent to them next).</summary>
    internal sealed record Loaded(GarageView View, Guid TenantId, Guid ContactId, string? BrandColor, IReadOnlySet<Guid> Orders);

    internal sealed class Handler(
        GarageLinks garages, TrackingLinks tracking, RequestContext context, ITenantDirectory tenants, ITenantProfiles profiles, IClientContacts contacts,
        IVehicles vehicles, WorkOrdersDbContext db)
    {
        public async Task<GarageView> HandleAsync(string token, CancellationToken cancellationToken) => (await LoadAsync(token, null, cancellationToken)).View;

        /// <summary>Enters the token's workshop and reads the client's garage; stage names in <paramref name="language"/> (the workshop's when null).</summary>
        public async Task<Loaded> LoadAsync(string? token, string? language, CancellationToken cancellationToken)
        {
            var (tenantId, contactId) = garages.Read(token) ?? throw new NotFoundException("Garage", "link");
            var profile = await profiles.FindAsync(tenantId, cancellationToken);
            if (profile is null || profile.Suspended || await tenants.FindBySlugAsync(profile.Slug, cancellationToken) is null)
            {
                throw new NotFoundException("Garage", "link");
            }

            context.SetTenant(profile.Id, profile.Slug);
            context.SetActor(PublicWorkshop.Actor);
            var contact = await contacts.FindAsync(contactId, cancellationToken) ?? throw new NotFoundException("Garage", "link");
            language ??= PublicWorkshop.LanguageOf(profile.Locale);

            var cars = await vehicles.ListByContactAsync(contactId, cancellationToken);
            var open = await db.Orders.AsNoTracking()
                .Where(o => o.ContactId == contactId && o.Status != WorkOrderStatuses.Delivered && o.Status != WorkOrderStatuses.Cancelled)
                .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
                .Take(GarageViews.OpenLimit)
                .Select(o => new OrderRow(o.Id, o.VehicleId, o.VehicleLabel, o.Number, o.Status, o.StagesDone, o.StageCount, o.ScheduledAt, o.PromisedAt, o.StatusChangedAt, o.TotalMinor, o.Currency))
                .ToListAsync(cancellationToken);
            // The newest closed orders per car in one query, on both providers: those with fewer than the limit newer than them.
            var closedOrders = db.Orders.Where(o => o.ContactId == contactId && (o.Status == WorkOrderStatuses.Delivered || o.Status == WorkOrderStatuses.Cancelled));
            var closed = await closedOrders.AsNoTracking()
                .Where(o => closedOrders.Count(n => n.VehicleId == o.VehicleId && n.Number > o.Number) < GarageViews.HistoryLimit)
                .OrderByDescending(o => o.Number)
                .Select(o => new OrderRow(o.Id, o.VehicleId, o.VehicleLabel, o.Number, o.Status, o.StagesDone, o.StageCount, o.ScheduledAt, o.PromisedAt, o.StatusChangedAt, o.TotalMinor, o.Currency))
                .ToListAsync(cancellationToken);

            // The desk's drafts are not the client's to see; followed all the same, so the page notices one sent to them.
            var shown = open.Where(o => o.Status != WorkOrderStatuses.Draft).ToList();
            var working = shown.Where(o => o.Status != WorkOrderStatuses.Ready).Select(o => o.Id).ToList();
            var stages = working.Count == 0 ? [] : await db.Stages.AsNoTracking()
                .Where(s => working.Contains(s.OrderId) && (s.Status == StageStatuses.Pending || s.Status == StageStatuses.InProgress))
                .Select(s => new StageRow(s.OrderId, s.Position, s.NameEn, s.NameRu, s.Status))
                .ToListAsync(cancellationToken);
            var current = stages.GroupBy(s => s.OrderId).ToDictionary(
                g => g.Key,
                g => g.Where(s => s.Status == StageStatuses.InProgress).OrderBy(s => s.Position).FirstOrDefault() ?? g.OrderBy(s => s.Position).First());

            var openByCar = shown.ToLookup(o => o.VehicleId);
            var closedByCar = closed.ToLookup(o => o.VehicleId);
            var views = new List<GarageVehicle>();
            foreach (var car in cars.Where(v => !v.Archived || openByCar.Contains(v.Id) || closedByCar.Contains(v.Id)))
            {
                views.Add(new GarageVehicle(
                    car.Id, WorkOrderBuilder.LabelOf(car), car.Make, car.Model, car.Year, car.Plate, car.Odometer, car.OdometerUnit,
                    OpenOf(openByCar[car.Id]), HistoryOf(closedByCar[car.Id])));
            }

            // Orders for a car no longer the client's (sold, moved to another contact): the car as the order recorded it.
            var known = cars.Select(v => v.Id).ToHashSet();
            foreach (var gone in shown.Concat(closed).Where(o => !known.Contains(o.VehicleId)).GroupBy(o => o.VehicleId))
            {
                var label = gone.OrderByDescending(o => o.Number).First().VehicleLabel;
                views.Add(new GarageVehicle(gone.Key, label, null, null, null, null, null, null, OpenOf(openByCar[gone.Key]), HistoryOf(closedByCar[gone.Key])));
            }

            var view = new GarageView(profile.Name, contact.FirstName ?? contact.Name, language, views);
            return new Loaded(view, tenantId, contactId, profile.BrandColor, open.Select(o => o.Id).Concat(closed.Select(o => o.Id)).ToHashSet());

            List<GarageOpenOrder> OpenOf(IEnumerable<OrderRow> orders) => [.. orders.Select(o => new GarageOpenOrder(
                o.Id, o.Number, o.Status, GarageViews.StatusLabel(o.Status), o.StagesDone, o.StageCount,
                current.TryGetValue(o.Id, out var stage) ? new GarageStage(stage.Position, new WorkshopText(stage.NameEn, stage.NameRu).In(language) ?? "", stage.Status) : null,
                o.ScheduledAt, o.PromisedAt, MinorUnits.View(o.TotalMinor, o.Currency), o.Status == WorkOrderStatuses.EstimateSent, tracking.PageFor(tenantId, o.Id)))];

            List<GarageClosedOrder> HistoryOf(IEnumerable<OrderRow> orders) => [.. orders.OrderByDescending(o => o.Number).Select(o => new GarageClosedOrder(
                o.Id, o.Number, o.Status, GarageViews.StatusLabel(o.Status), o.StatusChangedAt, MinorUnits.View(o.TotalMinor, o.Currency), tracking.PageFor(tenantId, o.Id)))];
        }
    }

    private sealed record OrderRow(
        Guid Id, Guid VehicleId, string VehicleLabel, long Number, string Status, int StagesDone, int StageCount, DateTimeOffset? ScheduledAt,
        DateTimeOffset? PromisedAt, DateTimeOffset StatusChangedAt, long TotalMinor, string Currency);

    private sealed record StageRow(Guid OrderId, int Position, string? NameEn, string? NameRu, string Status);

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/workshop/garage/{token}", async Task<Ok<GarageView>> (string token, Handler handler, GarageLimits limits, HttpContext http, CancellationToken ct) =>
        {
            limits.Acquire(http.Connection.RemoteIpAddress);
            var view = await handler.HandleAsync(token, ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(view);
        })
        .AllowAnonymous()
        .WithTags("Public")
        .WithName("GetWorkshopGarage")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithSummary("A workshop client's cars and work orders through their signed garage link (no sign-in): per car the orders in progress with progress, the current stage, dates, the total, whether an estimate waits for them and each order's tracking link, then the newest 20 delivered or cancelled; drafts never; 404 for a tampered or unknown link, 429 when an address asks too often");
}
