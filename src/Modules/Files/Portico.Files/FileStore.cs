using Portico.Files.Contracts;
using Portico.Files.Downloads;
using Portico.Files.Records;
using Portico.Files.SignedUrls;
using Portico.Files.Uploads;

namespace Portico.Files;

/// <summary>The <see cref="IFileStore"/> port over the same handlers the HTTP API uses.</summary>
internal sealed class FileStore(
    UploadFile.Handler upload, GetFile.Handler get, DownloadFile.Handler download, DeleteFile.Handler delete, CreateSignedUrl.Handler sign) : IFileStore
{
    public async Task<StoredFileInfo> SaveAsync(Stream content, string fileName, string purpose, CancellationToken cancellationToken)
    {
        purpose = UploadFile.CheckPurpose(purpose);
        using var staged = await upload.StageAsync(content, fileName, cancellationToken);
        return await upload.CommitAsync(staged, purpose, cancellationToken);
    }

    public Task<StoredFileInfo?> FindAsync(Guid fileId, CancellationToken cancellationToken) => get.FindAsync(fileId, cancellationToken);

    public Task<FileContent> OpenReadAsync(Guid fileId, CancellationToken cancellationToken) => download.HandleAsync(fileId, cancellationToken);

    public Task DeleteAsync(Guid fileId, CancellationToken cancellationToken) => delete.HandleAsync(fileId, expectedVersion: null, cancellationToken);

    public Task<SignedFileUrl> CreateSignedUrlAsync(Guid fileId, TimeSpan lifetime, CancellationToken cancellationToken) =>
        sign.HandleAsync(fileId, lifetime, cancellationToken);
}
