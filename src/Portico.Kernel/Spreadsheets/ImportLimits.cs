using Portico.Kernel.Files;

namespace Portico.Kernel.Spreadsheets;

/// <summary>
/// How much of a file an import reads. A workbook is checked against all of them before MiniExcel opens it
/// (<see cref="XlsxGuard"/>); a CSV while it streams. Past a limit the answer is 413 naming it.
/// </summary>
public static class ImportLimits
{
    public const int MaxRows = 200_000;
    public const int MaxColumns = 200;
    public const int MaxCellChars = 32_767;

    /// <summary>Characters of one CSV row, quoted line breaks included: what the reader buffers at once.</summary>
    public const int MaxCsvRowChars = 1024 * 1024;

    public static readonly ArchiveLimits Archive = new(MaxEntries: 1_000, MaxEntryBytes: 128L * 1024 * 1024, MaxTotalBytes: 256L * 1024 * 1024, MaxCompressionRatio: 200);

    public static readonly SpreadsheetLimits Sheet = new(MaxRows, MaxColumns, MaxCells: 4_000_000, MaxSharedStrings: 1_000_000, MaxSharedStringChars: 16 * 1024 * 1024, MaxCellChars);
}
