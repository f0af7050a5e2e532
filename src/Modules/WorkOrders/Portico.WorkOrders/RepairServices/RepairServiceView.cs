using Portico.Catalog.Contracts;
using Portico.Crm.Contracts;

namespace Portico.WorkOrders.RepairServices;

/// <summary>A text in the tenant's languages; either may be missing.</summary>
internal sealed record WorkshopText(string? En, string? Ru)
{
    public static WorkshopText From(IReadOnlyDictionary<string, string>? names) =>
        new(names?.GetValueOrDefault("en"), names?.GetValueOrDefault("ru"));

    /// <summary>The text in <paramref name="language"/>, else the other one.</summary>
    public string? In(string language) => language == "ru" ? Ru ?? En : En ?? Ru;
}

/// <summary>
/// How the labour is priced: <c>fixed</c> with <c>price</c>, or <c>hourly</c> with <c>hourlyRate</c> and
/// <c>standardHours</c>; <c>total</c> is what it comes to (net of VAT).
/// </summary>
internal sealed record LabourView(string Kind, MoneyAmount? Price, MoneyAmount? HourlyRate, decimal? StandardHours, MoneyAmount Total);

/// <summary>
/// A repair service as the API shows it: the Catalog service it extends (its names from the Catalog, and whether the
/// Catalog archived it), the labour, the VAT rate with the VAT and the gross labour price, and the current stage
/// template version (0 for none yet).
/// </summary>
internal sealed record RepairServiceView(
    Guid ServiceId, WorkshopText Name, bool CatalogArchived, LabourView Labour, decimal VatRate, MoneyAmount Vat, MoneyAmount LabourWithVat,
    int CurrentTemplateVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static RepairServiceView From(RepairService s, BookableService? catalog)
    {
        var labour = s.LabourMinor;
        var vat = VatOf(labour, s.VatRate);
        return new(
            s.ServiceId, WorkshopText.From(catalog?.Name), catalog?.Archived ?? true,
            new LabourView(
                s.LabourKind, MinorUnits.View(s.LabourPriceMinor, s.Currency), MinorUnits.View(s.HourlyRateMinor, s.Currency), s.StandardHours,
                MinorUnits.View(labour, s.Currency)),
            s.VatRate, MinorUnits.View(vat, s.Currency), MinorUnits.View(labour + vat, s.Currency),
            s.CurrentTemplateVersion, s.CreatedAt, s.UpdatedAt, s.Version);
    }

    /// <summary>VAT on a net amount, rounded half up to the minor unit.</summary>
    public static long VatOf(long netMinor, decimal rate) => (long)Math.Round(netMinor * rate / 100m, MidpointRounding.AwayFromZero);
}
