using Microsoft.Extensions.Logging;
using Portico.Files.Storage;
using Portico.Files.Contracts;

namespace Portico.Files.Records;

internal static class DeleteFile
{
    internal sealed class Handler(FilesDbContext db, IFileStorage storage, ILogger<Handler> logger)
    {
        /// <summary>
        /// Record first, content second: once the record is gone nobody can reach the content, so a
        /// failure to remove it leaves only an unreferenced object (logged), never a dangling record.
        /// </summary>
        public async Task HandleAsync(Guid fileId, long? expectedVersion, CancellationToken cancellationToken)
        {
            var file = await db.Files.FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken) ?? throw new NotFoundException("File", fileId);
            ApiConventions.CheckVersion(expectedVersion, file.Version);
            db.Files.Remove(file);
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                await storage.DeleteAsync(file.Key, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ServiceUnavailableException)
            {
                logger.LogWarning(ex, "File {FileId} was deleted but its content under {Key} could not be removed", file.Id, file.Key);
            }
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/files/{id:guid}", async Task<NoContent> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, http.Request.ExpectedVersion(), ct);
            return TypedResults.NoContent();
        })
        .RequirePermission(Files.Contracts.FilesPermissions.Delete)
        .WithName("DeleteFile")
        .WithSummary("Delete a file and its content (Manager and above)")
        .WithTags("Files");
}
