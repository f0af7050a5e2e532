using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Portico.Kernel.Files;

namespace Portico.Crm.Imports;

/// <summary>One row of an import file: its number as a spreadsheet shows it (the header is row 1) and its cells, trimmed.</summary>
internal sealed record SheetRow(int Number, string[] Cells)
{
    public bool IsEmpty => Cells.All(c => c.Length == 0);
}

/// <summary>The formats an import takes.</summary>
internal static class ImportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
}

/// <summary>415: the upload is neither CSV nor XLSX (binary, legacy .xls, an archive of something else).</summary>
internal sealed class UnsupportedImportFileException(string detail)
    : PorticoProblemException("Unsupported media type", detail)
{
    public override int Status => 415;

    public override string Code => "unsupported-import-file";
}

/// <summary>422: the file is CSV or XLSX in name only (a corrupt workbook, no header row).</summary>
internal sealed class UnreadableImportFileException(string detail)
    : PorticoProblemException("Unprocessable file", detail)
{
    public override int Status => 422;

    public override string Code => "unreadable-import-file";
}

/// <summary>
/// How much of a file an import reads. A workbook is checked against all of them before MiniExcel opens it
/// (<see cref="XlsxGuard"/>); a CSV while it streams. Past a limit the answer is 413 naming it.
/// </summary>
internal static class ImportLimits
{
    public const int MaxRows = 200_000;
    public const int MaxColumns = 200;
    public const int MaxCellChars = 32_767;

    /// <summary>Characters of one CSV row, quoted line breaks included: what the reader buffers at once.</summary>
    public const int MaxCsvRowChars = 1024 * 1024;

    public static readonly ArchiveLimits Archive = new(MaxEntries: 1_000, MaxEntryBytes: 128L * 1024 * 1024, MaxTotalBytes: 256L * 1024 * 1024, MaxCompressionRatio: 200);

    public static readonly SpreadsheetLimits Sheet = new(MaxRows, MaxColumns, MaxCells: 4_000_000, MaxSharedStrings: 1_000_000, MaxSharedStringChars: 16 * 1024 * 1024, MaxCellChars);
}

/// <summary>
/// Reads import files as a stream of rows without ever holding the file in memory: CSV through Sep (delimiter
/// sniffed from the header row: comma, semicolon, tab or pipe; quotes unescaped; a UTF-8 BOM dropped), XLSX through
/// MiniExcel's forward-only reader of the first sheet.
/// </summary>
internal static class ImportFiles
{
    /// <summary>How many leading bytes tell the format.</summary>
    public const int SniffLength = 16 * 1024;

    private static ReadOnlySpan<byte> LegacyExcelMagic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    /// <summary>The format of an upload, told by its first bytes; and the encoding its text must be converted from (null: UTF-8 already).</summary>
    public static (string Format, Encoding? TranscodeFrom) Detect(ReadOnlySpan<byte> prefix, bool complete, string fileName)
    {
        if (prefix.StartsWith("PK\x03\x04"u8))
        {
            return (ImportFormats.Xlsx, null);
        }

        if (prefix.StartsWith(LegacyExcelMagic))
        {
            throw new UnsupportedImportFileException("Legacy Excel (.xls) files are not read: save the sheet as .xlsx or .csv and upload it again.");
        }

        // Excel's "Unicode text" is UTF-16 with a byte order mark.
        if (prefix.StartsWith(Utf16LittleEndianBom))
        {
            return (ImportFormats.Csv, Encoding.Unicode);
        }

        if (prefix.StartsWith(Utf16BigEndianBom))
        {
            return (ImportFormats.Csv, Encoding.BigEndianUnicode);
        }

        if (prefix.Length == 0 || !IsPlainText(prefix))
        {
            throw new UnsupportedImportFileException($"'{fileName}' is not a CSV or XLSX file. Upload a spreadsheet saved as .xlsx or .csv.");
        }

        if (IsUtf8(prefix, complete))
        {
            return (ImportFormats.Csv, null);
        }

        // Text that is not UTF-8: a CSV saved by Russian Excel is Windows-1251.
        return (ImportFormats.Csv, CodePagesEncodingProvider.Instance.GetEncoding(1251));
    }

    private static bool IsPlainText(ReadOnlySpan<byte> prefix)
    {
        foreach (var b in prefix)
        {
            if (b is < 0x20 and not (0x09 or 0x0A or 0x0D) || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> prefix, bool complete)
    {
        if (System.Text.Unicode.Utf8.IsValid(prefix))
        {
            return true;
        }

        // A multi-byte character cut by the end of the prefix is still UTF-8.
        for (var cut = 1; !complete && cut <= 3 && cut < prefix.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(prefix[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every row of the file, the header first. Empty rows are returned too (they keep the numbering a spreadsheet shows).
    /// </summary>
    public static IAsyncEnumerable<SheetRow> ReadAsync(Stream content, string format, CancellationToken cancellationToken) =>
        format == ImportFormats.Xlsx ? ReadXlsxAsync(content, cancellationToken) : ReadCsvAsync(content, cancellationToken);

    private static async IAsyncEnumerable<SheetRow> ReadCsvAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new CsvRowGuard(new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true));
        SepReader reader;
        try
        {
            reader = await Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, CultureInfo = CultureInfo.InvariantCulture })
                .FromAsync(text, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw new UnreadableImportFileException("The CSV file cannot be read: " + ex.Message);
        }

        using (reader)
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.MoveNextAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
                {
                    throw new UnreadableImportFileException("The CSV file cannot be read: " + ex.Message);
                }

                if (!more)
                {
                    yield break;
                }

                var row = reader.Current;
                if (row.RowIndex >= ImportLimits.MaxRows)
                {
                    throw new FileTooLargeException($"The file has more than {ImportLimits.MaxRows:N0} rows, the most an import reads.");
                }

                if (row.ColCount > ImportLimits.MaxColumns)
                {
                    throw new FileTooLargeException($"Row {row.RowIndex + 1} has more than {ImportLimits.MaxColumns} columns, the most an import reads.");
                }

                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    var span = row[i].Span;
                    if (span.Length > ImportLimits.MaxCellChars)
                    {
                        throw new FileTooLargeException($"A field of row {row.RowIndex + 1} is longer than {ImportLimits.MaxCellChars:N0} characters.");
                    }

                    cells[i] = Clean(span.ToString());
                }

                yield return new SheetRow(row.RowIndex + 1, cells);
            }
        }
    }

    private static async IAsyncEnumerable<SheetRow> ReadXlsxAsync(Stream content, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A workbook is a zip: its directory sits at the end, so the reader needs to seek. Storage streams that
        // cannot (object stores) are spooled to a temporary file first, never to memory.
        string? spool = null;
        var source = content;
        if (!content.CanSeek)
        {
            spool = Path.Combine(Path.GetTempPath(), $"portico-import-{Guid.NewGuid():N}.xlsx");
            source = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            await content.CopyToAsync(source, cancellationToken);
            source.Position = 0;
        }

        try
        {
            // Before MiniExcel sees a byte: a workbook that inflates to gigabytes, or names a cell at XFD1048576 (which
            // MiniExcel would walk to, row by empty row), is refused from its directory and one counted pass over its parts.
            XlsxGuard.Check(source, ImportLimits.Archive, ImportLimits.Sheet, cancellationToken);
            IEnumerator<dynamic> rows;
            try
            {
                rows = MiniExcel.Query(source, useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
            }
            catch (Exception ex) when (IsCorrupt(ex))
            {
                throw new UnreadableImportFileException("The XLSX file cannot be read: " + ex.Message);
            }

            using (rows)
            {
                var number = 0;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    IDictionary<string, object?> row;
                    try
                    {
                        if (!rows.MoveNext())
                        {
                            yield break;
                        }

                        row = (IDictionary<string, object?>)rows.Current;
                    }
                    catch (Exception ex) when (IsCorrupt(ex))
                    {
                        throw new UnreadableImportFileException("The XLSX file cannot be read: " + ex.Message);
                    }

                    number++;
                    var cells = new string[row.Count];
                    var i = 0;
                    foreach (var value in row.Values)
                    {
                        cells[i++] = Clean(CellText(value));
                    }

                    yield return new SheetRow(number, TrimTrailingEmpty(cells));
                }
            }
        }
        finally
        {
            if (spool is not null)
            {
                await source.DisposeAsync();
            }
        }
    }

    private static bool IsCorrupt(Exception ex) =>
        ex is InvalidDataException or System.Xml.XmlException or NotSupportedException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException;

    private static string[] TrimTrailingEmpty(string[] cells)
    {
        var length = cells.Length;
        while (length > 0 && cells[length - 1].Length == 0)
        {
            length--;
        }

        return length == cells.Length ? cells : cells[..length];
    }

    /// <summary>A cell as text: numbers without exponent or grouping (a phone typed as a number stays its digits), dates in ISO 8601.</summary>
    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when Math.Abs(d) < 1e15 && d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Clean(string text) => text.Trim().Trim('\uFEFF').Trim();

    /// <summary>The header row (made unique and never blank) and up to <paramref name="previewRows"/> non-empty data rows.</summary>
    public static async Task<(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Preview)> ReadHeadAsync(Stream content, string format, int previewRows, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? headers = null;
        var preview = new List<string[]>();
        await foreach (var row in ReadAsync(content, format, cancellationToken))
        {
            if (headers is null)
            {
                if (row.IsEmpty)
                {
                    continue;
                }

                headers = UniqueHeaders(row.Cells);
                continue;
            }

            if (row.IsEmpty)
            {
                continue;
            }

            preview.Add(Align(row.Cells, headers.Count).Select(c => c.Length > 200 ? c[..200] : c).ToArray());
            if (preview.Count >= previewRows)
            {
                break;
            }
        }

        return headers is null
            ? throw new UnreadableImportFileException("The file has no header row: the first row must name the columns.")
            : (headers, preview);
    }

    /// <summary>Blank headers become «Column C»; repeated ones get « (2)», « (3)»… so a mapping can name each column.</summary>
    public static IReadOnlyList<string> UniqueHeaders(IReadOnlyList<string> cells)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var headers = new List<string>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i].Length == 0 ? "Column " + ColumnLetters(i) : cells[i].Length > 200 ? cells[i][..200] : cells[i];
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }

            headers.Add(unique);
        }

        return headers;
    }

    /// <summary>The cells of a row padded or cut to the header's width.</summary>
    public static string[] Align(string[] cells, int width) =>
        cells.Length == width ? cells : cells.Length > width ? cells[..width] : [.. cells, .. Enumerable.Repeat("", width - cells.Length)];

    /// <summary>A, B, … Z, AA, AB: how a spreadsheet names the column at <paramref name="index"/> (zero-based).</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}

/// <summary>
/// Refuses a CSV row longer than <see cref="ImportLimits.MaxCsvRowChars"/> before the CSV reader buffers it: counts
/// characters since the last line break outside double quotes.
/// </summary>
internal sealed class CsvRowGuard(TextReader inner) : TextReader
{
    private bool _quoted;
    private int _rowChars;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Count([(char)c]);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    private void Count(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c == '"')
            {
                _quoted = !_quoted;
            }
            else if (c == '\n' && !_quoted)
            {
                _rowChars = 0;
                continue;
            }

            if (++_rowChars > ImportLimits.MaxCsvRowChars)
            {
                throw new FileTooLargeException($"A row of the file is longer than {ImportLimits.MaxCsvRowChars / 1024 / 1024} M characters.");
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A stream that first returns bytes already read (to sniff the format) and then the rest of the source.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!_prefix.IsEmpty)
        {
            return TakePrefix(buffer);
        }

        return rest.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_prefix.IsEmpty)
        {
            return ValueTask.FromResult(TakePrefix(buffer.Span));
        }

        return rest.ReadAsync(buffer, cancellationToken);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..count].CopyTo(buffer);
        _prefix = _prefix[count..];
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
