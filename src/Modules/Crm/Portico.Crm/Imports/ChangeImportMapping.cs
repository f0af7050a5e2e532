using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Files.Contracts;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Imports;

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
