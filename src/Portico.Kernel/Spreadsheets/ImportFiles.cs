using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Portico.Kernel.Files;

namespace Portico.Kernel.Spreadsheets;

/// <summary>
/// Reads import files (the CRM's and the Inventory's) as a stream of rows without ever holding the file in memory: CSV through Sep (delimiter
/// sniffed from the header row: comma, semicolon, tab or pipe; quotes unescaped; a UTF-8 BOM dropped), XLSX through
/// MiniExcel's forward-only reader of the first sheet.
/// </summary>
public static class ImportFiles
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
