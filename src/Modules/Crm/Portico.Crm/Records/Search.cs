using System.Text;

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

        if (db is CrmDbContext { IsPostgres: true } crm)
        {
            // Every word a prefix of one of the record's words: a range of the (tenant, term) key per word, which
            // PostgreSQL can walk under row-level security (see SearchTerm), joined to the record by id. A long word is
            // cut to 100 code points, as the index cuts it (crm.search_words).
            IQueryable<T> query = set;
            foreach (var term in terms.Select(t => t.Length > 100 ? string.Concat(t.EnumerateRunes().Take(100)) : t))
            {
                var (from, until) = (term, PrefixEnd(term));
                // Translated to SQL, where the column's "C" collation makes these byte-order comparisons.
#pragma warning disable CA1309
                query = query.Where(r => crm.SearchTerms.Any(t => t.RecordId == r.Id
                    && string.Compare(t.Term, from) >= 0 && string.Compare(t.Term, until) < 0));
#pragma warning restore CA1309
            }

            return query;
        }

        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;

        var match = string.Join(' ', terms.Select(t => "\"" + t + "\"*"));
        var fts = $"SELECT * FROM \"{table}\" WHERE rowid IN (SELECT rowid FROM \"{table}_fts\" WHERE \"{table}_fts\" MATCH {{0}})";
        return set.FromSqlRaw(fts, match);
    }

    // The first string after every string that starts with the prefix, in byte (code point) order: the prefix with its
    // last code point moved one up. Terms are letters and digits, so that code point is never U+10FFFF nor U+D7FF.
    private static string PrefixEnd(string prefix)
    {
        var last = Rune.GetRuneAt(prefix, prefix.Length - (char.IsLowSurrogate(prefix[^1]) ? 2 : 1));
        return prefix[..^last.Utf16SequenceLength] + new Rune(last.Value + 1);
    }
}
