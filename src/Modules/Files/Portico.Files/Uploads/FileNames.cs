using System.Globalization;
using System.Text;

namespace Portico.Files.Uploads;

/// <summary>Upload names are shown and offered as download names, never used as paths.</summary>
internal static class FileNames
{
    /// <summary>
    /// The last path segment, NFC-normalized, without control or formatting characters (a right-to-left
    /// override could disguise <c>exe.pdf</c>), at most 255 characters with the extension kept.
    /// </summary>
    public static string Clean(string? name)
    {
        var text = (name ?? "").Replace('\\', '/');
        text = text[(text.LastIndexOf('/') + 1)..];
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                clean.Append(c);
            }
        }

        var result = clean.ToString().Trim().Trim('.').Trim();
        if (result.Length == 0)
        {
            return "file";
        }

        if (result.Length > StoredFileConfiguration.MaxFileNameLength)
        {
            var extension = Path.GetExtension(result);
            extension = extension.Length <= 16 ? extension : "";
            var stem = result[..(StoredFileConfiguration.MaxFileNameLength - extension.Length)];
            result = (char.IsHighSurrogate(stem[^1]) ? stem[..^1] : stem) + extension;
        }

        return result;
    }
}
