using Portico.Data.Paging;
using Portico.Kernel.Paging;

namespace Portico.Tenancy.Tenants;

/// <summary>Lists tenants: the caller's own, or (for platform administrators) all of them.</summary>
internal static class ListTenants
{
    internal sealed record Request(string? Q, string? Vertical, PageRequest Page, Guid? MemberId);

    private static readonly SortFields<Tenant> Sorts = new SortFields<Tenant>("name")
        .Add("name", t => t.Name)
        .Add("slug", t => t.Slug)
        .Add("createdAt", t => t.CreatedAt);

    internal sealed class Handler(TenancyDbContext db)
    {
        public async Task<Page<TenantResponse>> HandleAsync(Request request, CancellationToken cancellationToken)
        {
            var query = db.Tenants.AsNoTracking().Where(t => t.DeletedAt == null);
            if (request.MemberId is { } memberId)
            {
                query = query.Where(t => db.Memberships.Any(m => m.TenantId == t.Id && m.UserId == memberId));
            }

            if (!string.IsNullOrWhiteSpace(request.Q))
            {
                var q = request.Q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // runs as SQL lower(), not as .NET culture-sensitive code
                query = query.Where(t => t.Name.ToLower().Contains(q) || t.Slug.Contains(q));
#pragma warning restore CA1304, CA1311, CA1862
            }

            if (!string.IsNullOrWhiteSpace(request.Vertical))
            {
                query = query.Where(t => t.Vertical == request.Vertical);
            }

            var page = await query.ToPageAsync(request.Page, Sorts, cancellationToken);
            return page.Map(TenantResponse.From);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tenants", async Task<Ok<Page<TenantResponse>>> (
                string? q, string? vertical, int? limit, string? cursor, string? sort, HttpContext http, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(new Request(q, vertical, PageRequest.From(limit, cursor, sort), http.User.UserId()), ct)))
            .RequireAuthorization(Policies.Authenticated)
            .WithName("ListMyTenants")
            .WithSummary("The tenants I am a member of (sort: name, slug, createdAt; prefix - for descending)")
            .WithTags("Tenants");

        api.MapGet("/admin/tenants", async Task<Ok<Page<TenantResponse>>> (
                string? q, string? vertical, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(new Request(q, vertical, PageRequest.From(limit, cursor, sort), MemberId: null), ct)))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithName("ListAllTenants")
            .WithSummary("Every tenant (platform administrators)")
            .WithTags("Admin");
    }
}
