using System.Xml;
using Portico.Kernel.Errors;

namespace Portico.Kernel.Files;

/// <summary>How much of a workbook Portico reads.</summary>
/// <param name="MaxRows">Highest row number (the sheet's numbering, so a lone cell at row 1 048 576 counts as that many rows).</param>
/// <param name="MaxColumns">Highest column (200 is GR; Excel's last, XFD, is 16 384).</param>
/// <param name="MaxCells">Cells written in all sheets.</param>
/// <param name="MaxSharedStrings">Entries of the shared string table.</param>
/// <param name="MaxSharedStringChars">Characters of all shared strings together: the table a reader holds in memory.</param>
/// <param name="MaxCellChars">Characters of one cell (Excel's own limit is 32 767).</param>
public sealed record SpreadsheetLimits(int MaxRows, int MaxColumns, long MaxCells, int MaxSharedStrings, long MaxSharedStringChars, int MaxCellChars);

/// <summary>
/// Checks an .xlsx before a spreadsheet library reads it: the archive through <see cref="ArchiveGuard"/>, then every
/// part inflated once, in constant memory, through the counting stream: worksheets for their dimension, row and cell
/// references, cell count and text length; the shared string table for its count and size; any XML tag for its length
/// (attributes are read whole). A workbook that passes cannot make the reader that follows allocate more than these
/// limits allow, nor walk a million empty rows.
/// </summary>
public static class XlsxGuard
{
    /// <summary>Longest XML tag, attributes included.</summary>
    private const int MaxTagBytes = 64 * 1024;

    public static void Check(Stream seekable, ArchiveLimits archiveLimits, SpreadsheetLimits limits, CancellationToken cancellationToken, string field = "file")
    {
        using var archive = ArchiveGuard.Open(seekable, archiveLimits, field);
        var scan = new Scan(limits, field);
        try
        {
            ScanEntries(archive, scan, field, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            // A damaged stream, an unsupported compression method, a checksum that does not match.
            throw ValidationException.For(field, $"is not a readable zip archive: {ex.Message}");
        }

        seekable.Position = 0;
    }

    private static void ScanEntries(GuardedArchive archive, Scan scan, string field, CancellationToken cancellationToken)
    {
        foreach (var entry in archive.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var content = new TagLengthGuard(archive.Open(entry), field);
            if (entry.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase))
            {
                scan.SharedStrings(content, cancellationToken);
            }
            else if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                scan.Worksheet(content, cancellationToken);
            }
            else
            {
                content.CopyTo(Stream.Null);
            }
        }
    }

    private sealed class Scan(SpreadsheetLimits limits, string field)
    {
        private readonly char[] _chunk = new char[4096];
        private long _cells;

        private static XmlReader Reader(Stream content) => XmlReader.Create(content, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        });

        public void SharedStrings(Stream content, CancellationToken cancellationToken)
        {
            long strings = 0, chars = 0;
            try
            {
                using var reader = Reader(content);
                while (reader.Read())
                {
                    if (reader is { NodeType: XmlNodeType.Element, LocalName: "si" } && ++strings > limits.MaxSharedStrings)
                    {
                        throw new FileTooLargeException($"The workbook has more than {limits.MaxSharedStrings:N0} shared strings.");
                    }

                    if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                    {
                        chars += TextLength(reader, cancellationToken);
                        if (chars > limits.MaxSharedStringChars)
                        {
                            throw new FileTooLargeException($"The workbook's shared strings exceed {limits.MaxSharedStringChars:N0} characters.");
                        }
                    }
                }
            }
            catch (XmlException ex)
            {
                throw ValidationException.For(field, $"is not a readable workbook: {ex.Message}");
            }
        }

        public void Worksheet(Stream content, CancellationToken cancellationToken)
        {
            int row = 0, column = 0;
            try
            {
                using var reader = Reader(content);
                while (reader.Read())
                {
                    if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                    {
                        TextLength(reader, cancellationToken);
                        continue;
                    }

                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    switch (reader.LocalName)
                    {
                        case "dimension" when reader.GetAttribute("ref") is { } range:
                            // "A1:XFD1048576" or "B2": the corner a reader would walk to.
                            var corner = range[(range.LastIndexOf(':') + 1)..];
                            Within(corner, Reference(corner), "The sheet's dimension");
                            break;
                        case "row":
                            row = reader.GetAttribute("r") is { } r
                                ? int.TryParse(r, out var number) && number > 0 ? number : throw Invalid($"row number '{Cut(r)}'")
                                : row + 1;
                            column = 0;
                            Within(row.ToString(System.Globalization.CultureInfo.InvariantCulture), (row, 1), "A row");
                            break;
                        case "c":
                            if (++_cells > limits.MaxCells)
                            {
                                throw new FileTooLargeException($"The workbook has more than {limits.MaxCells:N0} cells.");
                            }

                            if (reader.GetAttribute("r") is { } cell)
                            {
                                var (cellRow, cellColumn) = Reference(cell);
                                column = cellColumn;
                                Within(cell, (cellRow, cellColumn), "A cell");
                            }
                            else
                            {
                                Within($"column {column + 1}", (Math.Max(row, 1), ++column), "A cell");
                            }

                            break;
                    }
                }
            }
            catch (XmlException ex)
            {
                throw ValidationException.For(field, $"is not a readable workbook: {ex.Message}");
            }
        }

        /// <summary>The length of the text node under the reader, read in chunks: never the whole text at once.</summary>
        private long TextLength(XmlReader reader, CancellationToken cancellationToken)
        {
            long length = 0;
            int read;
            while ((read = reader.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                length += read;
                if (length > limits.MaxCellChars)
                {
                    throw new FileTooLargeException($"A cell or shared string is longer than {limits.MaxCellChars:N0} characters.");
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            return length;
        }

        private void Within(string shown, (int Row, int Column) at, string what)
        {
            if (at.Row > limits.MaxRows)
            {
                throw new FileTooLargeException($"{what} reaches {Cut(shown)}: past row {limits.MaxRows:N0}, the most an import reads.");
            }

            if (at.Column > limits.MaxColumns)
            {
                throw new FileTooLargeException($"{what} reaches {Cut(shown)}: past column {ColumnName(limits.MaxColumns)} ({limits.MaxColumns}), the most an import reads.");
            }
        }

        /// <summary>"XFD1048576" → (1048576, 16384).</summary>
        private (int Row, int Column) Reference(string reference)
        {
            var i = 0;
            long column = 0;
            while (i < reference.Length && char.IsAsciiLetter(reference[i]) && i < 4)
            {
                column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
                i++;
            }

            return column > 0 && int.TryParse(reference.AsSpan(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) && row > 0
                ? (row, (int)column)
                : throw Invalid($"cell reference '{Cut(reference)}'");
        }

        private ValidationException Invalid(string what) => ValidationException.For(field, $"is not a readable workbook: invalid {what}.");

        private static string Cut(string text) => text.Length > 20 ? text[..20] + "…" : text;

        private static string ColumnName(int number)
        {
            var name = "";
            for (var n = number; n > 0; n = (n - 1) / 26)
            {
                name = (char)('A' + ((n - 1) % 26)) + name;
            }

            return name;
        }
    }

    /// <summary>Refuses an XML tag longer than <see cref="MaxTagBytes"/>: XML readers hold a tag's attributes whole.</summary>
    private sealed class TagLengthGuard(Stream inner, string field) : ReadOnlyStreamFilter(inner)
    {
        private bool _inTag;
        private int _tagBytes;

        protected override void Inspect(ReadOnlySpan<byte> chunk, long total)
        {
            foreach (var b in chunk)
            {
                if (b == (byte)'<')
                {
                    _inTag = true;
                    _tagBytes = 0;
                }
                else if (b == (byte)'>')
                {
                    _inTag = false;
                }
                else if (_inTag && ++_tagBytes > MaxTagBytes)
                {
                    throw ValidationException.For(field, $"is not a readable workbook: an XML tag is longer than {MaxTagBytes / 1024} KB.");
                }
            }
        }
    }
}
