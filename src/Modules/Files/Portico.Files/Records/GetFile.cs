using Portico.Files.Contracts;

namespace Portico.Files.Records;

internal static class GetFile
{
    internal sealed class Handler(FilesDbContext db)
    {
        public async Task<StoredFileInfo?> FindAsync(Guid fileId, CancellationToken cancellationToken) =>
            (await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken))?.ToInfo();

        public async Task<StoredFileInfo> HandleAsync(Guid fileId, CancellationToken cancellationToken) =>
            await FindAsync(fileId, cancellationToken) ?? throw new NotFoundException("File", fileId);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/files/{id:guid}", async Task<Ok<StoredFileInfo>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var file = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(file.Version);
            return TypedResults.Ok(file);
        })
        .RequirePermission(Files.Contracts.FilesPermissions.Read)
        .WithName("GetFile")
        .WithSummary("A file's metadata: name, sniffed content type, size, SHA-256, purpose")
        .WithTags("Files");
}
