using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Portico.Files.Contracts;
using Portico.Files.Storage;
using Portico.Kernel.Tenancy;

namespace Portico.Files.Uploads;

/// <summary>
/// Uploads a file in two steps. <see cref="Handler.StageAsync"/> streams the bytes into a staging file
/// while it sniffs the type from the first bytes (a disallowed type stops the upload at once: 415),
/// counts them (past the limit: 413) and hashes them; nothing is held in memory but one buffer.
/// <see cref="Handler.CommitAsync"/> then hands the staged file to storage under a tenant-scoped key
/// and records it. Storage first, record second: a crash in between leaves an unreferenced object,
/// never a record without content.
/// </summary>
internal static partial class UploadFile
{
    public const string DefaultPurpose = "general";

    /// <summary>Room for the multipart framing and the other fields around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    internal sealed class Handler(
        FilesDbContext db, RequestContext request, IFileStorage storage, IOptions<FilesOptions> options, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<StagedUpload> StageAsync(Stream content, string? fileName, CancellationToken cancellationToken)
        {
            var settings = options.Value;
            var name = FileNames.Clean(fileName);
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            string? path = null;
            try
            {
                var first = await content.ReadAtLeastAsync(buffer.AsMemory(0, ContentSniffer.PrefixBytes), ContentSniffer.PrefixBytes, throwOnEndOfStream: false, cancellationToken);
                if (first == 0)
                {
                    throw ValidationException.For("file", "must not be empty.");
                }

                var contentType = ContentSniffer.Sniff(buffer.AsSpan(0, first), complete: first < ContentSniffer.PrefixBytes, name);
                if (!settings.EffectiveAllowedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
                {
                    throw new UnsupportedFileTypeException(
                        $"Files of type {contentType} are not accepted. Accepted: {string.Join(", ", settings.EffectiveAllowedContentTypes)}.");
                }

                Directory.CreateDirectory(storage.StagingDirectory);
                path = Path.Combine(storage.StagingDirectory, Guid.NewGuid().ToString("N") + ".part");
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long size = 0;
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
                {
                    for (var read = first; read > 0; read = await content.ReadAsync(buffer, cancellationToken))
                    {
                        size += read;
                        if (size > settings.MaxBytes)
                        {
                            throw new FileTooLargeException(settings.MaxBytes);
                        }

                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }
                }

                return new StagedUpload(path, name, contentType, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
            catch
            {
                if (path is not null)
                {
                    File.Delete(path);
                }

                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public async Task<StoredFileInfo> CommitAsync(StagedUpload staged, string? purpose, CancellationToken cancellationToken)
        {
            purpose = CheckPurpose(purpose);
            var file = new StoredFile
            {
                Key = "",
                FileName = staged.FileName,
                ContentType = staged.ContentType,
                Size = staged.Size,
                Sha256 = staged.Sha256,
                Purpose = purpose,
                UploadedBy = request.UserId,
            };
            file.Key = StoredFile.KeyFor(request.RequiredTenantId, file.Id, clock.GetUtcNow());
            await storage.StoreAsync(file.Key, staged.Path, file.ContentType, cancellationToken);
            db.Files.Add(file);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Recording file {FileId} failed; removing its stored content", file.Id);
                try
                {
                    await storage.DeleteAsync(file.Key, CancellationToken.None);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException or ServiceUnavailableException)
                {
                    logger.LogWarning(cleanup, "The content of file {FileId} under {Key} is left unreferenced", file.Id, file.Key);
                }

                throw;
            }

            return file.ToInfo();
        }
    }

    /// <summary>Null or blank means <see cref="DefaultPurpose"/>; anything else must be a short lowercase token (422).</summary>
    public static string CheckPurpose(string? purpose)
    {
        if (string.IsNullOrWhiteSpace(purpose))
        {
            return DefaultPurpose;
        }

        new Rules()
            .Check(PurposePattern().IsMatch(purpose), "purpose", "must be 1 to 40 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.")
            .ThrowIfInvalid();
        return purpose;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,39}$")]
    private static partial Regex PurposePattern();

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/files", async Task<Created<StoredFileInfo>> (string? purpose, HttpContext http, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var file = await ReceiveAsync(http, handler, purpose, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(file.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/files/{file.Id}", file);
        })
        // No Accepts metadata: routing would answer 415 to a wrong content type before tenant access is
        // checked, and a non-member must get 404 whatever they send. The handler checks the type instead.
        .WithMetadata(new UploadBodyLimit(((IEndpointRouteBuilder)tenants).ServiceProvider.GetRequiredService<IOptions<FilesOptions>>().Value.MaxBytes + MultipartOverhead))
        .RequirePermission(Files.Contracts.FilesPermissions.Write)
        .AcceptsMultipart("file", "purpose")
        .WithName("UploadFile")
        .WithSummary("Upload a file (multipart/form-data: field 'file', optional field or query 'purpose'); its type is sniffed from the content")
        .WithTags("Files");

    /// <summary>Reads the multipart body section by section, streaming the file part; the fields may come in any order.</summary>
    private static async Task<StoredFileInfo> ReceiveAsync(HttpContext http, Handler handler, string? purpose, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && http.GetEndpoint()?.Metadata.GetMetadata<UploadBodyLimit>() is { } uploadLimit)
        {
            // The file's own limit is checked while it streams; this only bounds the request around it.
            limit.MaxRequestBodySize = uploadLimit.MaxRequestBodySize;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedFileTypeException("Send the file as multipart/form-data, in a field named 'file'.", "unsupported-media-type");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new BadRequestException("The multipart boundary is missing or too long.", "invalid-multipart");
        }

        StagedUpload? staged = null;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
                {
                    case "file" when staged is not null:
                        throw ValidationException.For("file", "must be sent once: one file per upload.");
                    case "file":
                        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        staged = await handler.StageAsync(section.Body, name, ct);
                        break;
                    case "purpose":
                        using (var text = new StreamReader(section.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 256, leaveOpen: true))
                        {
                            var buffer = new char[StoredFileConfiguration.MaxPurposeLength + 1];
                            purpose = new string(buffer, 0, await text.ReadBlockAsync(buffer, ct));
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException and not BadHttpRequestException)
        {
            staged?.Dispose();
            throw new BadRequestException("The multipart body is malformed: " + ex.Message, "invalid-multipart");
        }
        catch
        {
            staged?.Dispose();
            throw;
        }

        using (staged)
        {
            return staged is null
                ? throw ValidationException.For("file", "is required: send the file in a multipart field named 'file'.")
                : await handler.CommitAsync(staged, purpose, ct);
        }
    }
}

/// <summary>An upload staged on disk, not yet stored; disposing it removes whatever is left of it.</summary>
internal sealed class StagedUpload(string path, string fileName, string contentType, long size, string sha256) : IDisposable
{
    public string Path { get; } = path;

    public string FileName { get; } = fileName;

    public string ContentType { get; } = contentType;

    public long Size { get; } = size;

    public string Sha256 { get; } = sha256;

    public void Dispose() => File.Delete(Path);
}

/// <summary>
/// Marks the upload endpoint as taking bodies up to <c>Portico:Files:MaxBytes</c> (plus multipart framing)
/// rather than the API's general limit; read from the endpoint metadata by the request-size machinery.
/// </summary>
internal sealed record UploadBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
