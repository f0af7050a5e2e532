using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Reports;

internal static class GetWorkOrderDocument
{
    /// <summary>The PDF's bytes and the file name it is offered under.</summary>
    internal sealed record Document(byte[] Content, string FileName);

    [RequiresPermission(WorkOrdersPermissions.Read)]
    internal sealed class Handler(WorkOrdersDbContext db, WorkOrderAccess access, ReportScope scope)
    {
        public async Task<Document> HandleAsync(Guid orderId, string? kind, CancellationToken cancellationToken)
        {
            var which = string.IsNullOrWhiteSpace(kind) ? WorkOrderPdf.WorkOrderKind : kind.Trim().ToLowerInvariant();
            if (which is not (WorkOrderPdf.WorkOrderKind or WorkOrderPdf.InvoiceKind))
            {
                throw ValidationException.For("kind", "takes work-order or invoice.");
            }

            var order = await access.FindAsync(orderId, cancellationToken);
            var lines = await db.Lines.AsNoTracking().Where(l => l.OrderId == order.Id).ToListAsync(cancellationToken);
            var stages = await db.Stages.AsNoTracking().Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
            var parts = await db.Parts.AsNoTracking().Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
            var profile = await scope.ProfileAsync(cancellationToken);
            var content = WorkOrderPdf.Render(which, profile, order, lines, stages, parts, scope.Now);
            return new Document(content, $"{which}-{order.Number}.pdf");
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/workshop/work-orders/{orderId:guid}/document.pdf", async Task<FileContentHttpResult> (Guid orderId, string? kind, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var document = await handler.HandleAsync(orderId, kind, ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(document.Content, "application/pdf", document.FileName);
        })
        .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
        .WithName("GetWorkOrderDocument")
        .WithSummary("The work order as a PDF (kind=work-order: lines, parts, stages, totals, status) or its invoice (kind=invoice, «Счёт» in Russian), in the tenant's language; Cyrillic renders with the embedded DejaVu Sans");
}
