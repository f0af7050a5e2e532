using Portico.Kernel.Tenancy;
using System.Runtime.CompilerServices;
using Portico.Kernel.Spreadsheets;

namespace Portico.WorkOrders.Reports;

/// <summary>
/// A report as a CSV or XLSX file (the kernel's <see cref="ExportFile"/>: written to the response as rows come), with
/// the same period and grouping as the report itself and headers in the tenant's language. The orders, revenue and
/// mechanics reports are small once grouped (a row a bucket or a mechanic); the parts export has every item consumed.
/// </summary>
internal static class ExportReport
{
    /// <summary>The period and grouping of the report, the file's format (<c>csv</c> or <c>xlsx</c>) and CSV delimiter (<c>comma</c>, <c>semicolon</c> or <c>tab</c>).</summary>
    internal sealed record Query(DateOnly? From, DateOnly? To, string? GroupBy, string? Format, string? Delimiter)
    {
        public ReportQuery Period => new(From, To, GroupBy);
    }

    [RequiresPermission(WorkOrdersPermissions.Reports)]
    internal sealed class Handler(
        ReportScope scope, GetOrdersReport.Handler orders, GetRevenueReport.Handler revenue, GetMechanicsReport.Handler mechanics, GetPartsReport.Handler parts)
    {
        public async Task<ExportFile> OrdersAsync(Query query, CancellationToken cancellationToken)
        {
            var (format, delimiter, locale) = await OptionsAsync(query, cancellationToken);
            var report = await orders.HandleAsync(query.Period, cancellationToken);
            var (headers, rows) = GetOrdersReport.Table(report, locale);
            return new ExportFile(format, FileName("orders", report.From, report.To, format), delimiter, headers, Stream(rows));
        }

        public async Task<ExportFile> RevenueAsync(Query query, CancellationToken cancellationToken)
        {
            var (format, delimiter, locale) = await OptionsAsync(query, cancellationToken);
            var report = await revenue.HandleAsync(query.Period, cancellationToken);
            var (headers, rows) = GetRevenueReport.Table(report, locale);
            return new ExportFile(format, FileName("revenue", report.From, report.To, format), delimiter, headers, Stream(rows));
        }

        public async Task<ExportFile> MechanicsAsync(Query query, CancellationToken cancellationToken)
        {
            var (format, delimiter, locale) = await OptionsAsync(query, cancellationToken);
            var report = await mechanics.HandleAsync(new GetMechanicsReport.Query(query.From, query.To), cancellationToken);
            var (headers, rows) = GetMechanicsReport.Table(report, locale);
            return new ExportFile(format, FileName("mechanics", report.From, report.To, format), delimiter, headers, Stream(rows));
        }

        public async Task<ExportFile> PartsAsync(Query query, CancellationToken cancellationToken)
        {
            var (format, delimiter, locale) = await OptionsAsync(query, cancellationToken);
            var period = await scope.PeriodAsync(new ReportQuery(query.From, query.To, null), cancellationToken);
            var currency = (await scope.ProfileAsync(cancellationToken)).Currency;
            return new ExportFile(
                format, FileName("parts", period.From, period.To, format), delimiter, GetPartsReport.Headers(locale),
                PartRowsAsync(parts.RowsAsync(period, currency, null, cancellationToken), cancellationToken));
        }

        private async Task<(string Format, char Delimiter, string Locale)> OptionsAsync(Query query, CancellationToken cancellationToken)
        {
            var locale = (await scope.ProfileAsync(cancellationToken)).Locale;
            return (ExportFile.FormatOf(query.Format), ExportFile.DelimiterOf(query.Delimiter, locale), locale);
        }

        private string FileName(string report, DateOnly from, DateOnly to, string format) =>
            $"{scope.TenantSlug}-{report}-{from:yyyyMMdd}-{to:yyyyMMdd}.{format}";
    }

    private static async IAsyncEnumerable<object?[]> Stream(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<object?[]> PartRowsAsync(IAsyncEnumerable<WorkshopPartConsumption> parts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var part in parts.WithCancellation(cancellationToken))
        {
            yield return GetPartsReport.Cells(part);
        }
    }

    private const string Summary = "as CSV (UTF-8 with BOM; delimiter comma, semicolon or tab, semicolon by default in Russian) or XLSX (format=csv|xlsx), headers in the tenant's language";

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/workshop/reports/orders/export", async Task<ExportFile> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                await handler.OrdersAsync(query, ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportWorkshopOrdersReport")
            .WithSummary("The orders report (from, to, groupBy) " + Summary);
        tenants.MapGet("/{tenant}/workshop/reports/revenue/export", async Task<ExportFile> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                await handler.RevenueAsync(query, ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportWorkshopRevenueReport")
            .WithSummary("The revenue report (from, to, groupBy) " + Summary);
        tenants.MapGet("/{tenant}/workshop/reports/mechanics/export", async Task<ExportFile> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                await handler.MechanicsAsync(query, ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportWorkshopMechanicsReport")
            .WithSummary("The mechanics report (from, to) " + Summary);
        tenants.MapGet("/{tenant}/workshop/reports/parts/export", async Task<ExportFile> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                await handler.PartsAsync(query, ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ExportFile.XlsxContentType)
            .WithName("ExportWorkshopPartsReport")
            .WithSummary("Every part consumed in the period (from, to), highest value first, " + Summary);
    }
}
