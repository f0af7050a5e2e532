using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using Portico.Console.Shell;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.Pages.Orders;
using Portico.WorkOrders.Reports;

namespace Portico.WorkOrders.Pages.Reports;

/// <summary>
/// The workshop's reports: a period (the last 30 days by default) and its grouping, then orders by status, revenue
/// (labour vs parts per bucket), mechanic productivity and parts consumption, each with CSV and XLSX downloads.
/// </summary>
public partial class WorkshopReportsPage
{
    [Parameter] public string Slug { get; set; } = "";

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    private DateTime? _from;
    private DateTime? _to;
    private string _groupBy = "day";
    private WorkshopOrdersReport? _orders;
    private WorkshopRevenueReport? _revenue;
    private WorkshopMechanicsReport? _mechanics;
    private WorkshopPartsReport? _parts;
    private List<ChartSeries<double>> _statusSeries = [];
    private string[] _statusLabels = [];
    private List<ChartSeries<double>> _revenueSeries = [];
    private string[] _bucketLabels = [];

    protected override Task OnParametersSetAsync() => Workspace?.Can(WorkOrdersPermissions.Reports) == false ? Task.CompletedTask : LoadAsync();

    private static DateOnly? Day(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private string Money(string? amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? Workspace?.Money((long)(value * 100)) ?? amount ?? ""
            : amount ?? "";

    private static double Number(string amount) =>
        double.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>A report of the shown period as a CSV or XLSX file, made in process and handed to the browser.</summary>
    private async Task SaveAsync(string kind, string format)
    {
        var query = new ExportReport.Query(_orders?.From, _orders?.To, kind is "orders" or "revenue" ? _groupBy : null, format, null);
        await TryAsync(async () =>
        {
            await using var buffer = new MemoryStream();
            var file = await Caller.InScopeAsync(Slug, async (services, context, ct) =>
            {
                var handler = services.GetRequiredService<ExportReport.Handler>();
                var export = kind switch
                {
                    "orders" => await handler.OrdersAsync(query, ct),
                    "revenue" => await handler.RevenueAsync(query, ct),
                    "mechanics" => await handler.MechanicsAsync(query, ct),
                    _ => await handler.PartsAsync(query, ct),
                };
                await export.WriteToAsync(buffer, ct);
                return export;
            });
            buffer.Position = 0;
            // The console's save-a-stream helper lives with the Crm lists (always present); see CrmContacts' export.
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./_content/Portico.Crm/crm-lists.js");
            using var stream = new DotNetStreamReference(buffer, leaveOpen: true);
            await module.InvokeVoidAsync("saveFile", file.FileName, file.ContentType, stream);
        });
    }

    private async Task LoadAsync()
    {
        var (from, to, groupBy) = (Day(_from), Day(_to), _groupBy);
        await TryAsync(async () =>
        {
            var query = new ReportQuery(from, to, groupBy);
            var period = new GetMechanicsReport.Query(from, to);
            var orders = await Caller.RunAsync<GetOrdersReport.Handler, WorkshopOrdersReport>(Slug, (h, ct) => h.HandleAsync(query, ct));
            var revenue = await Caller.RunAsync<GetRevenueReport.Handler, WorkshopRevenueReport>(Slug, (h, ct) => h.HandleAsync(query, ct));
            var mechanics = await Caller.RunAsync<GetMechanicsReport.Handler, WorkshopMechanicsReport>(Slug, (h, ct) => h.HandleAsync(period, ct));
            var parts = await Caller.RunAsync<GetPartsReport.Handler, WorkshopPartsReport>(Slug, (h, ct) => h.HandleAsync(period, ct));
            (_orders, _revenue, _mechanics, _parts) = (orders, revenue, mechanics, parts);
            _from = orders.From.ToDateTime(TimeOnly.MinValue);
            _to = orders.To.ToDateTime(TimeOnly.MinValue);
            _statusLabels = [.. WorkOrderStatuses.All.Select(s => T[OrderTexts.Status(s)])];
            _statusSeries = [new ChartSeries<double> { Name = T["Orders"], Data = new ChartData<double>(WorkOrderStatuses.All.Select(s => (double)orders.ByStatus[s]).ToList()) }];
            var every = Math.Max(1, revenue.Buckets.Count / 6);
            _bucketLabels = [.. revenue.Buckets.Select((b, i) => i % every == 0 || i == revenue.Buckets.Count - 1 ? b.Start.ToString("d MMM", CultureInfo.CurrentCulture) : "")];
            _revenueSeries =
            [
                new ChartSeries<double> { Name = T["Labour"], Data = new ChartData<double>(revenue.Buckets.Select(b => Number(b.Revenue.Labour.Amount)).ToList()) },
                new ChartSeries<double> { Name = T["Parts"], Data = new ChartData<double>(revenue.Buckets.Select(b => Number(b.Revenue.Parts.Amount)).ToList()) },
            ];
        });
    }
}
