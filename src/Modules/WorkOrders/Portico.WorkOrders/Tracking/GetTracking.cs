using Portico.Files.Contracts;
using Portico.Tenancy.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// What the client's signed tracking link shows, without signing in: the order's progress, its estimate and what the
/// workshop shared (comments, and photos as links that expire within minutes). A tampered or unknown link is a 404.
/// </summary>
internal static class GetTracking
{
    internal sealed class Handler(PublicWorkshop workshop, WorkOrdersDbContext db, IFileStore files, Garage.GarageLinks garages)
    {
        public async Task<TrackingView> HandleAsync(string token, CancellationToken cancellationToken)
        {
            var (order, profile) = await workshop.EnterAsync(token, cancellationToken);
            return await ViewAsync(order, profile, cancellationToken);
        }

        /// <summary>The view of an order already entered (also after the client's decision), in the workshop's language unless another is asked for.</summary>
        public async Task<TrackingView> ViewAsync(WorkOrder order, TenantProfile profile, CancellationToken cancellationToken, string? language = null)
        {
            language ??= PublicWorkshop.LanguageOf(profile.Locale);
            var lines = await db.Lines.AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
            var stages = await db.Stages.AsNoTracking().Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
            var parts = await db.Parts.AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
            var entries = await db.Entries.AsNoTracking()
                .Where(e => e.OrderId == order.Id && e.Shared)
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Take(TrackingViews.TimelineLimit)
                .ToListAsync(cancellationToken);
            var positions = stages.ToDictionary(s => s.Id, s => s.Position);
            var timeline = new List<TrackingEntry>(entries.Count);
            foreach (var entry in entries)
            {
                TrackingFile? file = null;
                if (entry.FileId is { } fileId)
                {
                    try
                    {
                        var link = await files.CreateSignedUrlAsync(fileId, TrackingViews.FileLinkLifetime, cancellationToken);
                        var type = entry.ContentType ?? "application/octet-stream";
                        file = new TrackingFile(link.Url, link.ExpiresAt, entry.FileName ?? "file", type, type.StartsWith("image/", StringComparison.Ordinal));
                    }
                    catch (NotFoundException)
                    {
                        continue; // the file was deleted since: nothing to show
                    }
                }

                timeline.Add(new TrackingEntry(
                    entry.Id, entry.Kind, entry.CreatedAt, entry.Text, TrackingViews.StatusOf(entry),
                    entry.StageId is { } stageId && positions.TryGetValue(stageId, out var position) ? position : null, file));
            }

            return new TrackingView(
                order.Id, profile.Name, order.Number, order.Status, order.VehicleLabel, language, TrackingViews.Progress(order, stages, language),
                TrackingViews.Estimate(order, lines, stages, parts, language), timeline, order.ScheduledAt, order.PromisedAt, order.StatusChangedAt, order.Version,
                garages.PageFor(order.TenantId, order.ContactId));
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/work-orders/{token}", async Task<Ok<TrackingView>> (string token, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var view = await handler.HandleAsync(token, ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(view);
        })
        .AllowAnonymous()
        .WithTags("Public")
        .WithName("GetWorkOrderTracking")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithSummary("The work order a signed tracking link names (no sign-in): the car, the stage chain as progress with the current stage, the estimate with each line's approval, and the comments and photos the workshop shared (photo links expire in 15 minutes) and the client's garage link (all their cars and orders); 404 for a tampered or unknown link");
}
