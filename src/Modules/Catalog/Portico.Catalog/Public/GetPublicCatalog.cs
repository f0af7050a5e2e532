using System.Security.Cryptography;
using System.Text.Json;
using Portico.Catalog.Categories;
using Portico.Catalog.Services;
using Portico.Crm.Contracts;
using Portico.Files.Contracts;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Catalog.Public;

/// <summary>
/// The catalog as a studio's website shows it, anonymously, by the tenant's slug or on its own host name: categories
/// and current services in one language, with public fields only (no buffers, staff, resources, internal stamps).
/// Services not bookable online are listed and flagged. Rendered once per language and cached until the catalog changes.
/// </summary>
internal static class GetPublicCatalog
{
    internal sealed record PublicCategory(Guid Id, string Name, Guid? ParentId, int Position);

    internal sealed record PublicPicture(string Url, string? Caption);

    internal sealed record PublicService(
        Guid Id, Guid? CategoryId, string Name, string? Description, ServicePrice Price, int DurationMinutes, MoneyAmount? Deposit,
        bool OnlineBookable, IReadOnlyList<string> Tags, IReadOnlyList<PublicPicture> Portfolio);

    internal sealed record PublicCatalog(string Tenant, string Language, string Currency, IReadOnlyList<PublicCategory> Categories, IReadOnlyList<PublicService> Services);

    /// <summary>A rendered catalog and its entity tag, as the cache keeps them.</summary>
    internal sealed record Rendered(PublicCatalog Catalog, string ETag);

    /// <summary>Pictures are signed links that outlive the cached catalog.</summary>
    private static readonly TimeSpan PictureLifetime = TimeSpan.FromHours(1);

    internal sealed class Handler(ITenantDirectory directory, ITenantProfiles profiles, RequestContext request, CatalogDbContext db, IFileStore files, PublicCatalogCache cache)
    {
        /// <summary>The catalog of the tenant with <paramref name="slug"/>, or of this host's tenant when null; 404 for none.</summary>
        public async Task<Rendered> HandleAsync(string? slug, string? lang, CancellationToken cancellationToken)
        {
            if (lang is not null && !PublicCatalogCache.Languages.Contains(lang))
            {
                throw new BadRequestException("lang must be en or ru.", "invalid-language");
            }

            var tenant = slug is null
                ? request.TenantId is { } hostTenant ? new TenantRef(hostTenant, request.TenantSlug!) : null
                : slug.Length <= 100 ? await directory.FindBySlugAsync(slug.ToLowerInvariant(), cancellationToken) : null;
            var profile = tenant is null ? null : await profiles.FindAsync(tenant.Id, cancellationToken);
            if (tenant is null || profile is null || profile.Suspended)
            {
                throw new NotFoundException("Tenant", slug ?? "for this host");
            }

            request.SetTenant(profile.Id, profile.Slug);
            var language = lang ?? (profile.Locale == "ru" ? "ru" : "en");
            return await cache.GetOrCreateAsync(profile.Id, language, ct => new ValueTask<Rendered>(RenderAsync(profile, language, ct)), cancellationToken);
        }

        private async Task<Rendered> RenderAsync(TenantProfile tenant, string language, CancellationToken cancellationToken)
        {
            var categories = await db.Categories.AsNoTracking().ToListAsync(cancellationToken);
            var services = await db.Services.AsNoTracking().Where(s => s.ArchivedAt == null)
                .OrderBy(s => s.Position).ThenBy(s => s.SortName).ThenBy(s => s.Id).ToListAsync(cancellationToken);
            var pictures = (await db.PortfolioImages.AsNoTracking().Where(p => db.Services.Any(s => s.Id == p.ServiceId && s.ArchivedAt == null))
                .OrderBy(p => p.Position).ToListAsync(cancellationToken)).ToLookup(p => p.ServiceId);
            var children = categories.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId);
            var orderedCategories = categories.Where(c => c.ParentId is null).OrderBy(c => c.Position).ThenBy(c => c.Id)
                .SelectMany(top => children[top.Id].OrderBy(c => c.Position).ThenBy(c => c.Id).Prepend(top))
                .Select(c => new PublicCategory(c.Id, new CatalogText(c.NameEn, c.NameRu).In(language) ?? "", c.ParentId, c.Position))
                .ToList();
            var publicServices = new List<PublicService>(services.Count);
            foreach (var s in services)
            {
                var portfolio = new List<PublicPicture>();
                foreach (var picture in pictures[s.Id])
                {
                    // A picture deleted from Files in the meantime is simply left out.
                    if (await files.FindAsync(picture.FileId, cancellationToken) is not null)
                    {
                        portfolio.Add(new PublicPicture((await files.CreateSignedUrlAsync(picture.FileId, PictureLifetime, cancellationToken)).Url, picture.Caption));
                    }
                }

                publicServices.Add(new PublicService(
                    s.Id, s.CategoryId, new CatalogText(s.NameEn, s.NameRu).In(language) ?? "", CatalogText.Of(s.DescriptionEn, s.DescriptionRu)?.In(language),
                    ServiceView.PriceOf(s), s.DurationMinutes, ServiceView.DepositOf(s)?.Amount, s.OnlineBookable, ServiceView.TagsOf(s), portfolio));
            }

            var catalog = new PublicCatalog(tenant.Slug, language, tenant.Currency, orderedCategories, publicServices);
            var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(catalog));
            return new Rendered(catalog, $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"");
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/public/tenants/{slug}/catalog", (string slug, string? lang, Handler handler, HttpContext http, CancellationToken ct) => AnswerAsync(slug, lang, handler, http, ct))
            .AllowAnonymous().WithTags("Public")
            .WithName("GetPublicCatalog")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A tenant's public catalog for websites (lang=en|ru, default the tenant's): categories and current services with public fields; cached, with ETag");
        api.MapGet("/public/catalog", (string? lang, Handler handler, HttpContext http, CancellationToken ct) => AnswerAsync(null, lang, handler, http, ct))
            .AllowAnonymous().WithTags("Public")
            .WithName("GetPublicCatalogOfHost")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The public catalog of this host name's tenant ({slug}.{Portico:BaseDomain}), as GET /public/tenants/{slug}/catalog");
    }

    private static async Task<Results<Ok<PublicCatalog>, StatusCodeHttpResult>> AnswerAsync(string? slug, string? lang, Handler handler, HttpContext http, CancellationToken ct)
    {
        var rendered = await handler.HandleAsync(slug, lang, ct);
        http.Response.Headers.ETag = rendered.ETag;
        http.Response.Headers.CacheControl = "public, max-age=60";
        http.Response.Headers.Vary = "Accept-Encoding";
        http.Response.Headers.AccessControlAllowOrigin = "*";
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == rendered.ETag || tag.Trim() == "*"))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(rendered.Catalog);
    }
}
