using Portico.Kernel.Tenancy;
using Portico.Data.Paging;
using Portico.Files.Contracts;
using Portico.Kernel.Paging;

namespace Portico.Files.Records;

/// <summary>The tenant's files, newest first by default; filters by purpose, content type and name.</summary>
internal static class ListFiles
{
    internal sealed record Request(string? Q, string? Purpose, string? ContentType, PageRequest Page);

    private static readonly SortFields<StoredFile> Sorts = new SortFields<StoredFile>("-createdAt")
        .Add("createdAt", f => f.CreatedAt)
        .Add("fileName", f => f.FileName)
        .Add("size", f => f.Size);

    [RequiresPermission(Files.Contracts.FilesPermissions.Read)]
    internal sealed class Handler(FilesDbContext db)
    {
        public async Task<Page<StoredFileInfo>> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var query = db.Files.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(request.Purpose))
            {
                query = query.Where(f => f.Purpose == request.Purpose);
            }

            if (!string.IsNullOrWhiteSpace(request.ContentType))
            {
                query = query.Where(f => f.ContentType == request.ContentType);
            }

            if (!string.IsNullOrWhiteSpace(request.Q))
            {
                var q = request.Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // runs as SQL lower(), not as .NET culture-sensitive code
                query = query.Where(f => f.FileName.ToLower().Contains(q));
#pragma warning restore CA1304, CA1311, CA1862
            }

            var page = await query.ToPageAsync(request.Page, Sorts, cancellationToken);
            return page.Map(f => f.ToInfo());
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/files", async Task<Ok<Page<StoredFileInfo>>> (
                string? q, string? purpose, string? contentType, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new Request(q, purpose, contentType, PageRequest.From(limit, cursor, sort)), ct)))
        .WithName("ListFiles")
        .WithSummary("The tenant's files (sort: createdAt, fileName, size; default -createdAt; filters: purpose, contentType, q)")
        .WithTags("Files");
}
