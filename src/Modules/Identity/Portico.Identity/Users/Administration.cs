using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Tenancy.Contracts;

namespace Portico.Identity.Users;

/// <summary>Platform administration: the user list and platform statistics.</summary>
internal static class Administration
{
    internal sealed record UserRow(Guid Id, string Email, string FullName, bool EmailConfirmed, string? PlatformRole, bool Locked, DateTimeOffset CreatedAt);

    internal sealed record Stats(int Users, int VerifiedUsers, IReadOnlyDictionary<string, int> TenantsByVertical, IReadOnlyList<SignUps> SignUpsPerDay);

    internal sealed record SignUps(DateOnly Day, int Count);

    private static readonly SortFields<User> Sorts = new SortFields<User>("-createdAt")
        .Add("createdAt", u => u.CreatedAt)
        .Add("email", u => u.NormalizedEmail);

    internal sealed class Handler(IdentityDbContext db, ITenantStatistics tenants, TimeProvider clock)
    {
        public async Task<Page<UserRow>> ListAsync(string? q, string? role, PageRequest page, CancellationToken ct)
        {
            var query = db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q))
            {
                var needle = q.Trim().ToUpperInvariant();
                query = query.Where(u => u.NormalizedEmail.Contains(needle));
            }

            if (!string.IsNullOrWhiteSpace(role))
            {
                query = query.Where(u => u.PlatformRole == role);
            }

            var now = clock.GetUtcNow();
            return (await query.ToPageAsync(page, Sorts, ct)).Map(u =>
                new UserRow(u.Id, u.Email, u.FullName, u.EmailConfirmed, u.PlatformRole, u.LockoutEnd > now, u.CreatedAt));
        }

        public async Task<Stats> StatsAsync(CancellationToken ct)
        {
            var since = clock.GetUtcNow().AddDays(-30);
            var recent = await db.Users.AsNoTracking().Where(u => u.CreatedAt >= since).Select(u => u.CreatedAt).ToListAsync(ct);
            var perDay = recent.GroupBy(d => DateOnly.FromDateTime(d.UtcDateTime)).OrderBy(g => g.Key).Select(g => new SignUps(g.Key, g.Count())).ToList();
            return new Stats(
                await db.Users.CountAsync(ct),
                await db.Users.CountAsync(u => u.EmailConfirmed, ct),
                await tenants.CountByVerticalAsync(ct),
                perDay);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(Policies.PlatformAdmin).WithTags("Admin");
        admin.MapGet("/users", async Task<Ok<Page<UserRow>>> (string? q, string? role, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(q, role, PageRequest.From(limit, cursor, sort), ct)))
            .WithSummary("Users (filters: q on email, role; sort: createdAt, email)");
        admin.MapGet("/stats", async Task<Ok<Stats>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.StatsAsync(ct)))
            .WithSummary("Users, tenants by vertical and sign-ups per day over the last 30 days");
    }
}
