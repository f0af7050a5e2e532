using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.WorkOrders.Tracking;

namespace Portico.WorkOrders.Garage;

/// <summary>
/// The client's garage behind their signed link (<c>/g/{token}</c>), anonymous and phone-first like the tracking page, in
/// the workshop's colour and language (or <c>?lang=en|ru</c>): their cars as cards, each order in progress with a progress
/// bar, the current stage and a link to its tracking page, an estimate waiting for them highlighted, the history folded
/// away. It runs the use case the public API runs (<see cref="GetGarage"/>) and follows the workshop's live events as the
/// tracking page does (<see cref="LiveLinkPage"/>): a <c>work-order-*</c> event of one of the client's orders (or a new
/// order for them) reloads the data. A tampered or unknown link is a friendly "not found".
/// </summary>
public partial class GaragePage
{
    private GarageView? _view;
    private bool _missing;
    private string? _brand;
    private string _lang = "en";
    private Guid? _tenantId;
    private Guid _contactId;
    private IReadOnlySet<Guid> _orders = new HashSet<Guid>();

    private CultureInfo Culture => TrackingTexts.CultureOf(_lang);

    private string L(string english) => GarageTexts.Of(_lang, english);

    private string Lf(string english, params object?[] values) => string.Format(Culture, L(english), values);

    private string Label(GarageLabel label) => _lang == "ru" ? label.Ru : label.En;

    private static int Percent(GarageOpenOrder order) => order.StageCount == 0 ? 0 : (int)Math.Round(100.0 * order.StagesDone / order.StageCount);

    protected override Guid? LiveTenant => _view is null ? null : _tenantId;

    protected override void OnLinkChanged() => _lang = TrackingTexts.LanguageOf(LangQuery, null);

    /// <summary>One of the client's orders (drafts included: one may be sent to them), or a new order for them.</summary>
    protected override bool Concerns(JsonElement data) =>
        (data.TryGetProperty("orderId", out var id) && id.TryGetGuid(out var orderId) && _orders.Contains(orderId))
        || (data.TryGetProperty("contactId", out var contact) && contact.TryGetGuid(out var contactId) && contactId == _contactId);

    protected override async Task LoadAsync()
    {
        try
        {
            var loaded = await Caller.InScopeAsync<GetGarage.Loaded>(null, (services, _, ct) =>
                services.GetRequiredService<GetGarage.Handler>().LoadAsync(Token, LangQuery is "en" or "ru" ? LangQuery : null, ct));
            (_view, _brand, _tenantId, _contactId, _orders, _missing) = (loaded.View, loaded.BrandColor, loaded.TenantId, loaded.ContactId, loaded.Orders, false);
            _lang = TrackingTexts.LanguageOf(LangQuery, loaded.View.Language);
        }
        catch (NotFoundException)
        {
            _missing = true;
            _view = null;
        }
    }
}
