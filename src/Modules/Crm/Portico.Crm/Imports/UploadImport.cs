using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Files.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Imports;

/// <summary>
/// Step one of an import: the file (multipart field <c>file</c>, CSV or XLSX) streams into the file store while its
/// format is told from its first bytes (a CSV in Windows-1251 or UTF-16 is converted to UTF-8 on the way); then only its
/// header row and first rows are read, to suggest which column fills which field and to show a preview.
/// </summary>
internal static class UploadImport
{
    /// <summary>Largest file accepted here; the file store's own limit (<c>Portico:Files:MaxBytes</c>) applies too.</summary>
    public const long MaxBytes = 50 * 1024 * 1024;

    public const string FilePurpose = "crm-import";

    public const int PreviewRows = 5;

    /// <summary>Room for the multipart framing and the other fields around the file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    internal sealed record Upload(StoredFileInfo File, string Format);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, IFileStore files, CustomFieldValues customFields, ILogger<Handler> logger)
    {
        /// <summary>Tells the format from the first bytes and streams the file into the store (converted to UTF-8 when it is text in another encoding).</summary>
        public async Task<Upload> StoreAsync(Stream content, string? fileName, CancellationToken cancellationToken)
        {
            var name = string.IsNullOrWhiteSpace(fileName) ? "import" : fileName;
            var buffer = ArrayPool<byte>.Shared.Rent(ImportFiles.SniffLength);
            try
            {
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, ImportFiles.SniffLength), ImportFiles.SniffLength, throwOnEndOfStream: false, cancellationToken);
                if (read == 0)
                {
                    throw ValidationException.For("file", "must not be empty.");
                }

                var (format, encoding) = ImportFiles.Detect(buffer.AsSpan(0, read), complete: read < ImportFiles.SniffLength, name);
                Stream stream = new PrefixedStream(buffer.AsMemory(0, read), content);
                if (encoding is not null)
                {
                    stream = Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8, leaveOpen: false);
                }

                // The store names CSV by its extension (text/csv); other text would still be accepted as text/plain.
                var storedName = format == ImportFormats.Csv && !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
                    ? name + ".csv"
                    : name;
                await using (stream)
                {
                    return new Upload(await files.SaveAsync(stream, storedName, FilePurpose, cancellationToken), format);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Reads the stored file's header and first rows and records the job with a suggested mapping.</summary>
        public async Task<ImportView> CreateAsync(Upload upload, string fileName, string recordType, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> headers;
            IReadOnlyList<string[]> preview;
            try
            {
                await using (var file = await files.OpenReadAsync(upload.File.Id, cancellationToken))
                {
                    (headers, preview) = await ImportFiles.ReadHeadAsync(file.Content, upload.Format, PreviewRows, cancellationToken);
                }

                // A CSV is read through once more, to answer 413 now for a row, column or field past the limits rather
                // than fail the import half-way (a workbook's were checked before its header was read).
                if (upload.Format == ImportFormats.Csv)
                {
                    await using var file = await files.OpenReadAsync(upload.File.Id, cancellationToken);
                    await foreach (var _ in ImportFiles.ReadAsync(file.Content, upload.Format, cancellationToken))
                    {
                    }
                }
            }
            catch (PorticoProblemException)
            {
                // Unreadable, or past a limit (413, 422): the file is not kept.
                await DiscardAsync(upload.File.Id);
                throw;
            }

            var definitions = await customFields.DefinitionsAsync(recordType, cancellationToken);
            var job = new ImportJob
            {
                RecordType = recordType,
                FileName = ImportJobs.Cut(fileName, 255),
                Format = upload.Format,
                FileKey = upload.File.Id.ToString(),
                FileSize = upload.File.Size,
                Headers = JsonSerializer.Serialize(headers),
                Mapping = ImportMapping.Serialize(ImportMapping.SuggestAll(headers, recordType, definitions)),
            };
            db.Imports.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            return ImportView.From(job, preview);
        }

        public async Task DiscardAsync(Guid fileId)
        {
            try
            {
                await files.DeleteAsync(fileId, CancellationToken.None);
            }
            catch (Exception ex) when (ex is NotFoundException or IOException or ServiceUnavailableException)
            {
                logger.LogWarning(ex, "The refused import file {FileId} was left in the file store", fileId);
            }
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/imports", async Task<Created<ImportView>> (string? recordType, HttpContext http, Handler handler, RequestContext context, CancellationToken ct) =>
        {
            var job = await ReceiveAsync(http, handler, recordType, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(job.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/imports/{job.Id}", job);
        })
        // No Accepts metadata: routing would answer 415 before tenant access is checked (a non-member must get 404).
        .WithMetadata(new ImportBodyLimit(MaxBytes + MultipartOverhead))
        .AcceptsMultipart("file", "recordType")
        .WithName("UploadImport")
        .WithSummary("Upload a CSV or XLSX file of contacts or leads (multipart: 'file' and 'recordType' contact|lead); answers its headers, a suggested mapping and a preview");

    /// <summary>Reads the multipart body section by section, streaming the file part; the fields may come in any order.</summary>
    private static async Task<ImportView> ReceiveAsync(HttpContext http, Handler handler, string? recordType, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes + MultipartOverhead;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedImportFileException("Send the file as multipart/form-data, in a field named 'file', with the field 'recordType' (contact or lead).");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new BadRequestException("The multipart boundary is missing or too long.", "invalid-multipart");
        }

        Upload? upload = null;
        string? fileName = null;
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
                    case "file" when upload is not null:
                        throw ValidationException.For("file", "must be sent once: one file per import.");
                    case "file":
                        fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        fileName = string.IsNullOrWhiteSpace(fileName) ? "import" : Path.GetFileName(fileName.Replace('\\', '/'));
                        upload = await handler.StoreAsync(section.Body, fileName, ct);
                        break;
                    case "recordType":
                        using (var text = new StreamReader(section.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 256, leaveOpen: true))
                        {
                            var chars = new char[21];
                            recordType = new string(chars, 0, await text.ReadBlockAsync(chars, ct)).Trim();
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException and not BadHttpRequestException)
        {
            await DiscardAsync(handler, upload);
            throw new BadRequestException("The multipart body is malformed: " + ex.Message, "invalid-multipart");
        }
        catch
        {
            await DiscardAsync(handler, upload);
            throw;
        }

        var rules = new Rules()
            .Check(upload is not null, "file", "is required: send the CSV or XLSX file in a multipart field named 'file'.")
            .Check(ImportMapping.IsRecordType(recordType), "recordType", $"must be {RecordTypes.Contact} or {RecordTypes.Lead}.");
        if (!rules.IsValid)
        {
            await DiscardAsync(handler, upload);
            rules.ThrowIfInvalid();
        }

        return await handler.CreateAsync(upload!, fileName!, recordType!, ct);
    }

    private static Task DiscardAsync(Handler handler, Upload? upload) => upload is null ? Task.CompletedTask : handler.DiscardAsync(upload.File.Id);
}

/// <summary>Marks the upload endpoint as taking bodies up to <see cref="UploadImport.MaxBytes"/> rather than the API's general limit.</summary>
internal sealed record ImportBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
