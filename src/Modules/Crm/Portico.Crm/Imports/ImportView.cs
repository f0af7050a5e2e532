using System.Text.Json;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Imports;

/// <summary>The stages of an import: <c>uploaded</c> (mapping can change, dry runs), <c>queued</c>, <c>running</c>, then <c>completed</c> or <c>failed</c>.</summary>
internal static class ImportStatus
{
    public const string Uploaded = "uploaded";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>An import as the API shows it. <see cref="Preview"/> (the first data rows) is given while the job waits for its mapping.</summary>
internal sealed record ImportView(
    Guid Id, string RecordType, string FileName, string Format, long FileSize, string Status,
    IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string?> Mapping, IReadOnlyList<string[]>? Preview,
    int TotalRows, int ProcessedRows, int Created, int Updated, int Skipped, int Failed, IReadOnlyList<ImportError> Errors,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ImportView From(ImportJob job, IReadOnlyList<string[]>? preview = null) => new(
        job.Id, job.RecordType, job.FileName, job.Format, job.FileSize, job.Status,
        ImportMapping.HeadersOf(job), ImportMapping.Deserialize(job.Mapping), preview,
        job.TotalRows, job.ProcessedRows, job.Created, job.Updated, job.Skipped, job.Failed, ImportJobs.ErrorsOf(job),
        job.StartedAt, job.FinishedAt, job.FailureReason, job.CreatedAt, job.UpdatedAt, job.Version);
}

/// <summary>Finding a job the caller may see, and reading and writing its JSON columns.</summary>
internal static class ImportJobs
{
    /// <summary>At most this many row errors are kept on a job (and listed by a dry run).</summary>
    public const int MaxErrors = 100;

    /// <summary>
    /// Under restricted visibility an Employee sees only the imports they uploaded (their preview rows and errors
    /// hold other people's data). Who uploaded a job is what the audit log recorded when it was created.
    /// </summary>
    public static async Task<IQueryable<ImportJob>> VisibleAsync(CrmDbContext db, CrmAccess access, RequestContext request, CancellationToken cancellationToken)
    {
        var query = db.Imports.AsQueryable();
        if (await access.RestrictedToAsync(cancellationToken) is not null)
        {
            var me = request.Actor;
            query = query.Where(j => db.AuditLog.Any(a => a.EntityType == nameof(ImportJob) && a.EntityId == j.Id && a.Action == "created" && a.Actor == me));
        }

        return query;
    }

    public static async Task<ImportJob> FindAsync(CrmDbContext db, CrmAccess access, RequestContext request, Guid id, CancellationToken cancellationToken) =>
        await (await VisibleAsync(db, access, request, cancellationToken)).FirstOrDefaultAsync(j => j.Id == id, cancellationToken)
        ?? throw new NotFoundException("Import", id);

    public static IReadOnlyList<ImportError> ErrorsOf(ImportJob job) =>
        JsonSerializer.Deserialize<List<ImportError>>(job.Errors, JsonSerializerOptions.Web) ?? [];

    /// <summary>Adds row errors to the job, keeping the first <see cref="MaxErrors"/>.</summary>
    public static void AddErrors(ImportJob job, IReadOnlyList<ImportError> errors)
    {
        var kept = ErrorsOf(job).ToList();
        if (kept.Count >= MaxErrors || errors.Count == 0)
        {
            return;
        }

        kept.AddRange(errors.Take(MaxErrors - kept.Count).Select(e => e with { Message = Cut(e.Message, 500), Column = e.Column is null ? null : Cut(e.Column, 200) }));
        job.Errors = JsonSerializer.Serialize(kept, JsonSerializerOptions.Web);
    }

    public static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
