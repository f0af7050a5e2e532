using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Records;
using Portico.Files.Contracts;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Imports;

/// <summary>
/// Checks every row of the file with the same code as the import, in one streaming pass, and says what the import
/// would do; nothing is saved. Each batch is tried in a unit of work of its own that is thrown away.
/// </summary>
internal static class DryRunImport
{
    /// <summary>What an import of the file would do now. Row numbers are a spreadsheet's: the header is row 1.</summary>
    internal sealed record Result(int TotalRows, int Valid, int Invalid, int WouldCreate, int WouldUpdate, int WouldSkip, IReadOnlyList<ImportError> Errors);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RequestContext request, IFileStore files, IServiceScopeFactory scopes)
    {
        public async Task<Result> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var job = await ImportJobs.FindAsync(db, access, request, id, cancellationToken);
            if (job.Status is ImportStatus.Queued or ImportStatus.Running)
            {
                throw new ConflictException($"The import is {job.Status}; follow its progress instead.", "import-running");
            }

            var plan = ImportPlan.Of(job, await access.RestrictedToAsync(cancellationToken), publishEvents: false);
            var total = new BatchOutcome();
            await foreach (var batch in ImportSource.BatchesAsync(ImportSource.DataRowsAsync(files, job, cancellationToken), 0, cancellationToken))
            {
                var outcome = await scopes.RunAsync(access.TenantId, request.TenantSlug ?? "", request.Actor, services => ImportSource.ProcessAsync(services, plan, batch, cancellationToken));
                total.Rows += outcome.Rows;
                total.Created += outcome.Created;
                total.Updated += outcome.Updated;
                total.Skipped += outcome.Skipped;
                total.Failed += outcome.Failed;
                total.Errors.AddRange(outcome.Errors.Take(ImportJobs.MaxErrors - total.Errors.Count));
            }

            return new Result(total.Rows, total.Rows - total.Failed, total.Failed, total.Created, total.Updated, total.Skipped, total.Errors);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/imports/{id:guid}/dry-run", async Task<Ok<Result>> (Guid id, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("DryRunImport")
        .WithSummary("Check every row as the import would, saving nothing: counts of valid and invalid rows, what would be created, updated or skipped, and the first 100 row errors");
}
