using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor;
using NodaTime;
using Portico.Catalog.Contracts;
using Portico.Console.Shell;
using Portico.Kernel.Events;
using Portico.Kernel.Paging;
using Portico.Scheduling.Appointments;
using Portico.Scheduling.Resources;

namespace Portico.Scheduling.Pages;

/// <summary>
/// The staff calendar: a day with a column per staff member (or resource), or a week with a column per day; drag to
/// move, drag the lower edge to resize, drag or click on free time to book; the drawer shows an appointment and its
/// actions. Every change runs the same use cases as the API; a refused one (409) leaves the calendar as it was and
/// says why. Bookings made elsewhere (the public page, the API) appear live.
/// </summary>
public partial class CalendarPage
{
    internal sealed record Column(string Key, string Title, LocalDate Date, Guid? StaffId, Guid? ResourceId, string? Color);

    private sealed class NewAppointment
    {
        public Guid ServiceId { get; set; }

        public Guid StaffId { get; set; }

        public string? Date { get; set; }

        public string? Time { get; set; }

        public int? Minutes { get; set; }

        public Guid? ResourceId { get; set; }

        public string? Name { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Notes { get; set; }
    }

    private const int Step = 15;

    private static readonly string[] Palette = ["#3949AB", "#00796B", "#AD1457", "#6A1B9A", "#2E7D32", "#C62828", "#1565C0", "#8A4B00", "#4E342E", "#37474F"];

    [Parameter] public string Slug { get; set; } = "";

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    [SupplyParameterFromQuery(Name = "view")] public string? ViewQuery { get; set; }

    [SupplyParameterFromQuery(Name = "date")] public string? DateQuery { get; set; }

    [SupplyParameterFromQuery(Name = "by")] public string? ByQuery { get; set; }

    private string _view = "day";
    private string _by = "staff";
    private string _focus = "";
    private string _colour = "service";
    private LocalDate _date;
    private DateTimeZone _zone = DateTimeZone.Utc;
    private List<AppointmentView>? _appointments;
    private List<StaffChoice> _staff = [];
    private List<ResourceView> _resources = [];
    private List<BookableService> _services = [];
    private int _startMinute = 7 * 60;
    private int _endMinute = 22 * 60;
    private (LocalDate Date, int Minute)? _now;
    private AppointmentView? _selected;
    private bool _drawerOpen;
    private string? _notes;
    private string? _cancelReason;
    private string? _moveDate;
    private string? _moveTime;
    private Guid _moveStaff;
    private bool _focusDrawer;
    private bool _attached;
    private bool _creating;
    private NewAppointment _new = new();
    private ElementReference _grid;
    private ElementReference _scroll;
    private IJSObjectReference? _module;
    private Task<IJSObjectReference>? _moduleLoad;
    private IJSObjectReference? _gestures;
    private DotNetObjectReference<CalendarPage>? _self;
    private IDisposable? _listening;
    private string? _loadedFor;
    private bool _scrolled;

    private bool CanBook => Workspace?.Can(SchedulingPermissions.Book) == true;

    private static string Language => ConsoleTexts.IsRussian ? "ru" : "en";

    private int Height => _endMinute - _startMinute;

    private IReadOnlyList<(string Key, string Name)> FocusChoices => _by == "staff"
        ? [.. _staff.Select(s => ($"staff:{s.Id}", s.Name))]
        : [.. _resources.Select(r => ($"resource:{r.Id}", r.Name))];

    private string RangeTitle => _view == "day"
        ? _date.ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture)
        : $"{WeekStart.ToString("d MMM", CultureInfo.CurrentCulture)} – {WeekStart.PlusDays(6).ToString("d MMM yyyy", CultureInfo.CurrentCulture)}";

    private LocalDate WeekStart => _date.PlusDays(-(((int)_date.DayOfWeek - 1 + 7) % 7));

    private List<Column> Columns { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        _listening ??= Live.Listen(OnLiveAsync);
        var key = $"{Slug}|{ViewQuery}|{DateQuery}|{ByQuery}";
        if (key == _loadedFor)
        {
            return;
        }

        _loadedFor = key;
        _view = ViewQuery is "week" ? "week" : "day";
        _by = ByQuery is "resource" ? "resource" : "staff";
        _zone = (Workspace?.TimeZone is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null) ?? DateTimeZone.Utc;
        var today = SystemClock.Instance.GetCurrentInstant().InZone(_zone).Date;
        _date = DateQuery is { Length: 10 } && NodaTime.Text.LocalDatePattern.Iso.Parse(DateQuery) is { Success: true } parsed ? parsed.Value : today;
        await TryAsync(async () =>
        {
            (_staff, _resources, _services) = await Caller.InScopeAsync<(List<StaffChoice>, List<ResourceView>, List<BookableService>)>(Slug, async (services, _, ct) =>
            {
                var data = services.GetRequiredService<BookingPageData>();
                var resources = await services.GetRequiredService<ListResources.Handler>().HandleAsync(false, ct);
                return ([.. await data.StaffAsync(null, false, ct)], [.. resources], [.. await data.ServicesAsync(false, ct)]);
            });
        });
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var (first, days) = _view == "day" ? (_date, 1) : (WeekStart, 7);
        var from = first.AtStartOfDayInZone(_zone).ToDateTimeOffset();
        var to = first.PlusDays(days).AtStartOfDayInZone(_zone).ToDateTimeOffset();
        await TryAsync(async () =>
        {
            var all = new List<AppointmentView>();
            string? cursor = null;
            do
            {
                var page = await Caller.RunAsync<ListAppointments.Handler, Page<AppointmentView>>(Slug, (h, ct) =>
                    h.HandleAsync(new ListAppointments.Query(from, to, null, null, null, null, 200, cursor, "startsAt"), ct));
                all.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null && all.Count < 2000);

            _appointments = [.. all.Where(a => a.Status != AppointmentStatuses.Cancelled)];
        });
        _appointments ??= [];
        Arrange();
    }

    /// <summary>The columns, the hours shown (07–22, widened to fit every appointment) and the line of the current time.</summary>
    private void Arrange()
    {
        if (_view == "day")
        {
            Columns = _by == "staff"
                ? [.. _staff.Select(s => new Column($"staff:{s.Id}", s.Name, _date, s.Id, null, s.Color))]
                : [.. _resources.Select(r => new Column($"resource:{r.Id}", r.Name, _date, null, r.Id, null))];
        }
        else
        {
            var staffId = _focus.StartsWith("staff:", StringComparison.Ordinal) ? Guid.Parse(_focus[6..]) : (Guid?)null;
            var resourceId = _focus.StartsWith("resource:", StringComparison.Ordinal) ? Guid.Parse(_focus[9..]) : (Guid?)null;
            Columns = [.. Enumerable.Range(0, 7).Select(i => WeekStart.PlusDays(i)).Select(d =>
                new Column($"day:{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", d.ToString("ddd d MMM", CultureInfo.CurrentCulture), d, staffId, resourceId, null))];
        }

        var (start, end) = (7 * 60, 22 * 60);
        foreach (var a in _appointments ?? [])
        {
            var s = Local(a.StartsAt);
            var e = Local(a.EndsAt);
            start = Math.Min(start, s.Hour * 60);
            end = e.Date > s.Date ? 24 * 60 : Math.Max(end, (e.Hour * 60) + e.Minute);
        }

        (_startMinute, _endMinute) = (start, Math.Min(24 * 60, ((end + 59) / 60) * 60));
        var now = SystemClock.Instance.GetCurrentInstant().InZone(_zone);
        _now = (now.Date, (now.Hour * 60) + now.Minute);
    }

    private IEnumerable<AppointmentView> InColumn(Column column) => (_appointments ?? []).Where(a =>
        Local(a.StartsAt).Date == column.Date
        && (column.StaffId is not { } staff || a.StaffId == staff)
        && (column.ResourceId is not { } resource || a.ResourceId == resource || a.Services.Any(l => l.ResourceId == resource))
        && (_view == "week" || column.StaffId is not null || column.ResourceId is not null));

    /// <summary>
    /// A column's appointments with their places: appointments that overlap on screen (a week of everyone, a resource with
    /// several units) share the column's width side by side, as in Google Calendar. Each group of overlapping
    /// appointments gets as many lanes as it needs at most at once, and each appointment the first lane free at its start.
    /// </summary>
    private List<(AppointmentView A, int Top, int Height, int Lane, int Lanes)> Laid(Column column)
    {
        var placed = InColumn(column).Select(a => (A: a, Place: Place(a))).OrderBy(p => p.Place.Top).ThenByDescending(p => p.Place.Height).ToList();
        var laid = new List<(AppointmentView A, int Top, int Height, int Lane, int Lanes)>(placed.Count);
        var group = new List<(AppointmentView A, int Top, int Height, int Lane)>();
        var laneEnds = new List<int>();
        var groupEnd = int.MinValue;

        void Close()
        {
            laid.AddRange(group.Select(g => (g.A, g.Top, g.Height, g.Lane, laneEnds.Count)));
            group.Clear();
            laneEnds.Clear();
        }

        foreach (var (a, (top, height)) in placed)
        {
            var alone = top >= groupEnd;
            if (alone)
            {
                Close();
            }

            var lane = laneEnds.FindIndex(end => end <= top);
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(0);
            }

            laneEnds[lane] = top + height;
            groupEnd = alone ? top + height : Math.Max(groupEnd, top + height);
            group.Add((a, top, height, lane));
        }

        Close();
        return laid;
    }

    /// <summary>The horizontal place of a lane of <paramref name="lanes"/> in a column (3 px margins, 2 px between lanes).</summary>
    private static string Across(int lane, int lanes) => lanes <= 1
        ? "left:3px;width:calc(100% - 6px);"
        : string.Create(CultureInfo.InvariantCulture, $"left:calc(3px + (100% - 6px) * {lane} / {lanes});width:calc((100% - 6px) / {lanes} - 2px);");

    private (int Top, int Height) Place(AppointmentView a)
    {
        var start = Local(a.StartsAt);
        var top = (start.Hour * 60) + start.Minute - _startMinute;
        var minutes = (int)(a.EndsAt - a.StartsAt).TotalMinutes;
        return (top, Math.Max(Step, Math.Min(minutes, Height - top)));
    }

    private LocalDateTime Local(DateTimeOffset moment) => Instant.FromDateTimeOffset(moment).InZone(_zone).LocalDateTime;

    private string ColourOf(AppointmentView a)
    {
        if (_colour == "staff" && _staff.FirstOrDefault(s => s.Id == a.StaffId)?.Color is { } color)
        {
            return color;
        }

        var seed = _colour == "staff" ? a.StaffId : (a.Services.Count > 0 ? a.Services[0].ServiceId : a.Id);
        return Palette[(int)((uint)seed.GetHashCode() % Palette.Length)];
    }

    private string Describe(AppointmentView a) =>
        $"{Local(a.StartsAt).ToString("HH:mm", null)}–{Local(a.EndsAt).ToString("HH:mm", null)}, {a.Client.Name ?? T["No client"]}, {string.Join(", ", a.Services.Select(s => s.Name))}, {StaffName(a.StaffId)}, {T[StatusName(a.Status)]}";

    private string StaffName(Guid id) => _staff.FirstOrDefault(s => s.Id == id)?.Name ?? "—";

    private string ResourceName(Guid id) => _resources.FirstOrDefault(r => r.Id == id)?.Name ?? "—";

    private static string StatusName(string status) => status switch
    {
        AppointmentStatuses.Booked => "Booked",
        AppointmentStatuses.Confirmed => "Confirmed",
        AppointmentStatuses.Completed => "Completed",
        AppointmentStatuses.Cancelled => "Cancelled",
        AppointmentStatuses.NoShow => "No-show",
        _ => status,
    };

    private static Color StatusColour(string status) => status switch
    {
        AppointmentStatuses.Confirmed => Color.Primary,
        AppointmentStatuses.Completed => Color.Success,
        AppointmentStatuses.Cancelled => Color.Error,
        AppointmentStatuses.NoShow => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The page's script, imported once however many renders ask for it while it loads.</summary>
    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await (_moduleLoad ??= JS.InvokeAsync<IJSObjectReference>("import", "./_content/Portico.Scheduling/scheduling.js").AsTask());

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusDrawer && _drawerOpen)
        {
            // Opened from the keyboard: focus goes into the drawer, where its actions and the move form are. The
            // script may still be loading on a busy machine (the grid shows before it); waiting on it here keeps the
            // focus from being skipped.
            _focusDrawer = false;
            await (await ModuleAsync()).InvokeVoidAsync("focus", "[data-test=drawer-heading]");
        }

        if (_appointments is null || _attached)
        {
            return;
        }

        // Set before the first await: a render while the script loads must not attach the gestures a second time
        // (every drag and key would then run twice).
        _attached = true;

        var module = await ModuleAsync();
        _self ??= DotNetObjectReference.Create(this);
        _gestures = await module.InvokeAsync<IJSObjectReference>("attach", _grid, _self);
        if (!_scrolled)
        {
            _scrolled = true;
            await module.InvokeVoidAsync("scrollTo", _scroll, Math.Max(0, (9 * 60) - _startMinute - 30));
        }
    }

    private void Go(string? view = null, LocalDate? date = null, string? by = null)
    {
        var query = new Dictionary<string, object?>
        {
            ["view"] = view ?? _view,
            ["date"] = (date ?? _date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["by"] = by ?? _by,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
    }

    private Task ShiftAsync(int direction)
    {
        Go(date: _date.PlusDays(direction * (_view == "day" ? 1 : 7)));
        return Task.CompletedTask;
    }

    private Task TodayAsync()
    {
        Go(date: SystemClock.Instance.GetCurrentInstant().InZone(_zone).Date);
        return Task.CompletedTask;
    }

    private Task ViewChangedAsync(string view)
    {
        Go(view: view);
        return Task.CompletedTask;
    }

    private Task ByChangedAsync(string by)
    {
        _focus = "";
        Go(by: by);
        return Task.CompletedTask;
    }

    private Task FocusChangedAsync(string focus)
    {
        _focus = focus;
        Arrange();
        return Task.CompletedTask;
    }

    private async Task KeyAsync(KeyboardEventArgs e, Guid id)
    {
        if (e.Key is "Enter" or " " && !e.AltKey)
        {
            await OpenAsync(id);
            _focusDrawer = _drawerOpen;
        }
    }

    /// <summary>
    /// Alt+arrows on a focused appointment (from the page's script, which keeps the browser from going back a page): up
    /// and down move it by the grid's step, left and right by a day. The keyboard's drag and drop, through the same use case.
    /// </summary>
    [JSInvokable]
    public async Task<bool> Nudge(string id, int minutes, int days)
    {
        var a = _appointments?.FirstOrDefault(x => x.Id.ToString() == id);
        if (a is null || !CanBook || !AppointmentStatuses.IsOpen(a.Status) || (minutes == 0 && days == 0))
        {
            return false;
        }

        var start = Local(a.StartsAt);
        var startsAt = At(start.Date.PlusDays(days), (start.Hour * 60) + start.Minute + (Math.Sign(minutes) * Step));
        return await RescheduleAsync(a, startsAt, null, null, true);
    }

    /// <summary>The drawer's move form: a new date, time and staff member, for those who do not drag.</summary>
    private async Task MoveSelectedAsync()
    {
        if (_selected is not { } a)
        {
            return;
        }

        if (!DateTime.TryParseExact(_moveDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParse(_moveTime, CultureInfo.InvariantCulture, out var time))
        {
            Toasts.Add(T["Give a date and a time."], Severity.Warning);
            return;
        }

        var startsAt = At(LocalDate.FromDateTime(day), (time.Hour * 60) + time.Minute);
        var staffId = _moveStaff != Guid.Empty && _moveStaff != a.StaffId ? _moveStaff : (Guid?)null;
        if (await RescheduleAsync(a, startsAt, staffId, null, true))
        {
            await OpenAsync(a.Id);
        }
    }

    /// <summary>A click on an appointment (from the gestures).</summary>
    [JSInvokable]
    public async Task Open(string id)
    {
        if (Guid.TryParse(id, out var guid))
        {
            await OpenAsync(guid);
            StateHasChanged();
        }
    }

    /// <summary>An appointment dropped on a column at a minute of the day; false (and a toast saying why) when the move was refused.</summary>
    [JSInvokable]
    public async Task<bool> Move(string id, string column, int minute)
    {
        var a = _appointments?.FirstOrDefault(x => x.Id.ToString() == id);
        var target = Columns.Find(c => c.Key == column);
        if (a is null || target is null)
        {
            return false;
        }

        var startsAt = At(target.Date, Snap(minute));
        var staffId = _view == "day" && target.StaffId is { } s && s != a.StaffId ? s : (Guid?)null;
        var resourceId = _view == "day" && target.ResourceId is { } r && r != a.ResourceId ? r : (Guid?)null;
        return await RescheduleAsync(a, startsAt, staffId, resourceId, false);
    }

    /// <summary>Moves an appointment (drag, keys or the drawer's form) through the reschedule use case, and redraws what it answered.</summary>
    private async Task<bool> RescheduleAsync(AppointmentView a, DateTimeOffset startsAt, Guid? staffId, Guid? resourceId, bool tell)
    {
        if (startsAt == a.StartsAt && staffId is null && resourceId is null)
        {
            return true;
        }

        // The same staff member keeps the length the appointment has (it may have been resized); another one's own durations apply.
        var minutes = staffId is null ? (int)(a.EndsAt - a.StartsAt).TotalMinutes : (int?)null;
        var moved = await TryAsync(() => Caller.RunAsync<RescheduleAppointment.Handler, AppointmentView>(Slug, (h, ct) =>
            h.HandleAsync(a.Id, new RescheduleAppointment.Request(startsAt, staffId, resourceId, minutes), ct)));
        if (moved && tell)
        {
            Toasts.Add(T.Format("Appointment moved to {0}.", Local(startsAt).ToString("d MMM, HH:mm", CultureInfo.CurrentCulture)), Severity.Success);
        }

        await LoadAsync();
        StateHasChanged();
        return moved;
    }

    /// <summary>An appointment's lower edge dragged to a new length in minutes.</summary>
    [JSInvokable]
    public async Task<bool> Resize(string id, int minutes)
    {
        var a = _appointments?.FirstOrDefault(x => x.Id.ToString() == id);
        if (a is null)
        {
            return false;
        }

        var length = Math.Max(Step, Snap(minutes));
        if (length == (int)(a.EndsAt - a.StartsAt).TotalMinutes)
        {
            return true;
        }

        var resized = await TryAsync(() => Caller.RunAsync<RescheduleAppointment.Handler, AppointmentView>(Slug, (h, ct) =>
            h.HandleAsync(a.Id, new RescheduleAppointment.Request(null, null, null, length), ct)));
        await LoadAsync();
        StateHasChanged();
        return resized;
    }

    /// <summary>Free time clicked or dragged over: the booking dialog, filled with the column and the time.</summary>
    [JSInvokable]
    public void Create(string column, int minute, int minutes)
    {
        if (CanBook && Columns.Find(c => c.Key == column) is { } target)
        {
            OpenCreate(target, Snap(minute), minutes > 0 ? Snap(minutes) : null);
            StateHasChanged();
        }
    }

    private static int Snap(int minutes) => (int)Math.Round(minutes / (double)Step) * Step;

    private DateTimeOffset At(LocalDate date, int minute) =>
        date.AtMidnight().PlusMinutes(minute).InZoneLeniently(_zone).ToDateTimeOffset();

    private void OpenCreate(Column? column, int? minute, int? minutes = null)
    {
        var staff = column?.StaffId ?? (_focus.StartsWith("staff:", StringComparison.Ordinal) ? Guid.Parse(_focus[6..]) : _staff.FirstOrDefault()?.Id ?? Guid.Empty);
        var time = minute ?? 10 * 60;
        _new = new NewAppointment
        {
            ServiceId = _services.FirstOrDefault()?.Id ?? Guid.Empty, StaffId = staff,
            Date = (column?.Date ?? _date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Time = $"{time / 60:00}:{time % 60:00}",
            Minutes = minutes, ResourceId = column?.ResourceId,
        };
        _creating = true;
    }

    private async Task CreateAsync()
    {
        var form = _new;
        DateTimeOffset? startsAt = null;
        if (form.Date is { } d && form.Time is { } t && LocalDate.FromDateTime(DateTime.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)) is var date
            && TimeOnly.TryParse(t, CultureInfo.InvariantCulture, out var time))
        {
            startsAt = At(date, (time.Hour * 60) + time.Minute);
        }

        var client = string.IsNullOrWhiteSpace(form.Name) && string.IsNullOrWhiteSpace(form.Phone) && string.IsNullOrWhiteSpace(form.Email)
            ? null
            : new ClientInput(form.Name, form.Email, form.Phone);
        var request = new BookAppointment.Request(
            form.ServiceId == Guid.Empty ? null : [form.ServiceId], form.StaffId == Guid.Empty ? null : form.StaffId, startsAt, form.ResourceId, null, null, client,
            form.Notes, AppointmentSources.Console, null, null);
        AppointmentView? booked = null;
        if (await TryAsync(async () => booked = await Caller.RunAsync<BookAppointment.Handler, AppointmentView>(Slug, (h, ct) => h.HandleAsync(request, ct))))
        {
            _creating = false;
            Toasts.Add(T["Appointment booked."], Severity.Success);
            if (form.Minutes is { } minutes && booked is { } made && minutes != (int)(made.EndsAt - made.StartsAt).TotalMinutes)
            {
                await TryAsync(() => Caller.RunAsync<RescheduleAppointment.Handler, AppointmentView>(Slug, (h, ct) =>
                    h.HandleAsync(made.Id, new RescheduleAppointment.Request(null, null, null, minutes), ct)));
            }

            await LoadAsync();
        }
    }

    private async Task OpenAsync(Guid id)
    {
        if (await TryAsync(async () => _selected = await Caller.RunAsync<GetAppointment.Handler, AppointmentView>(Slug, (h, ct) => h.HandleAsync(id, ct))))
        {
            _notes = _selected!.Notes;
            _cancelReason = null;
            var start = Local(_selected.StartsAt);
            _moveDate = start.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            _moveTime = start.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
            _moveStaff = _selected.StaffId;
            _drawerOpen = true;
        }
    }

    private async Task StatusAsync(string status)
    {
        if (_selected is not { } a)
        {
            return;
        }

        if (await TryAsync(async () => _selected = await Caller.RunAsync<ChangeAppointmentStatus.Handler, AppointmentView>(Slug, (h, ct) => h.ChangeAsync(a.Id, status, null, ct))))
        {
            await OpenAsync(a.Id);
            await LoadAsync();
        }
    }

    private async Task CancelAsync()
    {
        if (_selected is not { } a)
        {
            return;
        }

        var reason = _cancelReason;
        if (await TryAsync(async () => _selected = await Caller.RunAsync<ChangeAppointmentStatus.Handler, AppointmentView>(Slug, (h, ct) =>
                h.CancelAsync(a.Id, new ChangeAppointmentStatus.CancelRequest(reason, null, null), ct))))
        {
            Toasts.Add(T["Appointment cancelled."], Severity.Info);
            await OpenAsync(a.Id);
            await LoadAsync();
        }
    }

    private async Task SaveNotesAsync()
    {
        if (_selected is not { } a)
        {
            return;
        }

        var body = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, string?> { ["notes"] = _notes });
        if (await TryAsync(async () => _selected = await Caller.RunAsync<UpdateAppointment.Handler, AppointmentView>(Slug, (h, ct) => h.HandleAsync(a.Id, body, ct))))
        {
            Toasts.Add(T["Notes saved."], Severity.Success);
        }
    }

    private async Task OnLiveAsync(LiveEvent live)
    {
        if (!live.Name.StartsWith("appointment-", StringComparison.Ordinal))
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    public async ValueTask DisposeAsync()
    {
        _listening?.Dispose();
        try
        {
            if (_gestures is not null)
            {
                await _gestures.InvokeVoidAsync("dispose");
                await _gestures.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page's script with it.
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
