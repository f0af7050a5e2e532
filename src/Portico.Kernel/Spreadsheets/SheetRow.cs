namespace Portico.Kernel.Spreadsheets;

/// <summary>One row of an import file: its number as a spreadsheet shows it (the header is row 1) and its cells, trimmed.</summary>
public sealed record SheetRow(int Number, string[] Cells)
{
    public bool IsEmpty => Cells.All(c => c.Length == 0);
}
