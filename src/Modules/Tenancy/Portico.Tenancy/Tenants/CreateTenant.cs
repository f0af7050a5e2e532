using Portico.Data;
using Portico.Kernel.Tenancy;
using Portico.Kernel.Http;

namespace Portico.Tenancy.Tenants;

internal static class CreateTenant
{
    internal sealed record Request(string? Name, string? Slug, string? Vertical, string? TimeZone, string? Currency, string? Locale, string? Country);

    internal sealed class Handler(TenancyDbContext db)
    {
        /// <summary>Creates the tenant and makes its creator the Owner, in one transaction.</summary>
        public async Task<TenantResponse> HandleAsync(Request request, Guid creatorId, CancellationToken cancellationToken)
        {
            new Rules()
                .Required(request.Name, "name")
                .Length(request.Name?.Trim(), "name", 2, 200)
                .Required(request.Vertical, "vertical")
                .OneOf(request.Vertical, "vertical", Tenant.Verticals)
                .CheckSlug(request.Slug)
                .CheckSettings(request.TimeZone, request.Currency, request.Locale)
                .CheckCountry(request.Country)
                .ThrowIfInvalid();

            var name = request.Name!.Trim();
            // One tenant per slug, guaranteed by its unique index. A slug the caller chose and someone else took first
            // (checked here, or lost in a race at the index) is a 409 slug-taken; a slug made from the name that another
            // request took at the same moment is made again.
            for (var attempt = 1; ; attempt++)
            {
                var slug = request.Slug ?? await FreeSlugAsync(TenantRules.SlugFrom(name), cancellationToken);
                var taken = new ConflictException($"The slug '{slug}' is taken.", "slug-taken");
                if (request.Slug is not null && await db.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken))
                {
                    throw taken;
                }

                var tenant = new Tenant
                {
                    Name = name,
                    Slug = slug,
                    Vertical = request.Vertical!,
                    TimeZone = request.TimeZone ?? "UTC",
                    Currency = request.Currency ?? (request.Locale == "ru" ? "RUB" : "EUR"),
                    Locale = request.Locale ?? "en",
                    Country = TenantRules.NormalizeCountry(request.Country) ?? (request.Locale == "ru" ? "RU" : null),
                };
                db.Tenants.Add(tenant);
                db.Memberships.Add(new Members.Membership { TenantId = tenant.Id, UserId = creatorId, Role = Roles.Owner });
                try
                {
                    await UniqueRules.SaveAsync(db, () => db.SaveChangesAsync(cancellationToken), () => Task.FromResult<PorticoProblemException?>(taken));
                }
                catch (ConflictException) when (request.Slug is null && attempt < 10)
                {
                    db.ChangeTracker.Clear();
                    continue;
                }

                return TenantResponse.From(tenant);
            }
        }

        private async Task<string> FreeSlugAsync(string candidate, CancellationToken cancellationToken)
        {
            var taken = await db.Tenants
                .Where(t => t.Slug == candidate || t.Slug.StartsWith(candidate + "-"))
                .Select(t => t.Slug)
                .ToListAsync(cancellationToken);
            var slug = candidate;
            for (var n = 2; taken.Contains(slug); n++)
            {
                slug = $"{candidate}-{n}";
            }

            return slug;
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/tenants", async Task<Created<TenantResponse>> (Request request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var tenant = await handler.HandleAsync(request, http.User.UserId(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(tenant.Version);
            return TypedResults.Created($"/api/v1/tenants/{tenant.Slug}", tenant);
        })
        .RequireAuthorization(Policies.Authenticated)
        .WithName("CreateTenant")
        .WithRequestExample(new { name = "Lavender Salon", slug = "lavender", vertical = "studio", timeZone = "Europe/Moscow", currency = "RUB", locale = "ru", country = "RU" })
        .WithSummary("Create a tenant; the creator becomes its Owner")
        .WithTags("Tenants");
}
