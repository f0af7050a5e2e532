namespace Portico.Kernel.Spreadsheets;

/// <summary>The formats an import takes.</summary>
public static class ImportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
}
