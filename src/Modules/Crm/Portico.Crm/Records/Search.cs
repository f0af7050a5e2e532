
namespace Portico.Crm.Records;

/// <summary>
/// The <c>q</c> of every CRM list: a prefix full-text match over the record's <see cref="CrmRecord.SearchText"/>.
/// PostgreSQL keeps a generated <c>tsvector</c> column with a GIN index; SQLite an FTS5 table kept by triggers
/// (both created by the <c>SearchIndexes</c> migrations). The match is composed with the rest of the query, so
/// tenant filters, other filters, sorting and keyset paging apply as usual.
/// </summary>
internal static class Search
{
    // Up to this many matches in the tenant, a PostgreSQL list fetches them by id; beyond it, matches are common
    // enough that walking the sort order's index finds a page among the first few thousand rows.
    private const int FewMatches = 2000;

    public static async Task<IQueryable<T>> MatchingAsync<T>(this DbSet<T> set, DbContext db, string? q, CancellationToken cancellationToken)
        where T : CrmRecord
    {
        var terms = string.IsNullOrWhiteSpace(q) ? [] : SearchText.Terms(q);
        if (terms.Count == 0)
        {
            return set;
        }

        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        if (db.Database.IsNpgsql())
        {
            var query = string.Join(" & ", terms.Select(t => t + ":*"));
            // Under row-level security the GIN index cannot serve @@ (not a leakproof operator), so a rare prefix would
            // read the tenant's whole table: crm.search_ids (SearchIdsFunction migration) asks the index for the tenant's
            // matches, and when they are few the list fetches exactly those rows.
            var search = $"SELECT s AS \"Value\" FROM \"{entity.GetSchema()}\".search_ids({{0}}, to_tsquery('simple', {{1}}), {{2}}) AS s";
            var ids = await db.Database.SqlQueryRaw<Guid>(search, table, query, FewMatches + 1).ToListAsync(cancellationToken);
            if (ids.Count <= FewMatches)
            {
                return set.Where(r => ids.Contains(r.Id));
            }

            // Table names come from the model, never from input; the query text is a parameter.
            var sql = $"SELECT * FROM \"{entity.GetSchema()}\".\"{table}\" WHERE search_vector @@ to_tsquery('simple', {{0}})";
            return set.FromSqlRaw(sql, query);
        }

        var match = string.Join(' ', terms.Select(t => "\"" + t + "\"*"));
        var fts = $"SELECT * FROM \"{table}\" WHERE rowid IN (SELECT rowid FROM \"{table}_fts\" WHERE \"{table}_fts\" MATCH {{0}})";
        return set.FromSqlRaw(fts, match);
    }
}
