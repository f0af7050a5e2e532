using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Portico.Data.Events;
using Portico.Files.Contracts;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Contracts;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Work;

/// <summary>
/// A photo or PDF attached to a stage (multipart field <c>file</c>, optional field <c>shared</c>: true shows it on the
/// client's tracking page). The file streams into the Files store (purpose <c>work-order</c>), whose type is sniffed from
/// the bytes: anything but an image or a PDF is refused (415) and not kept. An image counts as the stage's photo.
/// Raises <c>work_order.stage_attachment_uploaded</c>.
/// </summary>
internal static class AttachToStage
{
    public const string FilePurpose = "work-order";

    /// <summary>Largest upload accepted here (a phone's photo is a few MB); the file store's own limit applies too.</summary>
    public const long MaxBytes = 25 * 1024 * 1024;

    private const long MultipartOverhead = 64 * 1024;

    [RequiresPermission(WorkOrdersPermissions.Work)]
    internal sealed class Handler(WorkOrdersDbContext db, StageWork work, OrderJournal journal, Outbox outbox, IFileStore files, ILogger<Handler> logger)
    {
        /// <summary>The stage to attach to, checked before the body is read: 404 and 409 cost no upload.</summary>
        public async Task<(WorkOrder Order, WorkOrderStage Stage)> FindAsync(Guid orderId, Guid stageId, CancellationToken cancellationToken)
        {
            var found = await work.FindAsync(orderId, stageId, cancellationToken);
            StageWork.RequireNotClosed(found.Order);
            return found;
        }

        /// <summary>Streams the file into the store; a type other than an image or a PDF is deleted again and refused.</summary>
        public async Task<StoredFileInfo> StoreAsync(Stream content, string fileName, CancellationToken cancellationToken)
        {
            var file = await files.SaveAsync(content, fileName, FilePurpose, cancellationToken);
            if (!IsImage(file.ContentType) && file.ContentType != "application/pdf")
            {
                await DiscardAsync(file.Id);
                throw new UnsupportedAttachmentException($"A stage takes photos (PNG, JPEG, GIF, WebP) and PDF documents, not {file.ContentType}.");
            }

            return file;
        }

        public async Task<WorkOrderEntryView> AttachAsync(WorkOrder order, WorkOrderStage stage, StoredFileInfo file, bool shared, CancellationToken cancellationToken)
        {
            if (IsImage(file.ContentType))
            {
                stage.PhotoCount++;
            }

            await journal.NameActorAsync(cancellationToken);
            var entry = journal.Add(order, EntryKinds.Attachment, file.FileName, new { size = file.Size }, stage.Id, shared);
            entry.FileId = file.Id;
            entry.FileName = file.FileName.Length > 255 ? file.FileName[..255] : file.FileName;
            entry.ContentType = file.ContentType;
            outbox.Publish(new WorkOrderStageAttachmentUploaded(order.Id, order.Number, stage.Id, entry.Id, file.Id, entry.FileName, file.ContentType, shared));
            try
            {
                await outbox.SaveChangesAsync(db, cancellationToken);
            }
            catch
            {
                await DiscardAsync(file.Id);
                throw;
            }

            return WorkOrderEntryView.From(entry);
        }

        public async Task DiscardAsync(Guid fileId)
        {
            try
            {
                await files.DeleteAsync(fileId, CancellationToken.None);
            }
            catch (Exception ex) when (ex is NotFoundException or IOException or ServiceUnavailableException)
            {
                logger.LogWarning(ex, "The refused work order attachment {FileId} was left in the file store", fileId);
            }
        }

        private static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/workshop/work-orders/{orderId:guid}/stages/{stageId:guid}/attachments", async Task<Created<WorkOrderEntryView>> (Guid orderId, Guid stageId, HttpContext http, Handler handler, CancellationToken ct) =>
        {
            var (order, stage) = await handler.FindAsync(orderId, stageId, ct);
            var (file, shared) = await ReceiveAsync(http, handler, ct);
            var entry = await handler.AttachAsync(order, stage, file, shared, ct);
            return TypedResults.Created($"/api/v1/tenants/{http.GetRouteValue("tenant")}/workshop/work-orders/{orderId}/attachments/{entry.Id}", entry);
        })
        // No Accepts metadata: routing would answer 415 before tenant access is checked (a non-member must get 404).
        .WithMetadata(new AttachmentBodyLimit(MaxBytes + MultipartOverhead))
        .AcceptsMultipart("file", "shared")
        .WithName("AttachToWorkOrderStage")
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .WithSummary("Attach a photo (PNG, JPEG, GIF, WebP) or a PDF to a stage (multipart: 'file', and 'shared' true to show it on the client's tracking page); 415 for any other type; a photo counts for a stage that requires one; raises work_order.stage_attachment_uploaded");

    /// <summary>Reads the multipart body section by section, streaming the file part into the store; fields in any order.</summary>
    private static async Task<(StoredFileInfo File, bool Shared)> ReceiveAsync(HttpContext http, Handler handler, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes + MultipartOverhead;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedAttachmentException("Send the photo or PDF as multipart/form-data, in a field named 'file'.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            throw new BadRequestException("The multipart boundary is missing or too long.", "invalid-multipart");
        }

        StoredFileInfo? file = null;
        string? shared = null;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                switch (HeaderUtilities.RemoveQuotes(disposition.Name).Value)
                {
                    case "file" when file is not null:
                        throw ValidationException.For("file", "must be sent once: one file per attachment.");
                    case "file":
                        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        name = string.IsNullOrWhiteSpace(name) ? "photo" : Path.GetFileName(name.Replace('\\', '/'));
                        file = await handler.StoreAsync(section.Body, name, ct);
                        break;
                    case "shared":
                        using (var text = new StreamReader(section.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 256, leaveOpen: true))
                        {
                            var chars = new char[11];
                            shared = new string(chars, 0, await text.ReadBlockAsync(chars, ct)).Trim();
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is IOException and not BadHttpRequestException)
        {
            await DiscardAsync(handler, file);
            throw new BadRequestException("The multipart body is malformed: " + ex.Message, "invalid-multipart");
        }
        catch
        {
            await DiscardAsync(handler, file);
            throw;
        }

        var rules = new Rules()
            .Check(file is not null, "file", "is required: send the photo or PDF in a multipart field named 'file'.")
            .Check(shared is null or "" || bool.TryParse(shared, out _), "shared", "must be true or false.");
        if (!rules.IsValid)
        {
            await DiscardAsync(handler, file);
            rules.ThrowIfInvalid();
        }

        return (file!, bool.TryParse(shared, out var value) && value);
    }

    private static Task DiscardAsync(Handler handler, StoredFileInfo? file) => file is null ? Task.CompletedTask : handler.DiscardAsync(file.Id);
}

/// <summary>
/// A file attached to an order (a timeline entry with a file), streamed to members who can see the order: mechanics
/// too, who hold no Files permission of their own.
/// </summary>
internal static class DownloadWorkOrderAttachment
{
    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrdersDbContext db, WorkOrderAccess access, IFileStore files)
    {
        public async Task<FileContent> HandleAsync(Guid orderId, Guid entryId, CancellationToken cancellationToken)
        {
            var order = await access.FindAsync(orderId, cancellationToken);
            var fileId = await db.Entries.AsNoTracking().Where(e => e.Id == entryId && e.OrderId == order.Id && e.FileId != null)
                .Select(e => e.FileId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("WorkOrderAttachment", entryId);
            return await files.OpenReadAsync(fileId, cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/work-orders/{orderId:guid}/attachments/{entryId:guid}", async Task<FileStreamHttpResult> (Guid orderId, Guid entryId, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var content = await handler.HandleAsync(orderId, entryId, ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.ContentLength = content.File.Size;
            return TypedResults.Stream(content.Content, content.File.ContentType, content.File.FileName, content.File.CreatedAt);
        })
        .WithName("DownloadWorkOrderAttachment")
        .WithSummary("Download a photo or PDF attached to an order (the timeline entry's id), for members who can see the order");
}

/// <summary>415: a stage takes photos and PDFs only, sent as multipart.</summary>
internal sealed class UnsupportedAttachmentException(string detail) : PorticoProblemException("Unsupported media type", detail)
{
    public override int Status => 415;

    public override string Code => "attachment-type-not-allowed";
}

/// <summary>Marks the attachment endpoint as taking bodies up to <see cref="AttachToStage.MaxBytes"/> rather than the API's general limit.</summary>
internal sealed record AttachmentBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;
