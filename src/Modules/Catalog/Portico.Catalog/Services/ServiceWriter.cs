using Portico.Crm.Contracts;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portico.Catalog.Public;
using Portico.Files.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Scheduling.Contracts;
using Portico.Tenancy.Contracts;

namespace Portico.Catalog.Services;

/// <summary>The rules of a service's fields, shared by create and update (the API and the console).</summary>
internal sealed class ServiceWriter(CatalogDbContext db, RequestContext request, ITenantProfiles tenants, IFileStore files, IServiceProvider services, PublicCatalogCache cache)
{
    public async Task<Service> CreateAsync(ServiceInput input, CancellationToken cancellationToken)
    {
        var tenant = await TenantAsync(cancellationToken);
        var rules = new Rules()
            .Check(input.Name is not null, "name", "is required (en, ru or both).")
            .Check(input.Price is not null, "price", "is required.")
            .Check(input.DurationMinutes is not null, "durationMinutes", "is required.");
        var service = new Service { Currency = tenant.Currency };
        if (input.Position is null && rules.IsValid)
        {
            service.Position = await db.Services.Where(s => s.CategoryId == input.CategoryId).Select(s => (int?)s.Position).MaxAsync(cancellationToken) + 1 ?? 0;
        }

        await ApplyAsync(service, input, tenant, rules, cancellationToken);
        db.Services.Add(service);
        return service;
    }

    public async Task UpdateAsync(Service service, ServiceInput input, CancellationToken cancellationToken) =>
        await ApplyAsync(service, input, await TenantAsync(cancellationToken), new Rules(), cancellationToken);

    /// <summary>Saves, then forgets the tenant's public catalog so websites see the change.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await cache.EvictAsync(request.TenantId!.Value);
    }

    public async Task<ServiceView> ViewAsync(Service service, CancellationToken cancellationToken)
    {
        var staff = await db.ServiceStaff.AsNoTracking().Where(m => m.ServiceId == service.Id).ToListAsync(cancellationToken);
        var portfolio = await db.PortfolioImages.AsNoTracking().Where(p => p.ServiceId == service.Id).ToListAsync(cancellationToken);
        return ServiceView.From(service, staff, portfolio);
    }

    private async Task<TenantProfile> TenantAsync(CancellationToken cancellationToken) =>
        await tenants.FindAsync(request.TenantId ?? throw new InvalidOperationException("No tenant."), cancellationToken)
        ?? throw new NotFoundException("Tenant", request.TenantSlug ?? "");

    private async Task ApplyAsync(Service service, ServiceInput input, TenantProfile tenant, Rules rules, CancellationToken cancellationToken)
    {
        var currency = service.Currency;
        if (input.Name is { } name)
        {
            CheckText(rules, "name", name, CatalogLimits.Name);
            rules.Check(!string.IsNullOrWhiteSpace(name.En) || !string.IsNullOrWhiteSpace(name.Ru), "name", "needs a name in at least one language (en or ru).");
        }

        if (input.Description is { } description)
        {
            CheckText(rules, "description", description, CatalogLimits.Description);
        }

        // The price, checked as a whole against what it will become (a patch may change only the kind or the amount).
        var kind = input.Price?.Kind?.Trim().ToLowerInvariant() ?? service.PriceKind;
        rules.OneOf(kind, "price.kind", PriceKinds.All);
        var price = MinorUnits.Parse(input.Price?.Amount, currency, rules, "price.amount") ?? service.PriceMinor;
        var max = input.Price is null ? service.PriceMaxMinor : MinorUnits.Parse(input.Price.Max, currency, rules, "price.max");
        if (input.Price is not null && kind is not PriceKinds.Range && input.Price.Max is not null)
        {
            rules.Check(false, "price.max", "is only for a price range (kind: range).");
        }

        if (kind == PriceKinds.Range)
        {
            rules.Check(max is not null, "price.max", "is required for a price range.");
            rules.Check(max is null || max > price, "price.max", "must be greater than price.amount.");
        }
        else
        {
            max = null;
        }

        CheckMinutes(rules, "durationMinutes", input.DurationMinutes, 1);
        CheckMinutes(rules, "bufferBeforeMinutes", input.BufferBeforeMinutes, 0);
        CheckMinutes(rules, "bufferAfterMinutes", input.BufferAfterMinutes, 0);

        long? depositMinor = service.DepositMinor;
        int? depositPercent = service.DepositPercent;
        if (input.Deposit is { } deposit)
        {
            rules.Check(deposit.Amount is null || deposit.Percent is null, "deposit", "takes an amount or a percent, not both.");
            rules.Check(deposit.Percent is null or (>= 1 and <= 100), "deposit.percent", "must be between 1 and 100.");
            depositMinor = MinorUnits.Parse(deposit.Amount, currency, rules, "deposit.amount");
            depositPercent = deposit.Percent;
            rules.Check(depositMinor is null || kind != PriceKinds.Fixed || depositMinor <= price, "deposit.amount", "must not be more than the price.");
        }

        var resourceKind = input.ResourceKind is null ? service.ResourceKind : input.ResourceKind.Trim().ToLowerInvariant() is { Length: > 0 } k ? k : null;
        if (input.ResourceKind is not null)
        {
            rules.OneOf(resourceKind, "resourceKind", ResourceKinds.All);
        }

        string[]? tags = null;
        if (input.Tags is { } given)
        {
            tags = [.. given.Select(t => (t ?? "").Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
            rules.Check(tags.Length <= CatalogLimits.Tags, "tags", $"at most {CatalogLimits.Tags} tags.")
                .Check(tags.All(t => t.Length is >= 1 and <= CatalogLimits.Tag), "tags", $"each tag must be 1 to {CatalogLimits.Tag} characters.");
        }

        rules.Check(input.Position is null or >= 0, "position", "must not be negative.");

        var categoryId = input.CategoryId is null ? service.CategoryId : input.CategoryId == Guid.Empty ? null : input.CategoryId;
        if (input.CategoryId is { } c && c != Guid.Empty && !await db.Categories.AnyAsync(x => x.Id == c, cancellationToken))
        {
            rules.Check(false, "categoryId", "is not a category of this tenant.");
        }

        List<(Guid StaffId, long? Price, int? Duration)>? staff = null;
        if (input.Staff is { } staffInput)
        {
            staff = await CheckStaffAsync(staffInput, currency, rules, cancellationToken);
        }

        if (input.Portfolio is { } portfolio)
        {
            await CheckPortfolioAsync(portfolio, rules, cancellationToken);
        }

        rules.ThrowIfInvalid();

        if (input.Name is { } n)
        {
            (service.NameEn, service.NameRu) = (Clean(n.En), Clean(n.Ru));
        }

        if (input.Description is { } d)
        {
            (service.DescriptionEn, service.DescriptionRu) = (Clean(d.En), Clean(d.Ru));
        }

        (service.PriceKind, service.PriceMinor, service.PriceMaxMinor) = (kind, price, max);
        service.DurationMinutes = input.DurationMinutes ?? service.DurationMinutes;
        service.BufferBeforeMinutes = input.BufferBeforeMinutes ?? service.BufferBeforeMinutes;
        service.BufferAfterMinutes = input.BufferAfterMinutes ?? service.BufferAfterMinutes;
        (service.DepositMinor, service.DepositPercent) = (depositMinor, depositPercent);
        service.OnlineBookable = input.OnlineBookable ?? service.OnlineBookable;
        service.ResourceKind = resourceKind;
        service.CategoryId = categoryId;
        service.Position = input.Position ?? service.Position;
        if (tags is not null)
        {
            service.Tags = JsonSerializer.Serialize(tags);
        }

        var primary = tenant.Locale == "ru" ? service.NameRu ?? service.NameEn : service.NameEn ?? service.NameRu;
        service.SortName = (primary ?? "").ToLowerInvariant();
        service.SearchText = string.Join(' ', new[] { service.NameEn, service.NameRu }.Concat(ServiceView.TagsOf(service)).Where(t => !string.IsNullOrWhiteSpace(t)))
            .ToLowerInvariant();
        if (service.SearchText.Length > 2000)
        {
            service.SearchText = service.SearchText[..2000];
        }

        if (staff is not null)
        {
            await ReplaceStaffAsync(service, staff, cancellationToken);
        }

        if (input.Portfolio is { } pictures)
        {
            await ReplacePortfolioAsync(service, pictures, cancellationToken);
        }
    }

    private async Task<List<(Guid StaffId, long? Price, int? Duration)>> CheckStaffAsync(
        IReadOnlyList<ServiceStaffInput> input, string currency, Rules rules, CancellationToken cancellationToken)
    {
        rules.Check(input.Count <= CatalogLimits.Staff, "staff", $"at most {CatalogLimits.Staff} staff members.");
        rules.Check(input.Select(s => s.StaffId).Distinct().Count() == input.Count, "staff", "names a staff member twice.");
        var result = new List<(Guid, long?, int?)>();
        for (var i = 0; i < input.Count; i++)
        {
            var price = MinorUnits.Parse(input[i].Price, currency, rules, $"staff[{i}].price");
            CheckMinutes(rules, $"staff[{i}].durationMinutes", input[i].DurationMinutes, 1);
            result.Add((input[i].StaffId, price, input[i].DurationMinutes));
        }

        // Scheduling owns staff profiles. Until its directory is registered (the Scheduling module wires it), staff
        // ids cannot be checked and are taken as given; once it is, an unknown id is refused.
        if (services.GetService<IStaffDirectory>() is { } directory && input.Count > 0)
        {
            var existing = await directory.ExistingAsync([.. input.Select(s => s.StaffId).Distinct()], cancellationToken);
            for (var i = 0; i < input.Count; i++)
            {
                rules.Check(existing.Contains(input[i].StaffId), $"staff[{i}].staffId", "is not a staff member of this tenant.");
            }
        }

        return result;
    }

    private async Task CheckPortfolioAsync(IReadOnlyList<PortfolioImageInput> input, Rules rules, CancellationToken cancellationToken)
    {
        rules.Check(input.Count <= CatalogLimits.Portfolio, "portfolio", $"at most {CatalogLimits.Portfolio} pictures.");
        rules.Check(input.Select(p => p.FileId).Distinct().Count() == input.Count, "portfolio", "names a file twice.");
        if (input.Count > CatalogLimits.Portfolio)
        {
            return;
        }

        for (var i = 0; i < input.Count; i++)
        {
            rules.Check(input[i].Caption is null || input[i].Caption!.Length <= CatalogLimits.Caption, $"portfolio[{i}].caption", $"must be at most {CatalogLimits.Caption} characters.");
            var file = await files.FindAsync(input[i].FileId, cancellationToken);
            rules.Check(file is not null, $"portfolio[{i}].fileId", "is not a file of this tenant.");
            rules.Check(file is null || file.ContentType.StartsWith("image/", StringComparison.Ordinal), $"portfolio[{i}].fileId", "must be an image.");
        }
    }

    private async Task ReplaceStaffAsync(Service service, List<(Guid StaffId, long? Price, int? Duration)> staff, CancellationToken cancellationToken)
    {
        var current = await db.ServiceStaff.Where(m => m.ServiceId == service.Id).ToListAsync(cancellationToken);
        db.ServiceStaff.RemoveRange(current.Where(m => !staff.Any(s => s.StaffId == m.StaffId)));
        foreach (var (staffId, price, duration) in staff)
        {
            if (current.FirstOrDefault(m => m.StaffId == staffId) is { } member)
            {
                (member.PriceMinor, member.DurationMinutes) = (price, duration);
            }
            else
            {
                db.ServiceStaff.Add(new ServiceStaffMember { ServiceId = service.Id, StaffId = staffId, PriceMinor = price, DurationMinutes = duration });
            }
        }
    }

    private async Task ReplacePortfolioAsync(Service service, IReadOnlyList<PortfolioImageInput> pictures, CancellationToken cancellationToken)
    {
        var current = await db.PortfolioImages.Where(p => p.ServiceId == service.Id).ToListAsync(cancellationToken);
        db.PortfolioImages.RemoveRange(current.Where(p => !pictures.Any(x => x.FileId == p.FileId)));
        for (var i = 0; i < pictures.Count; i++)
        {
            var caption = Clean(pictures[i].Caption);
            if (current.FirstOrDefault(p => p.FileId == pictures[i].FileId) is { } image)
            {
                (image.Position, image.Caption) = (i, caption);
            }
            else
            {
                db.PortfolioImages.Add(new PortfolioImage { ServiceId = service.Id, FileId = pictures[i].FileId, Position = i, Caption = caption });
            }
        }
    }

    internal static void CheckText(Rules rules, string field, CatalogText text, int max) => rules
        .Check(text.En is null || text.En.Trim().Length <= max, field + ".en", $"must be at most {max} characters.")
        .Check(text.Ru is null || text.Ru.Trim().Length <= max, field + ".ru", $"must be at most {max} characters.");

    private static void CheckMinutes(Rules rules, string field, int? minutes, int min) =>
        rules.Check(minutes is null || (minutes >= min && minutes <= CatalogLimits.MaxMinutes), field, $"must be between {min} and {CatalogLimits.MaxMinutes} minutes.");

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
