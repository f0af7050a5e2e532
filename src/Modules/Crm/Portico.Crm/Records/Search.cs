
namespace Portico.Crm.Records;

/// <summary>
/// The <c>q</c> of every CRM list: a prefix full-text match over the record's <see cref="CrmRecord.SearchText"/>.
/// PostgreSQL keeps a generated <c>tsvector</c> column with a GIN index; SQLite an FTS5 table kept by triggers
/// (both created by the <c>SearchIndexes</c> migrations). The match is composed with the rest of the query, so
/// tenant filters, other filters, sorting and keyset paging apply as usual.
/// </summary>
internal static class Search
{
    public static IQueryable<T> Matching<T>(this DbSet<T> set, DbContext db, string? q)
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
            // Table names come from the model, never from input; the query text is a parameter.
            var sql = $"SELECT * FROM \"{entity.GetSchema()}\".\"{table}\" WHERE search_vector @@ to_tsquery('simple', {{0}})";
            return set.FromSqlRaw(sql, query);
        }

        var match = string.Join(' ', terms.Select(t => "\"" + t + "\"*"));
        var fts = $"SELECT * FROM \"{table}\" WHERE rowid IN (SELECT rowid FROM \"{table}_fts\" WHERE \"{table}_fts\" MATCH {{0}})";
        return set.FromSqlRaw(fts, match);
    }

}
