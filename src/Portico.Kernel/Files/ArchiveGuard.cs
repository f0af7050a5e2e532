using System.Buffers.Binary;
using System.IO.Compression;
using Portico.Kernel.Errors;

namespace Portico.Kernel.Files;

/// <summary>How much an uploaded zip archive (an .xlsx, a .docx, any archive a module reads) may hold once inflated.</summary>
/// <param name="MaxEntries">Files in the archive.</param>
/// <param name="MaxEntryBytes">Inflated bytes of one file.</param>
/// <param name="MaxTotalBytes">Inflated bytes of all files together.</param>
/// <param name="MaxCompressionRatio">Inflated to compressed size of a file over 1 MB inflated: ordinary documents stay near 10:1, bombs near 1000:1.</param>
public sealed record ArchiveLimits(int MaxEntries, long MaxEntryBytes, long MaxTotalBytes, int MaxCompressionRatio);

/// <summary>413: an uploaded file holds more than Portico takes; the detail names the limit.</summary>
public sealed class FileTooLargeException(string limit)
    : PorticoProblemException("File too large", limit)
{
    public override int Status => 413;

    public override string Code => "file-too-large";
}

/// <summary>
/// The one guard for uploaded zip archives, used before anything reads one. It refuses, from the central directory
/// alone and before inflating a byte, archives with too many files, files that declare too many inflated bytes, a
/// compression ratio only a bomb has, and archives nested inside; then every file is read through a stream that counts
/// the bytes actually inflated (a declared size can lie) and stops at the first byte past the limits.
/// </summary>
public static class ArchiveGuard
{
    private const long RatioFloor = 1024 * 1024;

    private static readonly string[] ArchiveExtensions = [".zip", ".xlsx", ".xlsm", ".docx", ".pptx", ".jar", ".7z", ".rar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab", ".tar"];

    /// <summary>Opens <paramref name="seekable"/> as a zip after checking its directory against <paramref name="limits"/>.</summary>
    /// <exception cref="FileTooLargeException">413: more files or inflated bytes than the limits.</exception>
    /// <exception cref="ValidationException">422 on <paramref name="field"/>: not a zip, a bomb's ratio, an archive inside.</exception>
    public static GuardedArchive Open(Stream seekable, ArchiveLimits limits, string field = "file")
    {
        // The entry count comes from the end record, before ZipArchive builds an object per entry.
        var declaredEntries = DeclaredEntryCount(seekable);
        if (declaredEntries > limits.MaxEntries)
        {
            throw new FileTooLargeException($"The archive holds more than {limits.MaxEntries:N0} files.");
        }

        ZipArchive zip;
        try
        {
            seekable.Position = 0;
            zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw ValidationException.For(field, $"is not a readable zip archive: {ex.Message}");
        }

        try
        {
            Check(zip, limits, field);
            return new GuardedArchive(zip, limits, field);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static void Check(ZipArchive zip, ArchiveLimits limits, string field)
    {
        if (zip.Entries.Count > limits.MaxEntries)
        {
            throw new FileTooLargeException($"The archive holds more than {limits.MaxEntries:N0} files.");
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > limits.MaxEntryBytes)
            {
                throw new FileTooLargeException($"'{Shown(entry)}' inflates to more than {Megabytes(limits.MaxEntryBytes)} (it declares {Megabytes(entry.Length)}).");
            }

            total += entry.Length;
            if (total > limits.MaxTotalBytes)
            {
                throw new FileTooLargeException($"The archive inflates to more than {Megabytes(limits.MaxTotalBytes)}.");
            }

            if (entry.Length > RatioFloor && entry.Length > entry.CompressedLength * (long)limits.MaxCompressionRatio)
            {
                throw ValidationException.For(field, $"'{Shown(entry)}' is compressed more than {limits.MaxCompressionRatio}:1, which only archive bombs are.");
            }

            if (ArchiveExtensions.Any(e => entry.FullName.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                throw ValidationException.For(field, $"holds another archive ('{Shown(entry)}'); archives inside archives are not read.");
            }
        }
    }

    /// <summary>The "total entries" of the end-of-central-directory record; <see cref="int.MaxValue"/> for ZIP64 (no document we read needs it).</summary>
    private static long DeclaredEntryCount(Stream seekable)
    {
        const int EndRecord = 22;
        var tail = (int)Math.Min(seekable.Length, EndRecord + ushort.MaxValue);
        if (tail < EndRecord)
        {
            return 0;
        }

        var buffer = new byte[tail];
        seekable.Position = seekable.Length - tail;
        seekable.ReadExactly(buffer);
        for (var at = tail - EndRecord; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at)) == 0x06054b50)
            {
                var count = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 10));
                return count == ushort.MaxValue ? int.MaxValue : count;
            }
        }

        return 0;
    }

    internal static string Shown(ZipArchiveEntry entry) => entry.FullName.Length > 100 ? entry.FullName[..100] + "…" : entry.FullName;

    internal static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}

/// <summary>A zip whose directory passed <see cref="ArchiveGuard"/>; its files open through streams that count what they inflate.</summary>
public sealed class GuardedArchive(ZipArchive zip, ArchiveLimits limits, string field) : IDisposable
{
    private long _inflated;

    public IReadOnlyCollection<ZipArchiveEntry> Entries => zip.Entries;

    public ZipArchiveEntry? Find(string name) => zip.GetEntry(name);

    /// <summary>The inflated content of <paramref name="entry"/>; reading past its declared size or the limits throws.</summary>
    public Stream Open(ZipArchiveEntry entry) => new InflateCounter(entry.Open(), entry, this);

    internal void Count(ZipArchiveEntry entry, long entryBytes, int more)
    {
        _inflated += more;
        if (entryBytes > entry.Length)
        {
            throw ValidationException.For(field, $"'{ArchiveGuard.Shown(entry)}' inflates to more than the {entry.Length:N0} bytes it declares.");
        }

        if (entryBytes > limits.MaxEntryBytes || _inflated > limits.MaxTotalBytes)
        {
            throw new FileTooLargeException($"The archive inflates to more than {ArchiveGuard.Megabytes(Math.Min(limits.MaxEntryBytes, limits.MaxTotalBytes))}.");
        }
    }

    public void Dispose() => zip.Dispose();

    private sealed class InflateCounter(Stream inner, ZipArchiveEntry entry, GuardedArchive archive) : ReadOnlyStreamFilter(inner)
    {
        protected override void Inspect(ReadOnlySpan<byte> chunk, long total) => archive.Count(entry, total, chunk.Length);
    }
}
