namespace Portico.Files.Contracts;

/// <summary>
/// The file storage port for other modules (attachments, portfolios, logos, knowledge bases). Every
/// call works in the current tenant of the unit of work (<c>RequestContext</c>): a file of another
/// tenant is not found. Content types are sniffed from the bytes, never taken from the caller.
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into storage under a tenant-scoped key and records it.
    /// Refuses a type outside <c>Portico:Files:AllowedContentTypes</c> (415), a file larger than
    /// <c>Portico:Files:MaxBytes</c> (413) and an empty file or a malformed purpose (422).
    /// </summary>
    /// <param name="content">Read once, to its end; not buffered in memory.</param>
    /// <param name="fileName">The name to show and to download as; never used as a path.</param>
    /// <param name="purpose">What the file is for, such as <c>attachment</c> or <c>logo</c> (lowercase letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; up to 40).</param>
    /// <param name="cancellationToken">Stops the upload; nothing is kept.</param>
    Task<StoredFileInfo> SaveAsync(Stream content, string fileName, string purpose, CancellationToken cancellationToken);

    /// <summary>The file's metadata, or null when the current tenant has no such file.</summary>
    Task<StoredFileInfo?> FindAsync(Guid fileId, CancellationToken cancellationToken);

    /// <summary>Opens the content for reading; the caller disposes it. A missing file is a 404.</summary>
    Task<FileContent> OpenReadAsync(Guid fileId, CancellationToken cancellationToken);

    /// <summary>Deletes the record and its content. A missing file is a 404.</summary>
    Task DeleteAsync(Guid fileId, CancellationToken cancellationToken);

    /// <summary>
    /// An absolute URL that downloads the file without signing in until it expires
    /// (<paramref name="lifetime"/>: more than zero, at most one hour). A missing file is a 404.
    /// </summary>
    Task<SignedFileUrl> CreateSignedUrlAsync(Guid fileId, TimeSpan lifetime, CancellationToken cancellationToken);
}

/// <summary>A stored file as the platform knows it.</summary>
/// <param name="Id">UUIDv7.</param>
/// <param name="FileName">The name given at upload, cleaned of paths and control characters.</param>
/// <param name="ContentType">Sniffed from the content, e.g. <c>image/png</c>.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the content.</param>
/// <param name="Purpose">What the file is for (<c>general</c> unless said otherwise).</param>
/// <param name="UploadedBy">The user who uploaded it, when a user did.</param>
/// <param name="CreatedAt">When it was stored (UTC).</param>
/// <param name="Version">The record's version (its entity tag).</param>
public sealed record StoredFileInfo(
    Guid Id, string FileName, string ContentType, long Size, string Sha256, string Purpose, Guid? UploadedBy, DateTimeOffset CreatedAt, long Version);

/// <summary>An open file: its metadata and its content stream, which the holder disposes.</summary>
public sealed class FileContent(StoredFileInfo file, Stream content) : IAsyncDisposable, IDisposable
{
    public StoredFileInfo File { get; } = file;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}

/// <summary>A link that downloads a file anonymously until <paramref name="ExpiresAt"/>.</summary>
public sealed record SignedFileUrl(string Url, DateTimeOffset ExpiresAt);
