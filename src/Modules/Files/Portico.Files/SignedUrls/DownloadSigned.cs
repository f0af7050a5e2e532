using System.Globalization;
using Portico.Files.Contracts;
using Portico.Files.Downloads;
using Portico.Files.Storage;
using Portico.Kernel.Tenancy;

namespace Portico.Files.SignedUrls;

/// <summary>Anyone holding a valid, unexpired signed link downloads that one file.</summary>
internal static class DownloadSigned
{
    public const string Path = "/api/v1/public/files";

    internal sealed class Handler(FilesDbContext db, RequestContext context, IFileStorage storage, UrlSigner signer, TimeProvider clock)
    {
        public async Task<FileContent> HandleAsync(Guid fileId, string? expires, string? signature, CancellationToken cancellationToken)
        {
            if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
                || string.IsNullOrEmpty(signature)
                || !signer.IsValid(fileId, expiresAt, signature))
            {
                throw new ForbiddenException("This download link is not valid.", "invalid-signature");
            }

            if (clock.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
            {
                throw new ForbiddenException("This download link has expired. Ask for a new one.", "link-expired");
            }

            // The signed link is the capability and names no tenant: the file's row is read across tenants,
            // as accepting an invitation reads its row (row-level security allows it in platform scope only).
            context.EnterPlatformScope();
            var file = await db.Files.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken)
                ?? throw new NotFoundException("File", fileId);
            return await DownloadFile.Handler.OpenAsync(storage, file, cancellationToken);
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/files/{id:guid}", async Task<FileStreamHttpResult> (Guid id, string? expires, string? sig, Handler handler, HttpContext http, CancellationToken ct) =>
            FileDownloads.Send(http, await handler.HandleAsync(id, expires, sig, ct)))
        .AllowAnonymous()
        .WithName("DownloadSignedFile")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .WithSummary("Download a file through a signed link (expires, sig); a forged, altered or expired link is a 403")
        .WithTags("Public");
}
