using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Files.Contracts;
using Portico.Kernel.Events;
using Portico.Kernel.Files;
using Portico.Kernel.Tenancy;
using Wolverine;
using Wolverine.Attributes;
using Portico.Crm.Contracts;

[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Portico.Crm.Imports",
    Justification = "C# only; the namespace is the use-case folder. Its public types are the queue message and handler the bus needs.")]

namespace Portico.Crm.Imports;

/// <summary>
/// Queue message: import a job's file. Public because the message bus generates code that names it; only this module sends it.
/// </summary>
/// <param name="JobId">The import job.</param>
/// <param name="TenantId">The tenant the import runs in.</param>
/// <param name="TenantSlug">The tenant's slug.</param>
/// <param name="Actor">Who started the import (<c>user:{id}</c>): the audit log names them for every record it writes.</param>
/// <param name="RestrictedTo">Set when an Employee under restricted visibility started it: what they import is assigned to them.</param>
public sealed record RunImport(Guid JobId, Guid TenantId, string TenantSlug, string Actor, Guid? RestrictedTo);

/// <summary>
/// Runs imports in the background. Public because the message bus builds it; the work is done by <see cref="ImportWorker"/>.
/// An import can outlast the bus's default execution timeout, hence its own.
/// </summary>
public sealed class ImportRunner(IServiceScopeFactory scopes) : IQueueHandler
{
    [MessageTimeout(6 * 60 * 60)]
    public Task HandleAsync(RunImport message, Envelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(envelope);
        return scopes.RunAsync(message.TenantId, message.TenantSlug, message.Actor,
            services => services.GetRequiredService<ImportWorker>().RunAsync(message, envelope.Attempts, cancellationToken));
    }
}

/// <summary>
/// Imports a file batch by batch, each batch in one transaction with the job's progress (processed, created, updated,
/// skipped, failed, the first errors); new records are written by the bulk path (<see cref="ImportWrites"/>). The file is streamed, never loaded whole. If the process dies, the message is
/// delivered again and the import resumes after the last committed batch; rows the crash may have left half-done are
/// found again by the import's deduplication (emails and phones of contacts, row hashes of leads) and not doubled.
/// Rows with errors are counted and reported; they do not stop the import.
/// </summary>
internal sealed class ImportWorker(CrmDbContext db, IFileStore files, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ImportWorker> logger)
{
    public async Task RunAsync(RunImport message, int attempt, CancellationToken cancellationToken)
    {
        var job = await db.Imports.FirstOrDefaultAsync(j => j.Id == message.JobId, cancellationToken);
        if (job is null || job.Status is not (ImportStatus.Queued or ImportStatus.Running))
        {
            return; // done, failed or deleted meanwhile: a late copy of the message
        }

        try
        {
            if (job.Status == ImportStatus.Queued)
            {
                var total = 0;
                await foreach (var _ in ImportSource.DataRowsAsync(files, job, cancellationToken))
                {
                    total++;
                }

                job.TotalRows = total;
                job.Status = ImportStatus.Running;
                job.StartedAt ??= clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            var plan = ImportPlan.Of(job, message.RestrictedTo, publishEvents: job.TotalRows < ImportPlan.EventRowLimit);
            var processed = job.ProcessedRows;
            await foreach (var batch in ImportSource.BatchesAsync(ImportSource.DataRowsAsync(files, job, cancellationToken), processed, cancellationToken))
            {
                if (!await CommitAsync(message, plan, batch, processed, cancellationToken))
                {
                    return;
                }

                processed += batch.Count;
            }

            await FinishAsync(message.JobId, ImportStatus.Completed, null);
        }
        catch (Exception ex) when (ex is UnreadableImportFileException or ValidationException or NotFoundException or FileTooLargeException)
        {
            // The file cannot be read (or is past a limit, or is gone, or the tenant has no lead pipeline): trying again will not help.
            await FinishAsync(message.JobId, ImportStatus.Failed, ex is ValidationException validation
                ? string.Join(" ", validation.Errors.Select(e => $"{e.Key} {string.Join(" ", e.Value)}"))
                : ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && attempt >= QueueRetries.MaxAttempts(configuration))
        {
            logger.LogError(ex, "Import {ImportId} failed on its last attempt", message.JobId);
            await FinishAsync(message.JobId, ImportStatus.Failed, "The import stopped on an unexpected error; the rows counted as processed were imported. Upload the file again to import the rest.");
            throw;
        }
    }

    /// <summary>Imports one batch and records the progress in the same transaction; false when another copy of the message has taken the job over.</summary>
    private async Task<bool> CommitAsync(RunImport message, ImportPlan plan, List<SheetRow> batch, int processedBefore, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await scopes.RunAsync(message.TenantId, message.TenantSlug, message.Actor, async services =>
                {
                    var context = services.GetRequiredService<CrmDbContext>();
                    // One connection for the batch's lookups and writes (on PostgreSQL each open also sets the tenant: a round trip).
                    await context.Database.OpenConnectionAsync(cancellationToken);
                    var job = await context.Imports.FirstOrDefaultAsync(j => j.Id == message.JobId, cancellationToken);
                    if (job is null || job.Status != ImportStatus.Running || job.ProcessedRows != processedBefore)
                    {
                        return false;
                    }

                    var outcome = await ImportSource.ProcessAsync(services, plan, batch, cancellationToken);
                    job.ProcessedRows += outcome.Rows;
                    job.Created += outcome.Created;
                    job.Updated += outcome.Updated;
                    job.Skipped += outcome.Skipped;
                    job.Failed += outcome.Failed;
                    ImportJobs.AddErrors(job, outcome.Errors);

                    // One transaction: the new records (bulk path), the updated ones, the progress and the events.
                    await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
                    await ImportWrites.InsertAsync(context, outcome, cancellationToken);
                    await services.GetRequiredService<Outbox>().SaveChangesAsync(context, cancellationToken);
                    if (context.Database.CurrentTransaction is not null)
                    {
                        await transaction.CommitAsync(cancellationToken); // the outbox commits it itself when it carried messages
                    }

                    return true;
                });
            }
            catch (ConflictException) when (attempt < 10)
            {
                // Another import wrote the same leads at the same moment (their row hashes are unique), or an API create took
                // an email or phone of the batch after it was read (one contact per email or phone): the next pass reads
                // again, skipping those leads and updating those contacts. A race costs the batch, never the import.
            }
            catch (ConcurrencyException)
            {
                return false; // the job moved on under another copy of the message
            }
        }
    }

    private async Task FinishAsync(Guid jobId, string status, string? reason)
    {
        db.ChangeTracker.Clear();
        var job = await db.Imports.FirstOrDefaultAsync(j => j.Id == jobId, CancellationToken.None);
        if (job is null)
        {
            return;
        }

        job.Status = status;
        job.FinishedAt = clock.GetUtcNow();
        job.FailureReason = reason is null ? null : ImportJobs.Cut(reason, 2000);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

internal static class StartImport
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, RequestContext request, Outbox outbox)
    {
        /// <summary>Queues the import. Starting a queued or running import again changes nothing; a failed one resumes where it stopped.</summary>
        public async Task<ImportView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var job = await ImportJobs.FindAsync(db, access, request, id, cancellationToken);
            switch (job.Status)
            {
                case ImportStatus.Queued or ImportStatus.Running:
                    return ImportView.From(job);
                case ImportStatus.Completed:
                    throw new ConflictException("The import has completed. Upload the file again to import it again (rows already imported are not doubled).", "import-completed");
            }

            new Rules().Check(ImportMapping.Deserialize(job.Mapping).Values.Any(v => v is not null), "mapping", "maps no column to a field: set the mapping first.").ThrowIfInvalid();
            job.Status = ImportStatus.Queued;
            job.FinishedAt = null;
            job.FailureReason = null;
            outbox.Send(new RunImport(job.Id, access.TenantId, request.TenantSlug ?? "", request.Actor, await access.RestrictedToAsync(cancellationToken)));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return ImportView.From(job);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/imports/{id:guid}/run", async Task<Accepted<ImportView>> (Guid id, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var job = await handler.HandleAsync(id, ct);
            return TypedResults.Accepted($"/api/v1/tenants/{context.TenantSlug}/crm/imports/{job.Id}", job);
        })
        .WithName("RunImport")
        .WithSummary("Start the import in the background (202); follow it with GET .../imports/{id}");
}
