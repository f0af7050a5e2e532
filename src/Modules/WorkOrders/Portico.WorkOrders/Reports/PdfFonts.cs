using PdfSharp.Fonts;

namespace Portico.WorkOrders.Reports;

/// <summary>
/// PDFsharp's fonts: DejaVu Sans (regular and bold) from this assembly's resources, whatever family is asked for, so
/// documents render Cyrillic the same on a server with no fonts installed. PDFsharp takes one resolver per process,
/// set before the first document: <see cref="EnsureInstalled"/>.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly PdfFonts Instance = new();
    private static readonly Lock Gate = new();
    private static bool _installed;

    private readonly Lazy<byte[]> _regular = new(() => Load(Regular));
    private readonly Lazy<byte[]> _bold = new(() => Load(Bold));

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                // The same instance on every setting, as PDFsharp asks of code that may run more than once per process.
                GlobalFontSettings.FontResolver = Instance;
                _installed = true;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName == Bold ? _bold.Value : _regular.Value;

    private static byte[] Load(string face)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Portico.WorkOrders.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face}.ttf is not embedded in {typeof(PdfFonts).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
