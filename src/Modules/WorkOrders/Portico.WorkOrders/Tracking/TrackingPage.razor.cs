using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// The client's tracking page behind the signed link (<c>/w/{token}</c>), anonymous and phone-first, in the workshop's
/// colour and language (or <c>?lang=en|ru</c>): the car and status, the stage chain as a progress bar with the current
/// stage, the photos and messages the workshop shared, and the estimate with approve/decline per line and a confirm
/// button while it waits for the client. It runs the use cases the public API runs (<see cref="GetTracking"/>,
/// <see cref="DecideEstimate"/>), and follows the workshop's live events (<see cref="LiveLinkPage"/>): any <c>work-order-*</c>
/// event of this order reloads the page's data, so progress moves without a reload. A tampered or unknown link is a friendly "not found".
/// </summary>
public partial class TrackingPage
{
    private TrackingView? _view;
    private bool _missing;
    private string? _brand;
    private string _lang = "en";
    private Guid? _tenantId;
    private IPAddress? _address;
    private string? _userAgent;
    private readonly Dictionary<Guid, string> _decisions = [];
    private bool _busy;
    private string? _problem;
    private string? _done;

    private CultureInfo Culture => TrackingTexts.CultureOf(_lang);

    private string L(string english) => TrackingTexts.Of(_lang, english);

    private string Lf(string english, params object?[] values) => string.Format(Culture, L(english), values);

    private List<TrackingEntry> Photos => _view?.Timeline.Where(e => e.File is { Photo: true }).OrderBy(e => e.At).ToList() ?? [];

    private List<TrackingEntry> Messages => _view?.Timeline.Where(e => e.File is not { Photo: true }).ToList() ?? [];

    private bool AllDecided => _view is { } view && view.Estimate.Lines.All(l => _decisions.ContainsKey(l.LineId));

    /// <summary>A link of the site's own as a path, so it stays on the address the client came in by.</summary>
    internal static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;

    private string Pressed(Guid lineId, string decision) => _decisions.TryGetValue(lineId, out var chosen) && chosen == decision ? "true" : "false";

    protected override void OnInitialized()
    {
        // Read while the first request is at hand: the address (after the forwarded-headers rules) and the browser.
        var http = HttpAccessor.HttpContext;
        _address = http?.Connection.RemoteIpAddress;
        _userAgent = http?.Request.Headers.UserAgent.ToString();
    }

    protected override Guid? LiveTenant => _view is null ? null : _tenantId;

    protected override void OnLinkChanged() => _lang = TrackingTexts.LanguageOf(LangQuery, null);

    protected override bool Concerns(JsonElement data) =>
        data.TryGetProperty("orderId", out var id) && id.TryGetGuid(out var orderId) && orderId == _view?.OrderId;

    protected override async Task LoadAsync()
    {
        try
        {
            var (view, brand, tenantId) = await Caller.InScopeAsync<(TrackingView, string?, Guid)>(null, async (services, _, ct) =>
            {
                var ids = services.GetRequiredService<TrackingLinks>().Read(Token) ?? throw new NotFoundException("WorkOrder", "link");
                var workshop = services.GetRequiredService<PublicWorkshop>();
                var (order, profile) = await workshop.EnterAsync(Token, ct);
                var found = await services.GetRequiredService<GetTracking.Handler>().ViewAsync(order, profile, ct, TrackingTexts.LanguageOf(LangQuery, PublicWorkshop.LanguageOf(profile.Locale)));
                return (found, profile.BrandColor, ids.TenantId);
            });
            (_view, _brand, _tenantId, _missing) = (view, brand, tenantId, false);
            _lang = TrackingTexts.LanguageOf(LangQuery, view.Language);
            foreach (var line in view.Estimate.Lines.Where(l => l.Approval != Approvals.Pending))
            {
                _decisions.TryAdd(line.LineId, line.Approval);
            }
        }
        catch (NotFoundException)
        {
            _missing = true;
            _view = null;
        }
    }

    private void Approve(Guid lineId) => Decide(lineId, Approvals.Approved);

    private void Decline(Guid lineId) => Decide(lineId, Approvals.Declined);

    private void Decide(Guid lineId, string decision)
    {
        _decisions[lineId] = decision;
        _problem = null;
    }

    private async Task ConfirmAsync()
    {
        if (_busy || _view is not { } view || !AllDecided)
        {
            return;
        }

        _busy = true;
        _problem = null;
        _done = null;
        try
        {
            var request = new DecideEstimate.Request([.. view.Estimate.Lines.Select(l => (DecideEstimate.LineDecision?)new DecideEstimate.LineDecision(l.LineId, _decisions[l.LineId]))]);
            var client = new DecideEstimate.ClientInfo(_address, _userAgent);
            await Caller.RunAsync<DecideEstimate.Handler, TrackingView>(null, (h, ct) => h.HandleAsync(Token, request, client, ct));
            _done = L("Thank you: the workshop has your decision.");
            await LoadAsync();
        }
        catch (ConflictException)
        {
            _problem = L("The estimate is no longer open for a decision.");
            await LoadAsync();
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
}
