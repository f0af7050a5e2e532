using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Portico.Crm.Records;
using Portico.Files.Contracts;

namespace Portico.Crm.Imports;

/// <summary>The data rows of an import's stored file, streamed in batches, and the one place a batch is handed to its record type.</summary>
internal static class ImportSource
{
    /// <summary>Rows per unit of work: large enough to make lookups and inserts cheap per row, small enough to keep transactions short.</summary>
    public const int BatchSize = 500;

    /// <summary>The non-empty rows after the header row.</summary>
    public static async IAsyncEnumerable<SheetRow> DataRowsAsync(IFileStore files, ImportJob job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = await files.OpenReadAsync(Guid.Parse(job.FileKey), cancellationToken);
        var header = true;
        await foreach (var row in ImportFiles.ReadAsync(file.Content, job.Format, cancellationToken))
        {
            if (row.IsEmpty)
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            yield return row;
        }
    }

    public static async IAsyncEnumerable<List<SheetRow>> BatchesAsync(IAsyncEnumerable<SheetRow> rows, int skip, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<SheetRow>(BatchSize);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<SheetRow>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Processes a batch in the unit of work of <paramref name="services"/>; nothing is saved here.</summary>
    public static Task<BatchOutcome> ProcessAsync(IServiceProvider services, ImportPlan plan, IReadOnlyList<SheetRow> rows, CancellationToken cancellationToken) =>
        plan.RecordType == RecordTypes.Lead
            ? services.GetRequiredService<ImportLeads>().ProcessAsync(plan, rows, cancellationToken)
            : services.GetRequiredService<ImportContacts>().ProcessAsync(plan, rows, cancellationToken);
}
