using Portico.Kernel.Errors;

namespace Portico.Kernel.Spreadsheets;

/// <summary>415: the upload is neither CSV nor XLSX (binary, legacy .xls, an archive of something else).</summary>
public sealed class UnsupportedImportFileException(string detail)
    : PorticoProblemException("Unsupported media type", detail)
{
    public override int Status => 415;

    public override string Code => "unsupported-import-file";
}

/// <summary>422: the file is CSV or XLSX in name only (a corrupt workbook, no header row).</summary>
public sealed class UnreadableImportFileException(string detail)
    : PorticoProblemException("Unprocessable file", detail)
{
    public override int Status => 422;

    public override string Code => "unreadable-import-file";
}
