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

    internal sealed record RoleRequest(string? Role);

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

        /// <summary>Grants or withdraws a platform role (PlatformAdmin, AccountManager, or none).</summary>
        public async Task<UserRow> SetPlatformRoleAsync(Guid userId, string? role, CancellationToken ct)
        {
            new Rules().Check(role is null or "PlatformAdmin" or "AccountManager", "role", "must be PlatformAdmin, AccountManager or null.").ThrowIfInvalid();
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw new NotFoundException("User", userId);
            if (user.PlatformRole == "PlatformAdmin" && role != "PlatformAdmin" && await db.Users.CountAsync(u => u.PlatformRole == "PlatformAdmin", ct) == 1)
            {
                throw new ConflictException("This is the last platform administrator.", "last-platform-admin");
            }

            user.PlatformRole = role;
            await db.SaveChangesAsync(ct);
            return new UserRow(user.Id, user.Email, user.FullName, user.EmailConfirmed, user.PlatformRole, user.LockoutEnd > clock.GetUtcNow(), user.CreatedAt);
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
        admin.MapPut("/users/{userId:guid}/platform-role", async Task<Ok<UserRow>> (Guid userId, RoleRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.SetPlatformRoleAsync(userId, request.Role, ct)))
            .WithSummary("Make a user a platform administrator or account manager, or neither (takes effect at their next sign-in)");
        admin.MapGet("/stats", async Task<Ok<Stats>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.StatsAsync(ct)))
            .WithSummary("Users, tenants by vertical and sign-ups per day over the last 30 days");
    }
}
