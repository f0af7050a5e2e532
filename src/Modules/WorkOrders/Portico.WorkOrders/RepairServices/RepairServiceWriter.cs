using Portico.Crm.Contracts;
using Portico.Catalog.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.WorkOrders.RepairServices;

/// <summary>
/// The labour of a repair service: <c>kind</c> fixed with <c>price</c>, or hourly with <c>hourlyRate</c> and
/// <c>standardHours</c> (a number with up to two decimals); amounts are decimal strings in the tenant's currency.
/// </summary>
internal sealed record LabourInput(string? Kind, string? Price, string? HourlyRate, decimal? StandardHours);

/// <summary>A new repair service over the Catalog service <c>serviceId</c>: its labour and VAT rate (percent, such as 0, 10 or 20).</summary>
internal sealed record CreateRepairServiceInput(Guid? ServiceId, LabourInput? Labour, decimal? VatRate);

/// <summary>A merge patch of a repair service: a missing field keeps its value; <c>labour</c> is replaced as a whole.</summary>
internal sealed record UpdateRepairServiceInput(LabourInput? Labour, decimal? VatRate);

/// <summary>The rules of a repair service's fields, shared by create and update (the API and the console).</summary>
internal sealed class RepairServiceWriter(WorkOrdersDbContext db, RequestContext request, ITenantProfiles tenants, ICatalogServices catalog)
{
    public const string ExistsCode = "repair-service-exists";
    public const decimal MaxHours = 1000m;

    public async Task<RepairServiceView> CreateAsync(CreateRepairServiceInput input, CancellationToken cancellationToken)
    {
        var rules = new Rules()
            .Check(input.ServiceId is not null && input.ServiceId != Guid.Empty, "serviceId", "is required: the id of a service in the catalog.")
            .Check(input.Labour is not null, "labour", "is required.")
            .Check(input.VatRate is not null, "vatRate", "is required (percent, such as 0, 10 or 20).");
        BookableService? found = null;
        if (input.ServiceId is { } serviceId && serviceId != Guid.Empty)
        {
            found = (await catalog.FindAsync([serviceId], cancellationToken)) is [var one, ..] ? one : null;
            rules.Check(found is not null, "serviceId", "is not a service of this tenant's catalog.");
        }

        var tenant = await tenants.FindAsync(request.RequiredTenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantSlug ?? "");
        var service = new RepairService { ServiceId = input.ServiceId ?? Guid.Empty, Currency = tenant.Currency };
        Apply(service, input.Labour, input.VatRate, rules);
        rules.ThrowIfInvalid();
        if (await db.RepairServices.AnyAsync(s => s.ServiceId == service.ServiceId, cancellationToken))
        {
            throw new ConflictException("This catalog service already is a repair service; change it with PATCH.", ExistsCode);
        }

        db.RepairServices.Add(service);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            throw new ConflictException("This catalog service already is a repair service; change it with PATCH.", ExistsCode);
        }

        return RepairServiceView.From(service, found);
    }

    public async Task<RepairServiceView> UpdateAsync(Guid serviceId, UpdateRepairServiceInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        var service = await db.FindRepairServiceAsync(serviceId, cancellationToken);
        ApiConventions.CheckVersion(expectedVersion, service.Version);
        var rules = new Rules();
        Apply(service, input.Labour, input.VatRate, rules);
        rules.ThrowIfInvalid();
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(service, cancellationToken);
    }

    public async Task<RepairServiceView> ViewAsync(RepairService service, CancellationToken cancellationToken) =>
        RepairServiceView.From(service, (await catalog.FindAsync([service.ServiceId], cancellationToken)) is [var one, ..] ? one : null);

    private static void Apply(RepairService service, LabourInput? labour, decimal? vatRate, Rules rules)
    {
        if (labour is not null)
        {
            var kind = labour.Kind?.Trim().ToLowerInvariant();
            rules.OneOf(kind, "labour.kind", LabourKinds.All).Check(kind is not null, "labour.kind", "is required: fixed or hourly.");
            if (kind == LabourKinds.Fixed)
            {
                var price = MinorUnits.Parse(labour.Price, service.Currency, rules, "labour.price");
                rules.Check(labour.Price is not null, "labour.price", "is required for fixed labour.")
                    .Check(labour.HourlyRate is null && labour.StandardHours is null, "labour", "fixed labour takes a price, not an hourly rate or hours.");
                (service.LabourKind, service.LabourPriceMinor, service.HourlyRateMinor, service.StandardHours) = (kind, price, null, null);
            }
            else if (kind == LabourKinds.Hourly)
            {
                var rate = MinorUnits.Parse(labour.HourlyRate, service.Currency, rules, "labour.hourlyRate");
                rules.Check(labour.HourlyRate is not null, "labour.hourlyRate", "is required for hourly labour.")
                    .Check(labour.StandardHours is not null, "labour.standardHours", "is required for hourly labour.")
                    .Check(labour.StandardHours is null or (> 0 and <= MaxHours), "labour.standardHours", $"must be more than 0 and at most {MaxHours}.")
                    .Check(labour.StandardHours is null || decimal.Round(labour.StandardHours.Value, 2) == labour.StandardHours, "labour.standardHours", "takes at most two decimals.")
                    .Check(labour.Price is null, "labour.price", "is only for fixed labour.");
                (service.LabourKind, service.LabourPriceMinor, service.HourlyRateMinor, service.StandardHours) = (kind, null, rate, labour.StandardHours);
            }
        }

        if (vatRate is { } vat)
        {
            rules.Check(vat is >= 0 and <= 100, "vatRate", "must be a percent from 0 to 100.")
                .Check(decimal.Round(vat, 2) == vat, "vatRate", "takes at most two decimals.");
            service.VatRate = vat;
        }
    }
}
