using System.Text.Json;
using Portico.Crm.Contracts;

namespace Portico.Catalog.Services;

/// <summary>A text in the tenant's languages; either may be missing.</summary>
internal sealed record CatalogText(string? En, string? Ru)
{
    public static CatalogText? Of(string? en, string? ru) => en is null && ru is null ? null : new(en, ru);

    /// <summary>The text in <paramref name="language"/>, else the other one.</summary>
    public string? In(string language) => language == "ru" ? Ru ?? En : En ?? Ru;
}

/// <summary>A price: <c>fixed</c>, <c>from</c> (amount is the lower bound) or <c>range</c> (amount to max).</summary>
internal sealed record ServicePrice(string Kind, MoneyAmount Amount, MoneyAmount? Max);

/// <summary>A deposit: a fixed amount or a percentage of the price, with the amount it comes to.</summary>
internal sealed record ServiceDeposit(MoneyAmount Amount, int? Percent);

/// <summary>A staff member who performs a service, with their own price and duration where they differ.</summary>
internal sealed record ServiceStaffView(Guid StaffId, MoneyAmount? Price, int? DurationMinutes);

/// <summary>A portfolio picture: a file of the tenant's Files, in order, with a caption.</summary>
internal sealed record PortfolioImageView(Guid FileId, int Position, string? Caption);

/// <summary>A service as the API shows it.</summary>
internal sealed record ServiceView(
    Guid Id, Guid? CategoryId, CatalogText Name, CatalogText? Description, ServicePrice Price, int DurationMinutes,
    int BufferBeforeMinutes, int BufferAfterMinutes, ServiceDeposit? Deposit, bool OnlineBookable, string? ResourceKind,
    IReadOnlyList<string> Tags, int Position, IReadOnlyList<ServiceStaffView> Staff, IReadOnlyList<PortfolioImageView> Portfolio,
    bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset? BookedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ServiceView From(Service s, IEnumerable<ServiceStaffMember> staff, IEnumerable<PortfolioImage> portfolio) => new(
        s.Id, s.CategoryId, new CatalogText(s.NameEn, s.NameRu), CatalogText.Of(s.DescriptionEn, s.DescriptionRu), PriceOf(s),
        s.DurationMinutes, s.BufferBeforeMinutes, s.BufferAfterMinutes, DepositOf(s), s.OnlineBookable, s.ResourceKind,
        TagsOf(s), s.Position,
        [.. staff.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new ServiceStaffView(m.StaffId, MinorUnits.View(m.PriceMinor, s.Currency), m.DurationMinutes))],
        [.. portfolio.OrderBy(p => p.Position).Select(p => new PortfolioImageView(p.FileId, p.Position, p.Caption))],
        s.ArchivedAt is not null, s.ArchivedAt, s.BookedAt, s.CreatedAt, s.UpdatedAt, s.Version);

    public static ServicePrice PriceOf(Service s) =>
        new(s.PriceKind, MinorUnits.View(s.PriceMinor, s.Currency), MinorUnits.View(s.PriceMaxMinor, s.Currency));

    public static ServiceDeposit? DepositOf(Service s) => DepositMinorOf(s) is { } minor ? new(MinorUnits.View(minor, s.Currency), s.DepositPercent) : null;

    /// <summary>The deposit in minor units: the fixed amount, or the percentage of the (lower) price, rounded half up.</summary>
    public static long? DepositMinorOf(Service s) =>
        s.DepositMinor ?? (s.DepositPercent is { } percent ? (long)Math.Round(s.PriceMinor * percent / 100m, MidpointRounding.AwayFromZero) : null);

    public static IReadOnlyList<string> TagsOf(Service s) => JsonSerializer.Deserialize<string[]>(s.Tags) ?? [];
}
