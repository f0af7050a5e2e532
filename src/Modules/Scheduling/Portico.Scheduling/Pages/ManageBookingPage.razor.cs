using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Portico.Kernel.Errors;
using Portico.Scheduling.Appointments;
using Portico.Scheduling.Booking;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Pages;

/// <summary>
/// What the signed links in a booking confirmation open, anonymous, in the studio's colour and the client's language
/// (or <c>?lang=en|ru</c>): the appointment in the studio's time zone, cancelling it with a reason, moving it to another
/// free slot of the same services and staff member, and the <c>.ics</c> for the client's calendar;
/// <c>?action=cancel|reschedule</c> opens that step. It runs the use cases the manage API runs (<see cref="ManageBooking"/>),
/// so the studio's cancellation window and the slot guarantee are theirs; a refusal is shown as it comes. A tampered or
/// unknown link is a friendly "not found".
/// </summary>
public partial class ManageBookingPage
{
    [Parameter] public string Token { get; set; } = "";

    [SupplyParameterFromQuery(Name = "lang")] public string? LangQuery { get; set; }

    [SupplyParameterFromQuery(Name = "action")] public string? Action { get; set; }

    private PublicAppointmentView? _view;
    private bool _missing;
    private string? _studio;
    private string? _brand;
    private string? _slug;
    private string _lang = "en";
    private DateTimeZone _zone = DateTimeZone.Utc;
    private string? _step;
    private string? _reason;
    private SlotPicker? _picker;
    private PickedSlot? _slot;
    private bool _taken;
    private bool _busy;
    private string? _problem;
    private string? _done;
    private IPAddress? _address;
    private string? _loadedFor;

    private bool Open => _view is { } view && AppointmentStatuses.IsOpen(view.Status);

    private string ServiceIds => string.Join(',', _view?.Services.Select(s => s.ServiceId) ?? []);

    private CultureInfo Culture => BookingTexts.CultureOf(_lang);

    private string L(string english) => BookingTexts.Public(_lang, english);

    private string Lf(string english, params object?[] values) => string.Format(Culture, L(english), values);

    protected override void OnInitialized() => _address = HttpAccessor.HttpContext?.Connection.RemoteIpAddress;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Token}|{LangQuery}|{Action}";
        if (key == _loadedFor)
        {
            return;
        }

        _loadedFor = key;
        (_missing, _problem, _done) = (false, null, null);
        // Until the link proves genuine, the page knows only the language asked for.
        _lang = BookingTexts.LanguageOf(LangQuery, null, "en");
        try
        {
            var (view, profile) = await Caller.InScopeAsync<(PublicAppointmentView, TenantProfile)>(null, async (services, _, ct) =>
            {
                // The token names the tenant: the studio's profile (colour, zone, slug) and the appointment as the API shows it.
                var ids = services.GetRequiredService<BookingLinks>().Read(Token) ?? throw new NotFoundException("Booking", "link");
                var profile = await services.GetRequiredService<PublicStudio>().EnterAsync(ids.TenantId, ct);
                return (await services.GetRequiredService<ManageBooking.Handler>().GetAsync(Token, ct), profile);
            });
            (_view, _studio, _brand, _slug) = (view, profile.Name, profile.BrandColor, profile.Slug);
            _lang = BookingTexts.LanguageOf(LangQuery, view.Locale, profile.Locale);
            _zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(profile.TimeZone) ?? DateTimeZone.Utc;
            _step = Open && Action is "cancel" or "reschedule" ? Action : null;
        }
        catch (NotFoundException)
        {
            _missing = true;
        }
    }

    private void OpenCancel() => Start("cancel");

    private void OpenReschedule() => Start("reschedule");

    private void Start(string step)
    {
        _step = step;
        _problem = null;
        _done = null;
        _slot = null;
        _taken = false;
    }

    private void Back()
    {
        _step = null;
        _problem = null;
    }

    private void ChooseSlot(PickedSlot? slot)
    {
        _slot = slot;
        _problem = null;
        if (slot is null)
        {
            _taken = false;
        }
    }

    private Task CancelAsync() => ChangeAsync(async () =>
    {
        var request = new ManageBooking.CancelRequest(string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim());
        _view = await Caller.RunAsync<ManageBooking.Handler, PublicAppointmentView>(null, (h, ct) => h.CancelAsync(Token, request, ct));
        _done = L("Your appointment is cancelled.");
        return true;
    });

    private Task RescheduleAsync() => ChangeAsync(async () =>
    {
        if (_slot is not { } slot || _view is not { } view)
        {
            return false;
        }

        try
        {
            var request = new ManageBooking.RescheduleRequest(slot.Start, view.StaffId);
            _view = await Caller.RunAsync<ManageBooking.Handler, PublicAppointmentView>(null, (h, ct) => h.RescheduleAsync(Token, request, ct));
            _done = L("Your appointment has moved.");
            return true;
        }
        catch (ConflictException conflict) when (conflict.Code is not (ClientBookingPolicy.WindowCode or AppointmentChanges.StatusCode))
        {
            // Someone else took the time between showing it and moving: say so, and show what is free now.
            _taken = true;
            _slot = null;
            if (_picker is not null)
            {
                await _picker.ReloadAsync();
            }

            return false;
        }
    });

    /// <summary>
    /// Runs a change; when it is done (true) the page goes back to the appointment with its new state, else the step stays
    /// open. A refusal is shown in the client's language.
    /// </summary>
    private async Task ChangeAsync(Func<Task<bool>> change)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _problem = null;
        _done = null;
        try
        {
            if (await change())
            {
                _step = null;
                _slot = null;
                _taken = false;
            }
        }
        catch (ConflictException conflict) when (conflict.Code == ClientBookingPolicy.WindowCode)
        {
            _problem = L("It is too late to change this appointment online. Please call the studio.");
        }
        catch (ConflictException conflict) when (conflict.Code == AppointmentChanges.StatusCode)
        {
            _problem = L("This appointment can no longer be changed.");
            _step = null;
            await ReloadViewAsync();
        }
        catch (TooManyRequestsException)
        {
            _problem = L("Too many attempts. Wait a minute and try again.");
        }
        catch (NotFoundException)
        {
            _missing = true;
        }
        catch (PorticoProblemException problem)
        {
            _problem = _lang == "ru" ? L("Something went wrong. Please try again.") : problem.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadViewAsync() =>
        _view = await Caller.RunAsync<ManageBooking.Handler, PublicAppointmentView>(null, (h, ct) => h.GetAsync(Token, ct));

    private DateTime Local(DateTimeOffset moment) => Instant.FromDateTimeOffset(moment).InZone(_zone).ToDateTimeUnspecified();

    private string When(DateTimeOffset start, DateTimeOffset end) =>
        $"{Local(start).ToString("dddd d MMMM yyyy, HH:mm", Culture)}–{Local(end).ToString("HH:mm", CultureInfo.InvariantCulture)}";

    private string StatusText(string status) => L(status switch
    {
        AppointmentStatuses.Booked => "Booked",
        AppointmentStatuses.Confirmed => "Confirmed",
        AppointmentStatuses.Completed => "Completed",
        AppointmentStatuses.Cancelled => "Cancelled",
        _ => "No-show",
    });
}
