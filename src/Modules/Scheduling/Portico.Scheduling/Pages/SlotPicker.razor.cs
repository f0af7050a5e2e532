using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using NodaTime;
using Portico.Console.Shell;
using Portico.Kernel.Errors;
using Portico.Scheduling.SlotSearch;

namespace Portico.Scheduling.Pages;

/// <summary>A free slot a client picked on a public page, and the staff member the slot search offered it with.</summary>
public sealed record PickedSlot(DateTimeOffset Start, Guid StaffId);

/// <summary>
/// Picks a day and a free slot for services in sequence (one staff member or anyone) over the next three weeks, in the
/// given time zone, from the public slot search (<see cref="PublicSlots"/>), as the booking page's and the manage page's
/// steps. It reads the slots again whenever the services, staff or zone change, and on <see cref="ReloadAsync"/> (after
/// a slot was taken by someone else).
/// </summary>
public partial class SlotPicker
{
    private const int Days = 21;

    [Inject] private ConsoleCaller Caller { get; set; } = default!;

    [Parameter, EditorRequired] public string Slug { get; set; } = "";

    /// <summary>The services in sequence, comma-separated ids, as the slot search takes them.</summary>
    [Parameter, EditorRequired] public string ServiceIds { get; set; } = "";

    /// <summary>One staff member, or null for anyone available.</summary>
    [Parameter] public Guid? StaffId { get; set; }

    [Parameter] public DateTimeZone Zone { get; set; } = DateTimeZone.Utc;

    [Parameter] public string Lang { get; set; } = "en";

    [Parameter] public IPAddress? Address { get; set; }

    /// <summary>The manage token of the appointment being moved: times overlapping its own are offered too.</summary>
    [Parameter] public string? Rescheduling { get; set; }

    /// <summary>The moved appointment's current start, not offered (moving there changes nothing).</summary>
    [Parameter] public DateTimeOffset? Current { get; set; }

    [Parameter] public string DayHeading { get; set; } = "";

    [Parameter] public string TimeHeading { get; set; } = "";

    /// <summary>Prefix of the headings' ids (unique on the page).</summary>
    [Parameter] public string IdPrefix { get; set; } = "bk";

    /// <summary>Says the slot the client picked was just taken.</summary>
    [Parameter] public bool Taken { get; set; }

    [Parameter] public PickedSlot? Selected { get; set; }

    /// <summary>A slot picked, or null when the day changes.</summary>
    [Parameter] public EventCallback<PickedSlot?> SelectedChanged { get; set; }

    private SlotsView? _slots;
    private string? _day;
    private string? _problem;
    private string? _loadedFor;

    private string L(string english) => BookingTexts.Public(Lang, english);

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Slug}|{ServiceIds}|{StaffId}|{Zone.Id}";
        if (key != _loadedFor)
        {
            _loadedFor = key;
            await ReloadAsync();
        }
    }

    /// <summary>Reads the free slots again, keeping the chosen day while it still has free time.</summary>
    public async Task ReloadAsync()
    {
        _slots = null;
        _problem = null;
        var today = SystemClock.Instance.GetCurrentInstant().InZone(Zone).Date;
        var from = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.PlusDays(Days - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            var found = await Caller.RunAsync<PublicSlots.Handler, SlotsView>(null, (h, ct) => h.HandleAsync(Slug, ServiceIds, StaffId, from, to, Zone.Id, Address, ct, Rescheduling));
            _slots = Current is { } current
                ? found with { Days = found.Days.Select(d => d with { Slots = d.Slots.Where(s => s.Start != current).ToList() }).ToList() }
                : found;
        }
        catch (PorticoProblemException problem)
        {
            _slots = new SlotsView(Zone.Id, []);
            _problem = problem is TooManyRequestsException ? L("Too many attempts. Wait a minute and try again.") : L("These services cannot be booked online now. Please contact the studio.");
        }

        if (_day is null || _slots.Days.All(d => d.Date != _day || d.Slots.Count == 0))
        {
            _day = _slots.Days.FirstOrDefault(d => d.Slots.Count > 0)?.Date;
        }

        StateHasChanged();
    }

    private async Task ChooseDayAsync(string day)
    {
        _day = day;
        await SelectedChanged.InvokeAsync(null);
    }

    private Task ChooseSlotAsync(SlotView slot) => SelectedChanged.InvokeAsync(new PickedSlot(slot.Start, slot.StaffId));

    private DateTime InZone(DateTimeOffset moment) => Instant.FromDateTimeOffset(moment).InZone(Zone).ToDateTimeUnspecified();

    private string DayLabel(string date) =>
        DateTime.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("ddd d MMM", BookingTexts.CultureOf(Lang));
}
