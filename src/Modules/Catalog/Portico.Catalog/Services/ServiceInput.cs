namespace Portico.Catalog.Services;

/// <summary>
/// The writable fields of a service. On create, name, price and durationMinutes are required; on update it is a merge
/// patch (a missing field keeps its value; <c>resourceKind: ""</c> clears it, <c>categoryId</c> of all zeros takes
/// the service out of its category, <c>deposit: {}</c> removes the deposit; <c>staff</c>, <c>tags</c> and
/// <c>portfolio</c> replace the whole list).
/// </summary>
internal sealed record ServiceInput(
    CatalogText? Name, CatalogText? Description, Guid? CategoryId, ServicePriceInput? Price, int? DurationMinutes,
    int? BufferBeforeMinutes, int? BufferAfterMinutes, ServiceDepositInput? Deposit, bool? OnlineBookable, string? ResourceKind,
    IReadOnlyList<string>? Tags, int? Position, IReadOnlyList<ServiceStaffInput>? Staff, IReadOnlyList<PortfolioImageInput>? Portfolio);

/// <summary>A price in the tenant's currency: <c>kind</c> fixed, from or range; <c>amount</c> and, for a range, <c>max</c> as decimal strings.</summary>
internal sealed record ServicePriceInput(string? Kind, string? Amount, string? Max);

/// <summary>A deposit: <c>amount</c> (a decimal string) or <c>percent</c> (1–100), not both; neither removes it.</summary>
internal sealed record ServiceDepositInput(string? Amount, int? Percent);

/// <summary>A staff member (a Scheduling staff profile id) with an optional own price and duration.</summary>
internal sealed record ServiceStaffInput(Guid StaffId, string? Price, int? DurationMinutes);

/// <summary>A picture (a file uploaded to Files, an image) with an optional caption; the list's order is the portfolio's.</summary>
internal sealed record PortfolioImageInput(Guid FileId, string? Caption);
