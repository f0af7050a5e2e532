namespace Portico.Files.Storage;

/// <summary>
/// Where the bytes of files live, by key. Keys are made by <see cref="StoredFile.KeyFor"/> from ids
/// only; a backend refuses anything else, so no file name ever becomes a path.
/// </summary>
internal interface IFileStorage
{
    /// <summary>A folder for uploads in progress; the backend takes files from there in <see cref="StoreAsync"/>.</summary>
    string StagingDirectory { get; }

    /// <summary>Moves or uploads the staged file to <paramref name="key"/>; the staged file is gone afterwards.</summary>
    Task StoreAsync(string key, string stagedPath, string contentType, CancellationToken cancellationToken);

    /// <summary>The content, or null when nothing is stored under the key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the content; a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

internal static partial class StorageKeys
{
    /// <summary>Refuses any key that is not <c>{guid}/{yyyy}/{MM}/{guid}</c>.</summary>
    public static string Checked(string key) => KeyPattern().IsMatch(key)
        ? key
        : throw new InvalidOperationException($"'{key}' is not a storage key.");

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9]{4}/[0-9]{2}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial System.Text.RegularExpressions.Regex KeyPattern();
}
