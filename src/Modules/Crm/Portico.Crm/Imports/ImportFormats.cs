namespace Portico.Crm.Imports;

/// <summary>The formats an import takes.</summary>
internal static class ImportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
}
