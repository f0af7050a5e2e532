using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Catalog.Services;

internal static class UpdateService
{
    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, ServiceWriter writer)
    {
        /// <summary>Without If-Match the edit wins over the booking stamp written in the background (<see cref="LastWriteWins"/>).</summary>
        public async Task<ServiceView> HandleAsync(Guid id, ServiceInput input, long? expectedVersion, CancellationToken cancellationToken) =>
            await LastWriteWins.RunAsync(db, expectedVersion, async () =>
            {
                var service = await db.FindServiceAsync(id, cancellationToken);
                ApiConventions.CheckVersion(expectedVersion, service.Version);
                await writer.UpdateAsync(service, input, cancellationToken);
                await writer.SaveAsync(cancellationToken);
                return await writer.ViewAsync(service, cancellationToken);
            });
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/catalog/services/{id:guid}", async Task<Ok<ServiceView>> (Guid id, ServiceInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var service = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(service.Version);
            return TypedResults.Ok(service);
        })
        .WithName("UpdateService")
        .WithRequestExample(new { price = new { kind = "range", amount = "8000.00", max = "25000.00" }, deposit = new { percent = 30 } })
        .WithSummary("Change a service (merge patch; staff, tags and portfolio replace the whole list; send If-Match to avoid lost updates)");
}

internal static class ArchiveService
{
    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, ServiceWriter writer, TimeProvider clock)
    {
        /// <summary>Archives (true) or brings back (false) a service; doing it twice changes nothing.</summary>
        public async Task<ServiceView> HandleAsync(Guid id, bool archive, CancellationToken cancellationToken)
        {
            var service = await db.FindServiceAsync(id, cancellationToken);
            if (archive != service.ArchivedAt is not null)
            {
                service.ArchivedAt = archive ? clock.GetUtcNow() : null;
                await writer.SaveAsync(cancellationToken);
            }

            return await writer.ViewAsync(service, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants
            .MapPost("/{tenant}/catalog/services/{id:guid}/archive", async Task<Ok<ServiceView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: true, ct)))
            .WithName("ArchiveService")
            .WithSummary("Archive a service: kept for past appointments, gone from the public catalog and from booking");
        tenants
            .MapPost("/{tenant}/catalog/services/{id:guid}/unarchive", async Task<Ok<ServiceView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, archive: false, ct)))
            .WithName("UnarchiveService")
            .WithSummary("Bring an archived service back");
    }
}

internal static class DeleteService
{
    public const string BookedCode = "service-booked";

    [RequiresPermission(CatalogPermissions.Manage)]
    internal sealed class Handler(CatalogDbContext db, ServiceWriter writer)
    {
        /// <summary>Deletes a service that was never booked; a booked one is archived instead (409), so its appointments keep it.</summary>
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var service = await db.FindServiceAsync(id, cancellationToken);
            if (service.BookedAt is not null)
            {
                throw new ConflictException("The service has been booked; archive it instead (POST .../archive), so its appointments keep it.", BookedCode);
            }

            db.ServiceStaff.RemoveRange(await db.ServiceStaff.Where(m => m.ServiceId == id).ToListAsync(cancellationToken));
            db.PortfolioImages.RemoveRange(await db.PortfolioImages.Where(p => p.ServiceId == id).ToListAsync(cancellationToken));
            db.Services.Remove(service);
            await writer.SaveAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/catalog/services/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteService")
        .WithSummary("Delete a service that was never booked (409 service-booked once it was: archive it instead)");
}
