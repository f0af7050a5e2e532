using Portico.Kernel.Tenancy;

namespace Portico.Tenancy.Members;

/// <summary>
/// Who may give or take which role: only an Owner grants or removes Owner (and Admin); Admins manage
/// Managers and Employees; the last Owner can neither leave nor be demoted.
/// </summary>
internal static class MemberRules
{
    public static void CheckCanAssign(TenantAccess actor, string? currentRole, string newRole)
    {
        if (!Roles.All.Contains(newRole))
        {
            throw ValidationException.For("role", $"must be one of: {string.Join(", ", Roles.All)}.");
        }

        var touchesTopRoles = newRole is Roles.Owner or Roles.Admin
            || currentRole is Roles.Owner or Roles.Admin;
        if (touchesTopRoles && actor.Role != Roles.Owner)
        {
            throw new ForbiddenException("Only an Owner can grant, change or remove the Owner and Admin roles.", "permission-denied");
        }
    }

    public static async Task CheckNotLastOwnerAsync(TenancyDbContext db, Membership member, CancellationToken ct)
    {
        if (member.Role == Roles.Owner
            && await db.Memberships.CountAsync(m => m.TenantId == member.TenantId && m.Role == Roles.Owner, ct) == 1)
        {
            throw new ConflictException("This is the tenant's last Owner. Make someone else Owner first.", "last-owner");
        }
    }
}
