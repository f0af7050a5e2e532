using System.Security.Claims;
using Portico.Identity.Contracts;

namespace Portico.Tenancy.Tenants;

/// <summary>Platform account managers: assigned to tenants by administrators, they list only their own.</summary>
internal static class AccountManagers
{
    /// <summary>The manager by id or by email address (what an administrator knows); neither unassigns.</summary>
    internal sealed record AssignRequest(Guid? UserId, string? Email = null);

    internal sealed class Handler(TenancyDbContext db, IUserDirectory users)
    {
        public async Task<TenantResponse> AssignAsync(string slug, AssignRequest request, CancellationToken ct)
        {
            var (field, manager) = request switch
            {
                { UserId: { } id } => ("userId", (await users.FindByIdsAsync([id], ct)).SingleOrDefault()),
                { Email: { Length: > 0 } email } => ("email", await users.FindByEmailAsync(email.Trim(), ct)),
                _ => ("userId", null),
            };
            if ((request.UserId is not null || !string.IsNullOrEmpty(request.Email)) && manager?.PlatformRole != "AccountManager")
            {
                throw ValidationException.For(field, "must be a user with the AccountManager platform role.");
            }

            var managerId = manager?.Id;

            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == slug && t.DeletedAt == null, ct) ?? throw new NotFoundException("Tenant", slug);
            tenant.ManagerId = managerId;
            await db.SaveChangesAsync(ct);
            return TenantResponse.From(tenant);
        }

        public async Task<List<TenantResponse>> MineAsync(Guid managerId, CancellationToken ct) =>
            (await db.Tenants.AsNoTracking().Where(t => t.ManagerId == managerId && t.DeletedAt == null).OrderBy(t => t.Name).ToListAsync(ct))
            .Select(TenantResponse.From).ToList();
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/admin/tenants/{tenant}/manager", async Task<Ok<TenantResponse>> (string tenant, AssignRequest request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.AssignAsync(tenant, request, ct)))
            .RequireAuthorization(Policies.PlatformAdmin).WithTags("Admin")
            .WithSummary("Assign an account manager to a tenant by userId or email (neither: unassign)");

        api.MapGet("/manager/tenants", async Task<Ok<List<TenantResponse>>> (ClaimsPrincipal principal, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.MineAsync(principal.UserId(), ct)))
            .RequireAuthorization(Policies.AccountManager).WithTags("Admin")
            .WithSummary("The tenants assigned to me as account manager");
    }
}
