using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using NodaTime;
using Portico.Catalog.Contracts;
using Portico.Kernel.Errors;
using Portico.Scheduling.Appointments;
using Portico.Scheduling.Booking;
using Portico.Scheduling.SlotSearch;
using Portico.Tenancy.Contracts;

namespace Portico.Scheduling.Pages;

/// <summary>
/// The studio's booking page for its clients, anonymous, in the studio's colour and language (or <c>?lang=en|ru</c>):
/// a service, a staff member or anyone, a day, a free slot, the client's details with consent, and the confirmation.
/// It runs the public use cases the booking API runs (<see cref="PublicSlots"/>, <see cref="BookPublicAppointment"/>);
/// a slot taken a moment earlier says so and the free times are read again.
/// </summary>
public partial class BookingPage
{
    [Parameter] public string Slug { get; set; } = "";

    [SupplyParameterFromQuery(Name = "lang")] public string? LangQuery { get; set; }

    private TenantProfile? _profile;
    private bool _missing;
    private string _lang = "en";
    private DateTimeZone _zone = DateTimeZone.Utc;
    private List<BookableService> _services = [];
    private List<StaffChoice> _staff = [];
    private BookableService? _service;
    private Guid? _staffId;
    private SlotPicker? _picker;
    private PickedSlot? _slot;
    private bool _taken;
    private string? _name;
    private string? _phone;
    private string? _email;
    private string? _notes;
    private bool _consent;
    private bool _busy;
    private string? _problem;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private PublicBookingResult? _result;
    private IPAddress? _address;
    private IJSObjectReference? _module;
    private string? _loadedFor;

    private CultureInfo Culture => BookingTexts.CultureOf(_lang);

    private string L(string english) => BookingTexts.Public(_lang, english);

    private string Lf(string english, params object?[] values) => string.Format(Culture, L(english), values);

    private string Name(BookableService service) => BookingPageData.NameOf(service, _lang);

    private static string Money(long minor, string currency) => $"{AppointmentView.Money(minor, currency).Amount} {currency}";

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    protected override void OnInitialized() => _address = HttpAccessor.HttpContext?.Connection.RemoteIpAddress;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Slug}|{LangQuery}";
        if (key == _loadedFor)
        {
            return;
        }

        _loadedFor = key;
        try
        {
            (_profile, _services) = await Caller.InScopeAsync<(TenantProfile, List<BookableService>)>(null, async (services, _, ct) =>
            {
                var profile = await services.GetRequiredService<PublicStudio>().EnterAsync(Slug, ct);
                return (profile, [.. await services.GetRequiredService<BookingPageData>().ServicesAsync(true, ct)]);
            });
            _lang = BookingTexts.LanguageOf(LangQuery, null, _profile.Locale);
            _zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(_profile.TimeZone) ?? DateTimeZone.Utc;
        }
        catch (NotFoundException)
        {
            _missing = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./_content/Portico.Scheduling/scheduling.js");
                if (await _module.InvokeAsync<string?>("timeZone") is { } zone && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is { } client)
                {
                    // Slots and the confirmation in the client's own zone (the slot picker reads them again).
                    _zone = client;
                    StateHasChanged();
                }
            }
            catch (JSException)
            {
                // Without the script the studio's zone is used.
            }
        }
    }

    private async Task ChooseServiceAsync(BookableService service)
    {
        _service = service;
        _staffId = null;
        _slot = null;
        _taken = false;
        _staff = await Caller.InScopeAsync<List<StaffChoice>>(null, async (services, _, ct) =>
        {
            await services.GetRequiredService<PublicStudio>().EnterAsync(Slug, ct);
            return [.. await services.GetRequiredService<BookingPageData>().StaffAsync(service, true, ct)];
        });
    }

    private void ChooseStaff(Guid? staffId)
    {
        _staffId = staffId;
        _slot = null;
        _taken = false;
    }

    /// <summary>A slot picked, or none when the client turns to another day.</summary>
    private void ChooseSlot(PickedSlot? slot)
    {
        _slot = slot;
        _problem = null;
        if (slot is null)
        {
            _taken = false;
        }
    }

    private async Task ConfirmAsync()
    {
        if (_service is not { } service || _slot is not { } slot || _busy)
        {
            return;
        }

        _busy = true;
        _problem = null;
        _errors = new Dictionary<string, string[]>();
        try
        {
            var request = new BookPublicAppointment.Request(
                [service.Id], _staffId ?? slot.StaffId, slot.Start, _name, _phone, _email, _consent, _zone.Id, _notes, _lang);
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = _address;
            _result = await Caller.RunAsync<BookPublicAppointment.Handler, PublicBookingResult>(null, (h, ct) => h.HandleAsync(Slug, request, http, ct));
        }
        catch (ConflictException)
        {
            // Someone else took the slot between showing it and confirming: say so, and show what is free now.
            _taken = true;
            _slot = null;
            if (_picker is not null)
            {
                await _picker.ReloadAsync();
            }
        }
        catch (ValidationException invalid)
        {
            _errors = invalid.Errors.ToDictionary(e => Field(e.Key), e => e.Value.Select(Translate).ToArray(), StringComparer.Ordinal);
            if (_errors.Keys.Any(k => k is not ("name" or "phone" or "email" or "consent")))
            {
                _problem = string.Join(" ", _errors.Where(e => e.Key is not ("name" or "phone" or "email" or "consent")).SelectMany(e => e.Value));
            }
        }
        catch (TooManyRequestsException)
        {
            _problem = L("Too many attempts. Wait a minute and try again.");
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

    private static string Field(string key) => key.StartsWith("client.", StringComparison.Ordinal) ? key[7..] : key;

    private string Translate(string message) => _lang != "ru" ? message
        : message.Contains("required", StringComparison.OrdinalIgnoreCase) && message.Contains("tick", StringComparison.OrdinalIgnoreCase) ? L("Tick the box to agree.")
        : message.Contains("phone number or an email", StringComparison.OrdinalIgnoreCase) ? L("Give a phone number or an email address.")
        : L("Check this field.");

    private void StartOver()
    {
        _result = null;
        _service = null;
        _slot = null;
        _taken = false;
    }

    private DateTime InClientZone(DateTimeOffset moment) => Instant.FromDateTimeOffset(moment).InZone(_zone).ToDateTimeUnspecified();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone already.
        }

        GC.SuppressFinalize(this);
    }
}
