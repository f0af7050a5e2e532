using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Files.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Imports;

internal static class GetImport
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RequestContext request, IFileStore files)
    {
        /// <summary>The job with its progress; while it waits for its mapping, with the first rows of its file too.</summary>
        public async Task<ImportView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var job = await ImportJobs.FindAsync(db, access, request, id, cancellationToken);
            return ImportView.From(job, job.Status == ImportStatus.Uploaded ? await PreviewAsync(files, job, cancellationToken) : null);
        }
    }

    public static async Task<IReadOnlyList<string[]>> PreviewAsync(IFileStore files, ImportJob job, CancellationToken cancellationToken)
    {
        await using var file = await files.OpenReadAsync(Guid.Parse(job.FileKey), cancellationToken);
        return (await ImportFiles.ReadHeadAsync(file.Content, job.Format, UploadImport.PreviewRows, cancellationToken)).Preview;
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/imports/{id:guid}", async Task<Ok<ImportView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var job = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(job.Version);
            return TypedResults.Ok(job);
        })
        .WithName("GetImport")
        .WithSummary("An import: its mapping, status and progress (processed, created, updated, skipped, failed) and the first row errors");
}
