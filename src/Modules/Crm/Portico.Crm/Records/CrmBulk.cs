using Portico.Data;

namespace Portico.Crm.Records;

/// <summary>
/// The CRM's entry to the bulk path (<see cref="BulkInsert"/>) for new records that are not tracked: records get
/// their search text first, as <see cref="CrmDbContext"/>'s SaveChanges gives them, so the full-text index (SQLite's
/// triggers, PostgreSQL's generated column) holds them when the transaction commits. Used by imports and demo data.
/// </summary>
internal static class CrmBulk
{
    public static Task InsertNewAsync<T>(this CrmDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var row in rows)
        {
            (row as CrmRecord)?.RefreshSearchText();
        }

        return BulkInsert.InsertAsync(db, rows, cancellationToken);
    }
}
