using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portico.Console.Shell;
using Portico.Kernel.Events;
using Portico.Kernel.Paging;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Pages.Orders;

/// <summary>
/// One work order: its header (client, car, status, totals), the moves the flow allows next (through the same use case
/// as the API; a cancellation asks why, scheduling asks when), its services, stage chain, parts and timeline, and live
/// updates while it is open.
/// </summary>
public partial class WorkOrderPage
{
    private const int TimelinePage = 20;

    [Parameter] public string Slug { get; set; } = "";

    [Parameter] public Guid OrderId { get; set; }

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    private WorkOrderView? _order;
    private List<WorkOrderEntryView> _entries = [];
    private string? _entriesNext;
    private readonly Dictionary<Guid, string> _names = [];
    private string? _asking;
    private string? _reason;
    private string? _when;
    private IDisposable? _listening;
    private (string, Guid)? _loadedFor;

    private bool CanWrite => Workspace?.Can(WorkOrdersPermissions.Write) == true;

    private string Language => Workspace?.Profile.Locale ?? "en";

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (Slug, OrderId))
        {
            return;
        }

        _loadedFor = (Slug, OrderId);
        _order = null;
        _entries = [];
        _listening ??= Live.Listen(OnLiveAsync);
        await TryAsync(LoadAsync);
    }

    private async Task LoadAsync()
    {
        var order = await Caller.RunAsync<GetWorkOrder.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(OrderId, ct));
        var page = await Caller.RunAsync<ListWorkOrderEntries.Handler, Page<WorkOrderEntryView>>(
            Slug, (h, ct) => h.HandleAsync(OrderId, new ListWorkOrderEntries.Query(null, TimelinePage, null), ct));
        var mechanics = order.Stages.Select(s => s.MechanicId).Append(order.MechanicId).OfType<Guid>().Where(id => !_names.ContainsKey(id)).Distinct().ToList();
        if (mechanics.Count > 0)
        {
            foreach (var (id, name) in await Caller.RunAsync<MemberNames.Handler, Dictionary<Guid, string>>(Slug, (h, ct) => h.HandleAsync(mechanics, ct)))
            {
                _names[id] = name;
            }
        }

        // Keep the older entries already shown below the fresh first page.
        var fresh = page.Items.ToList();
        var older = _entries.Where(e => fresh.All(f => f.Id != e.Id) && fresh.Count > 0 && e.At < fresh[^1].At).ToList();
        _entries = [.. fresh, .. older];
        _entriesNext = older.Count > 0 ? _entriesNext : page.NextCursor;
        _order = order;
    }

    private async Task MoreEntriesAsync()
    {
        var cursor = _entriesNext;
        await TryAsync(async () =>
        {
            var page = await Caller.RunAsync<ListWorkOrderEntries.Handler, Page<WorkOrderEntryView>>(
                Slug, (h, ct) => h.HandleAsync(OrderId, new ListWorkOrderEntries.Query(null, TimelinePage, cursor), ct));
            _entries = [.. _entries, .. page.Items.Where(e => _entries.All(x => x.Id != e.Id))];
            _entriesNext = page.NextCursor;
        });
    }

    private async Task AskMoveAsync(string to)
    {
        if (to == WorkOrderStatuses.Cancelled)
        {
            (_asking, _reason) = (to, null);
        }
        else if (to == WorkOrderStatuses.Scheduled && _order?.ScheduledAt is null)
        {
            (_asking, _when) = (to, null);
        }
        else
        {
            await MoveAsync(to, null, null);
        }
    }

    private async Task ConfirmAsync()
    {
        if (_asking is not { } to)
        {
            return;
        }

        if (await MoveAsync(to, to == WorkOrderStatuses.Cancelled ? _reason?.Trim() : null, to == WorkOrderStatuses.Scheduled ? ParseWhen() : null))
        {
            _asking = null;
        }
    }

    private async Task<bool> MoveAsync(string to, string? reason, DateTimeOffset? scheduledAt)
    {
        if (_order is not { } order)
        {
            return false;
        }

        var input = new ChangeWorkOrderStatusInput(to, reason, scheduledAt);
        WorkOrderView? moved = null;
        var done = await TryAsync(async () =>
            moved = await Caller.RunAsync<ChangeWorkOrderStatus.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(order.Id, input, order.Version, ct)));
        if (done && moved is not null)
        {
            Toasts.Add(T.Format("Status: {0}.", T[OrderTexts.Status(moved.Status)]), Severity.Success);
        }

        // Moved or refused (someone changed it meanwhile), the page shows the order as it is now.
        await TryAsync(LoadAsync);
        return done;
    }

    private DateTimeOffset? ParseWhen()
    {
        if (!DateTime.TryParse(_when, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(Workspace?.TimeZone ?? "UTC", out var found) ? found : TimeZoneInfo.Utc;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private async Task CopyAsync()
    {
        if (_order is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("portico.copy", _order.TrackingUrl);
            Toasts.Add(T["Copied."], Severity.Normal);
        }
        catch (JSException)
        {
            // The browser may refuse the clipboard (permissions, no focus): the link stays on the page to select.
            Toasts.Add(T["The browser did not allow copying: select the link and copy it."], Severity.Warning);
        }
    }

    private string MechanicName(Guid? id) => id is { } mechanic ? _names.GetValueOrDefault(mechanic) ?? T["Mechanic"] : T["not assigned"];

    private string EntryTitle(WorkOrderEntryView entry)
    {
        var title = T[OrderTexts.Entry(entry.Kind)];
        if (entry.Kind == EntryKinds.StatusChanged && entry.Data is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("from", out var from) && data.TryGetProperty("to", out var to) && from.GetString() is { } f && to.GetString() is { } t)
        {
            return $"{title}: {T.Format("{0} → {1}", T[OrderTexts.Status(f)], T[OrderTexts.Status(t)])}";
        }

        return title;
    }

    private static Color StageColor(string status) => status switch
    {
        StageStatuses.InProgress => Color.Warning,
        StageStatuses.Done => Color.Success,
        _ => Color.Default,
    };

    private static string Quantity(decimal value) => value.ToString("0.###", CultureInfo.CurrentCulture);

    private async Task OnLiveAsync(LiveEvent live)
    {
        if (!live.Name.StartsWith("work-order-", StringComparison.Ordinal) || _order is null
            || live.Payload.ValueKind != JsonValueKind.Object || !live.Payload.TryGetProperty("orderId", out var id) || !id.TryGetGuid(out var orderId) || orderId != OrderId)
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            await TryAsync(LoadAsync);
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        _listening?.Dispose();
        GC.SuppressFinalize(this);
    }
}
