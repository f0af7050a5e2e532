using System.Globalization;

namespace Portico.Bench;

/// <summary>
/// Writes the list scenario's leads into a build's SQLite file while no server has it open: one transaction, one
/// prepared INSERT of 64 rows bound batch after batch (the FTS5 trigger of <c>crm_leads</c> fills the search index as it would for
/// the application). How a build stores ids and times is not assumed: the seed reads the one lead the API wrote and
/// binds every id and time the same way, so a build that changes its SQLite storage still gets rows it can read.
/// </summary>
internal static class SqliteSeed
{
    private const string Table = "crm_leads";

    /// <summary>Rows per INSERT statement: 64 × 21 parameters stay far below SQLite's limit of 32 766.</summary>
    private const int RowsPerInsert = 64;

    private static readonly string[] Columns =
    [
        "id", "tenant_id", "title", "contact_name", "email", "phone", "company_name", "source", "pipeline_id", "stage_id",
        "stage_entered_at", "board_rank", "priority", "value_minor", "currency", "assignee_id", "created_at", "updated_at", "version",
        "custom_fields", "search_text",
    ];

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
    ];

    /// <summary>
    /// Inserts <paramref name="leads"/> rows for <paramref name="tenant"/>; <paramref name="template"/> is the id and
    /// creation time the API answered for the one lead already in the table. Returns how ids and times were stored.
    /// </summary>
    public static string Insert(string file, string serverDll, CrmSeedTenant tenant, int leads, (Guid Id, DateTimeOffset CreatedAt) template)
    {
        using var db = SqliteFile.Open(file, serverDll);
        CheckColumns(db);
        var (guid, guidText) = GuidStorage(db, template.Id);
        var (time, timeText) = TimeStorage(db, template.Id, guid, template.CreatedAt);

        // Seeding only: nothing to lose if the machine dies now, and a large page cache keeps the indexes in memory.
        // The table's trigger and unique index make SQLite keep a statement journal for every INSERT: in memory, and
        // for 64 rows at a time rather than one, it costs a fraction of a per-row journal in a temp file.
        db.Execute("PRAGMA synchronous = OFF");
        db.Execute("PRAGMA cache_size = -262144");
        db.Execute("PRAGMA temp_store = MEMORY");
        db.Execute("BEGIN IMMEDIATE");
        var batch = new List<LeadRow>(RowsPerInsert);
        using (var full = Prepare(db, RowsPerInsert))
        {
            foreach (var row in CrmSeed.Rows(tenant, leads, DateTimeOffset.UtcNow))
            {
                batch.Add(row);
                if (batch.Count == RowsPerInsert)
                {
                    Write(full, batch, tenant, guid, time);
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            using var rest = Prepare(db, batch.Count);
            Write(rest, batch, tenant, guid, time);
        }

        db.Execute("COMMIT");
        // The server starts on a compact file, the write-ahead log folded in, as after a clean shutdown.
        db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return $"ids as {guidText}, times as {timeText}";
    }

    private static SqliteFile.Statement Prepare(SqliteFile db, int rows) =>
        db.Prepare($"INSERT INTO \"{Table}\" ({string.Join(", ", Columns)}) VALUES "
            + string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select((_, k) => $"?{(r * Columns.Length) + k + 1}")) + ")")));

    /// <summary>Binds the rows of <paramref name="batch"/> to the statement's parameters, 21 a row in <see cref="Columns"/> order, and runs it.</summary>
    private static void Write(SqliteFile.Statement insert, List<LeadRow> batch, CrmSeedTenant tenant, Action<SqliteFile.Statement, int, Guid?> guid, Action<SqliteFile.Statement, int, DateTimeOffset> time)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            var row = batch[r];
            var k = r * Columns.Length;
            guid(insert, k + 1, row.Id);
            guid(insert, k + 2, tenant.TenantId);
            insert.BindText(k + 3, row.Title);
            insert.BindText(k + 4, row.ContactName);
            insert.BindText(k + 5, row.Email);
            insert.BindText(k + 6, row.Phone);
            insert.BindText(k + 7, row.Company);
            insert.BindText(k + 8, row.Source);
            guid(insert, k + 9, tenant.PipelineId);
            guid(insert, k + 10, row.StageId);
            time(insert, k + 11, row.StageEnteredAt);
            insert.BindDouble(k + 12, row.BoardRank);
            insert.BindText(k + 13, row.Priority);
            insert.BindInt64(k + 14, row.ValueMinor);
            insert.BindText(k + 15, row.Currency);
            guid(insert, k + 16, row.AssigneeId);
            time(insert, k + 17, row.CreatedAt);
            time(insert, k + 18, row.StageEnteredAt);
            insert.BindInt64(k + 19, 0);
            insert.BindText(k + 20, row.CustomFields);
            insert.BindText(k + 21, row.SearchText);
        }

        insert.Step();
        insert.Reset();
    }

    public static long Count(string file, string serverDll)
    {
        using var db = SqliteFile.Open(file, serverDll);
        return long.Parse(db.Scalar($"SELECT count(*) FROM \"{Table}\"") ?? "0", CultureInfo.InvariantCulture);
    }

    /// <summary>Every column the seed writes exists, and every NOT NULL column without a default is one of them.</summary>
    private static void CheckColumns(SqliteFile db)
    {
        var columns = new Dictionary<string, (bool NotNull, bool HasDefault)>(StringComparer.OrdinalIgnoreCase);
        using (var info = db.Prepare($"PRAGMA table_info(\"{Table}\")"))
        {
            while (info.Step())
            {
                columns[info.Text(1)!] = (info.Int64(3) != 0, info.Type(4) != "null");
            }
        }

        var missing = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        var unfilled = columns.Where(c => c.Value.NotNull && !c.Value.HasDefault && !Columns.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(c => c.Key).ToList();
        if (missing.Count > 0 || unfilled.Count > 0)
        {
            throw new BenchException(
                $"This build's {Table} does not match the seed (bench/Portico.Bench/SqliteSeed.cs): "
                + (missing.Count > 0 ? $"no column {string.Join(", ", missing)}; " : "")
                + (unfilled.Count > 0 ? $"NOT NULL without a default and not written: {string.Join(", ", unfilled)}" : ""));
        }
    }

    /// <summary>How the build stores a Guid: text in upper or lower case, or 16 bytes; told by the template lead's id.</summary>
    private static (Action<SqliteFile.Statement, int, Guid?> Bind, string Text) GuidStorage(SqliteFile db, Guid id)
    {
        using var row = db.Prepare($"SELECT typeof(id), id FROM \"{Table}\"");
        while (row.Step())
        {
            var type = row.Type(1);
            if (type == "text" && row.Text(1) is { } text && Guid.TryParse(text, out var parsed) && parsed == id)
            {
                // The value is the template's; only the case of its hex digits is left to tell.
                var upper = text.Any(char.IsAsciiLetterUpper);
                if (!upper || !text.Any(char.IsAsciiLetterLower))
                {
                    return ((s, k, g) => s.BindText(k, g is { } v ? upper ? v.ToString("D").ToUpperInvariant() : v.ToString("D") : null), upper ? "upper-case text" : "lower-case text");
                }
            }
            else if (type == "blob")
            {
                var bytes = row.Blob(1);
                foreach (var bigEndian in (bool[])[false, true])
                {
                    if (bytes.AsSpan().SequenceEqual(id.ToByteArray(bigEndian)))
                    {
                        return ((s, k, g) => s.BindBlob(k, g?.ToByteArray(bigEndian)), bigEndian ? "16-byte blobs (big-endian)" : "16-byte blobs");
                    }
                }
            }
        }

        throw new BenchException($"The lead {id} the API created is not in {Table} in a form the seed knows (text or 16-byte blob).");
    }

    /// <summary>How the build stores a time: text in one of the usual formats, or an integer (ticks, Unix ms or s); told by the template lead.</summary>
    private static (Action<SqliteFile.Statement, int, DateTimeOffset> Bind, string Text) TimeStorage(
        SqliteFile db, Guid id, Action<SqliteFile.Statement, int, Guid?> bindGuid, DateTimeOffset createdAt)
    {
        using var row = db.Prepare($"SELECT typeof(created_at), created_at FROM \"{Table}\" WHERE id = ?1");
        bindGuid(row, 1, id);
        if (!row.Step())
        {
            throw new BenchException($"The lead {id} the API created is not in {Table}.");
        }

        var near = (DateTimeOffset t) => (t - createdAt).Duration() < TimeSpan.FromSeconds(2);
        if (row.Type(0) == "text" && row.Text(1) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stored)
            && near(stored))
        {
            foreach (var format in TimeFormats)
            {
                if (stored.ToString(format, CultureInfo.InvariantCulture) == text)
                {
                    return ((s, k, t) => s.BindText(k, t.ToUniversalTime().ToString(format, CultureInfo.InvariantCulture)), $"text `{format}`");
                }
            }
        }
        else if (row.Type(0) == "integer")
        {
            var value = row.Int64(1);
            (string Name, Func<long, DateTimeOffset> Read, Func<DateTimeOffset, long> Write)[] encodings =
            [
                ("Unix seconds", v => DateTimeOffset.FromUnixTimeSeconds(v), t => t.ToUnixTimeSeconds()),
                ("Unix milliseconds", v => DateTimeOffset.FromUnixTimeMilliseconds(v), t => t.ToUnixTimeMilliseconds()),
                ("ticks", v => new DateTimeOffset(v, TimeSpan.Zero), t => t.UtcTicks),
            ];
            foreach (var (name, read, write) in encodings)
            {
                try
                {
                    if (near(read(value)))
                    {
                        return ((s, k, t) => s.BindInt64(k, write(t)), $"integer {name}");
                    }
                }
                catch (ArgumentOutOfRangeException)
                {
                    // Not this encoding.
                }
            }
        }

        throw new BenchException($"{Table}.created_at of the lead the API created is stored as {row.Type(0)} '{row.Text(1)}', a form the seed does not know.");
    }
}
