using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Files.Contracts;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Imports;

internal static class ListImports
{
    private static readonly SortFields<ImportJob> Sorts = new SortFields<ImportJob>("-createdAt")
        .Add("createdAt", j => j.CreatedAt);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RequestContext request)
    {
        public async Task<Page<ImportView>> HandleAsync(string? status, string? recordType, PageRequest page, CancellationToken cancellationToken)
        {
            var query = (await ImportJobs.VisibleAsync(db, access, request, cancellationToken)).AsNoTracking();
            if (!string.IsNullOrWhiteSpace(status))
            {
                query = query.Where(j => j.Status == status);
            }

            if (!string.IsNullOrWhiteSpace(recordType))
            {
                query = query.Where(j => j.RecordType == recordType);
            }

            return (await query.ToPageAsync(page, Sorts, cancellationToken)).Map(j => ImportView.From(j));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/imports", async Task<Ok<Page<ImportView>>> (
                string? status, string? recordType, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(status, recordType, PageRequest.From(limit, cursor, sort), ct)))
        .WithName("ListImports")
        .WithSummary("Imports, newest first (filters: status, recordType)");
}

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

internal static class ChangeImportMapping
{
    internal sealed record Request(Dictionary<string, string?>? Mapping);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RequestContext request, CustomFieldValues fields, IFileStore files)
    {
        public async Task<ImportView> HandleAsync(Guid id, Request body, long? expectedVersion, CancellationToken cancellationToken)
        {
            var job = await ImportJobs.FindAsync(db, access, request, id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, job.Version);
            if (job.Status != ImportStatus.Uploaded)
            {
                throw new ConflictException($"The import is {job.Status}: its mapping can no longer change. Upload the file again to import it differently.", "import-started");
            }

            var definitions = await fields.DefinitionsAsync(job.RecordType, cancellationToken);
            job.Mapping = ImportMapping.Serialize(ImportMapping.Validate(body.Mapping, ImportMapping.HeadersOf(job), job.RecordType, definitions));
            await db.SaveChangesAsync(cancellationToken);
            return ImportView.From(job, await GetImport.PreviewAsync(files, job, cancellationToken));
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPut("/{tenant}/crm/imports/{id:guid}/mapping", async Task<Ok<ImportView>> (Guid id, Request body, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var job = await handler.HandleAsync(id, body, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(job.Version);
            return TypedResults.Ok(job);
        })
        .WithName("ChangeImportMapping")
        .WithSummary("Set which column fills which field: {mapping: {column: field | null}}; fields are the record type's (name, email, phone, …) or cf.{key}");
}
