using Portico.Crm.Records;

namespace Portico.Crm.Imports;

/// <summary>
/// Writes the records a batch creates by the bulk path (<see cref="CrmBulk"/>): no change tracking, a statement per
/// table on PostgreSQL, one prepared insert per table on SQLite, in the batch's transaction. Each new contact, channel
/// and lead gets its own <c>created</c> row in the audit log, as a record saved through the API does, so the record's
/// timeline starts with who imported it; the search text is built first, so the full-text index (SQLite's triggers,
/// PostgreSQL's generated column) holds the new records when the batch commits. Updates of existing contacts stay
/// on the tracked path (they are few, and each needs its own change set).
/// </summary>
internal static class ImportWrites
{
    public static async Task InsertAsync(CrmDbContext db, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        await db.InsertNewAsync(outcome.NewContacts, cancellationToken);
        await db.InsertNewAsync(outcome.NewContacts.SelectMany(c => c.Channels).ToList(), cancellationToken);
        await db.InsertNewAsync(outcome.NewLeads, cancellationToken);
    }
}
