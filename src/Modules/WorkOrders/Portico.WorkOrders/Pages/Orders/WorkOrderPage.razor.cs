using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Portico.Console.Shell;
using Portico.Kernel.Errors;
using Portico.Kernel.Events;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.WorkOrders.Garage;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.Work;

namespace Portico.WorkOrders.Pages.Orders;

/// <summary>
/// One work order: its header (client, car, status, totals), the moves the flow allows next (through the same use case
/// as the API; a cancellation asks why, scheduling asks when), its services, stage chain, parts and timeline, and live
/// updates while it is open. Members who edit orders (<see cref="WorkOrdersPermissions.Write"/>) also run the service
/// advisor's desk here, each through the API's own use case: the order's and each stage's mechanic, service lines (add
/// with the wizard's picker, discount, the client's decision, remove), the stage chain (add, remove, up and down), parts
/// (remove, reserve again what was short). A refusal is said in the user's language and the page shows the order as it is.
/// </summary>
public partial class WorkOrderPage
{
    private const int TimelinePage = 20;

    [Parameter] public string Slug { get; set; } = "";

    [Parameter] public Guid OrderId { get; set; }

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    private WorkOrderView? _order;
    private string? _garageUrl;
    private List<WorkOrderEntryView> _entries = [];
    private string? _entriesNext;
    private readonly Dictionary<Guid, string> _names = [];
    private string? _asking;
    private string? _reason;
    private string? _when;
    private IDisposable? _listening;
    private (string, Guid)? _loadedFor;
    private IReadOnlyList<AssignableMember>? _members;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private bool _addingLine;
    private readonly List<ServiceChoice> _lineChoices = [];
    private WorkOrderLineView? _discountLine;
    private string? _discount;
    private bool _addingStage;
    private string? _stageName;
    private int? _stageMinutes;
    private string? _stageChecklist;
    private bool _stagePhoto;
    private (string Text, string Button, Func<Task> Action)? _confirm;

    private bool CanWrite => Workspace?.Can(WorkOrdersPermissions.Write) == true;

    /// <summary>The desk's controls: for members who edit orders, while the order is open (a Mechanic never sees them).</summary>
    private bool Editable => CanWrite && _order is { } order && !WorkOrderStatuses.IsClosed(order.Status);

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
        if (CanWrite && _members is null)
        {
            _members = await Caller.RunAsync<AssignableMembers.Handler, IReadOnlyList<AssignableMember>>(Slug, (h, ct) => h.HandleAsync(ct));
            foreach (var member in _members)
            {
                _names[member.UserId] = member.Name;
            }
        }

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
        var done = await EditAsync(async () =>
            moved = await Caller.RunAsync<ChangeWorkOrderStatus.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(order.Id, input, order.Version, ct)));
        if (done && moved is not null)
        {
            Toasts.Add(T.Format("Status: {0}.", T[OrderTexts.Status(moved.Status)]), Severity.Success);
        }

        return done;
    }

    private Task AssignOrderAsync(Guid mechanicId)
    {
        if (_order is not { } order || (order.MechanicId ?? Guid.Empty) == mechanicId)
        {
            return Task.CompletedTask;
        }

        var input = new AssignMechanicInput(mechanicId == Guid.Empty ? null : mechanicId);
        return EditAsync(
            () => Caller.RunAsync<AssignWorkOrderMechanic.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(order.Id, input, order.Version, ct)),
            mechanicId == Guid.Empty ? T["The order has no mechanic now."] : T.Format("{0} works on the order.", MechanicName(mechanicId)));
    }

    private Task AssignStageAsync(WorkOrderStageView stage, Guid mechanicId)
    {
        if (_order is not { } order || (stage.MechanicAssignedDirectly ? stage.MechanicId ?? Guid.Empty : Guid.Empty) == mechanicId)
        {
            return Task.CompletedTask;
        }

        var input = new AssignMechanicInput(mechanicId == Guid.Empty ? null : mechanicId);
        return EditAsync(
            () => Caller.RunAsync<AssignStageMechanic.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(order.Id, stage.Id, input, ct)),
            mechanicId == Guid.Empty
                ? T.Format("«{0}» goes with the order's mechanic.", stage.Name.In(Language))
                : T.Format("{0} works on «{1}».", MechanicName(mechanicId), stage.Name.In(Language)));
    }

    private void OpenAddLine()
    {
        _lineChoices.Clear();
        _errors = new Dictionary<string, string[]>();
        _addingLine = true;
    }

    /// <summary>Adds the chosen services one by one, each at the order's version the last one left.</summary>
    private async Task AddLinesAsync()
    {
        if (_order is not { } order || _lineChoices.Count == 0)
        {
            return;
        }

        var version = order.Version;
        var choices = _lineChoices.ToList();
        if (await EditAsync(
            async () =>
            {
                foreach (var choice in choices)
                {
                    var input = new AddWorkOrderLineInput(choice.ServiceId, choice.DiscountInput);
                    var view = await Edit(order.Id, version, (e, o, ct) => e.AddLineAsync(o, input, ct));
                    version = view.Version;
                    _lineChoices.Remove(choice);
                }
            },
            choices.Count == 1 ? T["Service added."] : T.Format("{0} services added.", choices.Count)))
        {
            _addingLine = false;
        }
    }

    private void OpenDiscount(WorkOrderLineView line)
    {
        _errors = new Dictionary<string, string[]>();
        _discount = line.Discount.Amount;
        _discountLine = line;
    }

    private async Task SaveDiscountAsync()
    {
        if (_order is not { } order || _discountLine is not { } line)
        {
            return;
        }

        var amount = string.IsNullOrWhiteSpace(_discount) ? "0" : _discount.Trim().Replace(',', '.').Replace(" ", "", StringComparison.Ordinal);
        var input = new UpdateWorkOrderLineInput(amount, null);
        if (await EditAsync(() => Edit(order.Id, order.Version, (e, o, ct) => e.UpdateLineAsync(o, line.Id, input, ct)), T["Discount saved."]))
        {
            _discountLine = null;
        }
    }

    /// <summary>The client's decision on a line, taken at the desk or by phone; declining skips its stages and releases its parts.</summary>
    private Task DecideAsync(WorkOrderLineView line, string decision)
    {
        if (_order is not { } order)
        {
            return Task.CompletedTask;
        }

        var input = new UpdateWorkOrderLineInput(null, decision);
        return EditAsync(
            () => Edit(order.Id, order.Version, (e, o, ct) => e.UpdateLineAsync(o, line.Id, input, ct)),
            T.Format(decision == Approvals.Declined ? "The client declined «{0}»." : "The client approved «{0}».", line.Name.In(Language)));
    }

    private Task RemoveLineAsync(WorkOrderLineView line) => _order is { } order
        ? EditAsync(() => Edit(order.Id, order.Version, (e, o, ct) => e.RemoveLineAsync(o, line.Id, ct)), T.Format("«{0}» removed.", line.Name.In(Language)))
        : Task.CompletedTask;

    private void OpenAddStage()
    {
        _errors = new Dictionary<string, string[]>();
        (_stageName, _stageMinutes, _stageChecklist, _stagePhoto) = (null, 30, null, false);
        _addingStage = true;
    }

    private async Task AddStageAsync()
    {
        if (_order is not { } order)
        {
            return;
        }

        var name = _stageName?.Trim();
        var checklist = (_stageChecklist ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var input = new AddWorkOrderStageInput(
            Language == "ru" ? new WorkshopTextInput(null, name) : new WorkshopTextInput(name, null), _stageMinutes, null, checklist, _stagePhoto, null);
        if (await EditAsync(() => Edit(order.Id, order.Version, (e, o, ct) => e.AddStageAsync(o, input, ct)), T.Format("Stage «{0}» added.", name)))
        {
            _addingStage = false;
        }
    }

    private Task RemoveStageAsync(WorkOrderStageView stage) => _order is { } order
        ? EditAsync(() => Edit(order.Id, order.Version, (e, o, ct) => e.RemoveStageAsync(o, stage.Id, ct)), T.Format("Stage «{0}» removed.", stage.Name.In(Language)))
        : Task.CompletedTask;

    private Task MoveStageAsync(WorkOrderStageView stage, int to)
    {
        if (_order is not { } order || to < 0 || to >= order.Stages.Count)
        {
            return Task.CompletedTask;
        }

        var input = new MoveWorkOrderStageInput(stage.Id, to);
        return EditAsync(() => Edit(order.Id, order.Version, (e, o, ct) => e.MoveStageAsync(o, input, ct)));
    }

    private Task RemovePartAsync(WorkOrderPartView part) => _order is { } order
        ? EditAsync(() => Edit(order.Id, order.Version, (e, o, ct) => e.RemovePartAsync(o, part.Id, ct)), T.Format("«{0}» taken off the order.", part.Name))
        : Task.CompletedTask;

    /// <summary>After a delivery: reserves the parts that were short; those still short stay so.</summary>
    private async Task ReserveAgainAsync()
    {
        if (_order is not { } order)
        {
            return;
        }

        var still = 0;
        if (await EditAsync(() => Edit(order.Id, order.Version, async (e, o, ct) => still = await e.ReserveShortAsync(o, ct))))
        {
            Toasts.Add(still == 0 ? T["Every part is reserved."] : T.Format("Still short: {0}.", still), still == 0 ? Severity.Success : Severity.Warning);
        }
    }

    private void Ask(string text, string button, Func<Task> action) => _confirm = (text, button, action);

    private async Task ConfirmedAsync()
    {
        if (_confirm is { } confirm)
        {
            _confirm = null;
            await confirm.Action();
        }
    }

    /// <summary>One change through the API's edit use case (<see cref="EditWorkOrder"/>), at the version the page shows.</summary>
    private Task<WorkOrderView> Edit(Guid orderId, long version, Func<WorkOrderEditor, WorkOrder, CancellationToken, Task> change) =>
        Caller.RunAsync<EditWorkOrder.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(orderId, version, (e, o) => change(e, o, ct), ct));

    /// <summary>
    /// Runs a change of the order; a refusal (409, 412, 422, a line or stage gone meanwhile) becomes a toast in the
    /// user's language and field errors for the open dialog, never an error on the circuit. Either way the page then
    /// shows the order as it is. True when the change was made.
    /// </summary>
    private async Task<bool> EditAsync(Func<Task> work, string? done = null)
    {
        _errors = new Dictionary<string, string[]>();
        PorticoProblemException? refused = null;
        var ran = await TryAsync(async () =>
        {
            try
            {
                await work();
            }
            catch (PorticoProblemException problem) when (problem is not UnauthorizedException)
            {
                refused = problem;
            }
        });
        if (refused is not null)
        {
            _errors = (refused as ValidationException)?.Errors.ToDictionary(e => FieldOf(e.Key), e => e.Value) ?? new Dictionary<string, string[]>();
            Toasts.Add(Explain(refused), Severity.Warning);
        }
        else if (ran && done is not null)
        {
            Toasts.Add(done, Severity.Success);
        }

        await TryAsync(LoadAsync);
        return ran && refused is null;
    }

    /// <summary>A field error under its last name (<c>stages[0].name</c> → <c>name</c>), for the dialog's fields.</summary>
    private static string FieldOf(string key) => key[(key.LastIndexOf('.') + 1)..];

    private string? Error(string field) => _errors.TryGetValue(field, out var errors) ? FieldText(field, errors) : null;

    private string Explain(PorticoProblemException problem) => problem switch
    {
        ValidationException validation => string.Join(" ", validation.Errors.Select(e => FieldText(FieldOf(e.Key), e.Value))),
        NotFoundException => T["It is no longer on the order; the page now shows the order as it is."],
        ConcurrencyException => T["Someone changed the order meanwhile; the page now shows it as it is. Try again."],
        _ => problem.Code switch
        {
            WorkOrderEditor.ClosedCode => T["The order is closed: it takes no more changes."],
            WorkOrderEditor.StageStartedCode => T["Its work has started: it stays on the order."],
            "part-consumed" => T["This part was already used on the car: it stays on the order."],
            StageWork.StageClosedCode => T["This stage is done: it takes no more changes."],
            WorkOrderStatuses.IllegalCode => T["The order cannot move there from its status; the page now shows where it is."],
            "permission-denied" => T["Your role does not allow this."],
            _ => T.Refusal(problem),
        },
    };

    private string FieldText(string field, string[] errors) => field switch
    {
        "mechanicId" => T["This person cannot be assigned work in this workshop."],
        "serviceId" => T["This service cannot be added: it is already on the order or is not a repair service."],
        "discount" => T["The discount must be a sum from 0 to the labour price."],
        "name" => T["Give the stage a name (at most 200 characters)."],
        "expectedMinutes" => T["Expected minutes: more than 0, at most a week."],
        "checklist" => T["The checklist takes at most 50 items of at most 500 characters."],
        "reason" => T["Give a reason."],
        "position" or "to" => T["The chain changed meanwhile; try again."],
        _ => T.InvalidSentence([new(field, errors)]),
    };

    /// <summary>The assignable members, with <paramref name="current"/> among them even when their role no longer takes work.</summary>
    private IEnumerable<AssignableMember> MembersWith(Guid? current)
    {
        var members = _members ?? [];
        return current is { } id && members.All(m => m.UserId != id) ? [.. members, new AssignableMember(id, MechanicName(id), "")] : members;
    }

    private string MemberLabel(AssignableMember member) =>
        member.Role is "" or Roles.Mechanic ? member.Name : $"{member.Name} ({T[member.Role]})";

    private string AsTheOrder(WorkOrderView order) => T.Format("As the order ({0})", MechanicName(order.MechanicId));

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

    private Task CopyAsync() => _order is null ? Task.CompletedTask : CopyAsync(_order.TrackingUrl);

    /// <summary>The client's garage link (all their cars and orders), made when asked for: it is shown and copied.</summary>
    private async Task CopyGarageAsync()
    {
        if (_order is not { } order)
        {
            return;
        }

        try
        {
            _garageUrl = (await Caller.RunAsync<GetGarageLink.Handler, GetGarageLink.GarageLinkView>(Slug, (h, ct) => h.HandleAsync(order.ContactId, ct))).Url;
        }
        catch (NotFoundException)
        {
            Toasts.Add(T["The client is not in the CRM any more."], Severity.Warning);
            return;
        }

        await CopyAsync(_garageUrl);
    }

    private async Task CopyAsync(string url)
    {
        try
        {
            await JS.InvokeVoidAsync("portico.copy", url);
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

    private static Color PartColor(string state) => state switch
    {
        PartStates.Short => Color.Error,
        PartStates.Reserved => Color.Info,
        PartStates.Consumed => Color.Success,
        _ => Color.Default,
    };

    private static string Quantity(decimal value) => value.ToString("0.###", CultureInfo.CurrentCulture);

    private async Task OnLiveAsync(LiveEvent live)
    {
        if (!live.Name.StartsWith("work-order-", StringComparison.Ordinal) || _order is null || OrderOf(live.Payload) != OrderId)
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            await TryAsync(LoadAsync);
            StateHasChanged();
        });
    }

    /// <summary>The order an event is about: its payload's <c>data.orderId</c> (or <c>orderId</c> at the top).</summary>
    private static Guid? OrderOf(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var holder = payload.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : payload;
        return holder.TryGetProperty("orderId", out var id) && id.TryGetGuid(out var orderId) ? orderId : null;
    }

    public void Dispose()
    {
        _listening?.Dispose();
        GC.SuppressFinalize(this);
    }
}
