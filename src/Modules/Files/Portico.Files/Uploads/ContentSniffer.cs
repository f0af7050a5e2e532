using System.Text;

namespace Portico.Files.Uploads;

/// <summary>
/// Names a file's content type from its first bytes (magic numbers), never from what the client
/// claims: a PNG sent as <c>text/plain</c> is an image, an executable renamed <c>.pdf</c> is an executable.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How many leading bytes are examined.</summary>
    public const int PrefixBytes = 16 * 1024;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> ElfMagic => [0x7F, 0x45, 0x4C, 0x46];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <param name="prefix">The first bytes of the file (up to <see cref="PrefixBytes"/>).</param>
    /// <param name="complete">Whether <paramref name="prefix"/> is the whole file.</param>
    /// <param name="fileName">Used only to tell CSV from other plain text, which the bytes cannot.</param>
    public static string Sniff(ReadOnlySpan<byte> prefix, bool complete, string fileName)
    {
        if (prefix.StartsWith(PngMagic))
        {
            return ContentTypes.Png;
        }

        if (prefix.StartsWith(JpegMagic))
        {
            return ContentTypes.Jpeg;
        }

        if (prefix.StartsWith("GIF87a"u8) || prefix.StartsWith("GIF89a"u8))
        {
            return ContentTypes.Gif;
        }

        if (prefix.Length >= 12 && prefix.StartsWith("RIFF"u8) && prefix[8..12].SequenceEqual("WEBP"u8))
        {
            return ContentTypes.Webp;
        }

        if (prefix.StartsWith("%PDF-"u8))
        {
            return ContentTypes.Pdf;
        }

        if (prefix.StartsWith("PK\x03\x04"u8) || prefix.StartsWith("PK\x05\x06"u8))
        {
            return OfficeTypeOf(prefix) ?? ContentTypes.Zip;
        }

        if (prefix.Length >= 12 && prefix[4..8].SequenceEqual("ftyp"u8))
        {
            return prefix[8..12].SequenceEqual("qt  "u8) ? ContentTypes.QuickTime : ContentTypes.Mp4;
        }

        if (prefix.StartsWith(ElfMagic))
        {
            return ContentTypes.Elf;
        }

        if (prefix.StartsWith("MZ"u8))
        {
            return ContentTypes.WindowsExecutable;
        }

        if (IsText(prefix, complete))
        {
            return MarkupTypeOf(prefix)
                ?? (fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ContentTypes.Csv : ContentTypes.Text);
        }

        return ContentTypes.Binary;
    }

    /// <summary>
    /// An OOXML package is a zip whose entries live under <c>word/</c>, <c>xl/</c> or <c>ppt/</c>; their
    /// local headers come early in files that Office and the common libraries write.
    /// </summary>
    private static string? OfficeTypeOf(ReadOnlySpan<byte> prefix)
    {
        var signature = "PK\x03\x04"u8;
        for (var at = prefix.IndexOf(signature); at >= 0 && at + 30 <= prefix.Length;)
        {
            var nameLength = prefix[at + 26] | (prefix[at + 27] << 8);
            var name = prefix.Slice(at + 30, Math.Min(nameLength, prefix.Length - at - 30));
            if (name.StartsWith("word/"u8))
            {
                return ContentTypes.Docx;
            }

            if (name.StartsWith("xl/"u8))
            {
                return ContentTypes.Xlsx;
            }

            if (name.StartsWith("ppt/"u8))
            {
                return ContentTypes.Pptx;
            }

            var next = prefix[(at + 4)..].IndexOf(signature);
            at = next < 0 ? -1 : at + 4 + next;
        }

        return null;
    }

    /// <summary>
    /// Valid UTF-8 (a BOM allowed) with no control characters but tab, line feed, form feed and carriage
    /// return. A multi-byte character cut by the end of an incomplete prefix still counts as text.
    /// </summary>
    private static bool IsText(ReadOnlySpan<byte> prefix, bool complete)
    {
        if (prefix.StartsWith(Utf8Bom))
        {
            prefix = prefix[3..];
        }

        foreach (var b in prefix)
        {
            if (b is < 0x20 and not (0x09 or 0x0A or 0x0C or 0x0D) || b == 0x7F)
            {
                return false;
            }
        }

        var status = System.Text.Unicode.Utf8.IsValid(prefix);
        if (status || complete)
        {
            return status;
        }

        // Trim a truncated trailing sequence (at most 3 bytes) and check again.
        for (var cut = 1; cut <= 3 && cut < prefix.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(prefix[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Markup a browser would run (HTML, SVG) is named as such, so the allow-list can refuse it.</summary>
    private static string? MarkupTypeOf(ReadOnlySpan<byte> prefix)
    {
        var head = Encoding.UTF8.GetString(prefix[..Math.Min(prefix.Length, 1024)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n', '\f');
        if (!head.StartsWith('<'))
        {
            return null;
        }

        string[] html = ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<!--"];
        if (html.Any(tag => head.StartsWith(tag, StringComparison.OrdinalIgnoreCase)))
        {
            return ContentTypes.Html;
        }

        return head.Contains("<svg", StringComparison.OrdinalIgnoreCase) ? ContentTypes.Svg : null;
    }
}
