using Portico.Files.Contracts;
using Portico.Files.Storage;

namespace Portico.Files.Downloads;

/// <summary>A signed-in member downloads a file of their tenant.</summary>
internal static class DownloadFile
{
    internal sealed class Handler(FilesDbContext db, IFileStorage storage)
    {
        public async Task<FileContent> HandleAsync(Guid fileId, CancellationToken cancellationToken)
        {
            var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken)
                ?? throw new NotFoundException("File", fileId);
            return await OpenAsync(storage, file, cancellationToken);
        }

        internal static async Task<FileContent> OpenAsync(IFileStorage storage, StoredFile file, CancellationToken cancellationToken)
        {
            var content = await storage.OpenReadAsync(file.Key, cancellationToken)
                ?? throw new NotFoundException("Content of file", file.Id);
            return new FileContent(file.ToInfo(), content);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/files/{id:guid}/content", async Task<FileStreamHttpResult> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
            FileDownloads.Send(http, await handler.HandleAsync(id, ct)))
        .RequirePermission(Files.Contracts.FilesPermissions.Read)
        .WithName("DownloadFile")
        .WithSummary("Download a file's content (as an attachment, with its sniffed content type)")
        .WithTags("Files");
}

/// <summary>How every download answers, signed or not.</summary>
internal static class FileDownloads
{
    /// <summary>
    /// Streams the content as an attachment with the sniffed type; <c>Content-Disposition</c> carries the
    /// name as an ASCII fallback and as RFC 5987 <c>filename*</c> (UTF-8), so Cyrillic names survive.
    /// <c>nosniff</c> stops browsers second-guessing the type; nothing is cached on the way.
    /// </summary>
    public static FileStreamHttpResult Send(HttpContext http, FileContent content)
    {
        var file = content.File;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        http.Response.ContentLength = file.Size;
        var contentType = file.ContentType.StartsWith("text/", StringComparison.Ordinal) ? file.ContentType + "; charset=utf-8" : file.ContentType;
        return TypedResults.Stream(content.Content, contentType, file.FileName, file.CreatedAt);
    }
}
