using Microsoft.Extensions.Options;

namespace Portico.Files.Storage;

/// <summary>
/// Files in a folder (<c>Portico:Files:LocalPath</c>, <c>./data/files</c> by default), one file per key.
/// Uploads are staged in <c>.staging</c> inside the root, so the final move is a rename on the same
/// disk: a reader never sees half a file.
/// </summary>
internal sealed class LocalDiskStorage(IOptions<FilesOptions> options) : IFileStorage
{
    private readonly string _root = Path.GetFullPath(options.Value.LocalPath);

    public string StagingDirectory => Path.Combine(_root, ".staging");

    public Task StoreAsync(string key, string stagedPath, string contentType, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(stagedPath, target, overwrite: false);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            // FileShare.Delete: a delete while someone downloads removes the name; the download finishes.
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, StorageKeys.Checked(key)));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"'{key}' leads outside the storage root.");
    }
}
