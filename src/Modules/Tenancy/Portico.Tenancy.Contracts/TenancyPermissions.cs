using Portico.Kernel.Tenancy;

namespace Portico.Tenancy.Contracts;

/// <summary>The tenancy module's permissions: the tenant itself, its settings and its members.</summary>
public static class TenancyPermissions
{
    public const string TenantRead = "tenant.read";
    public const string TenantDelete = "tenant.delete";
    public const string SettingsManage = "settings.manage";
    public const string MembersRead = "members.read";
    public const string MembersManage = "members.manage";
    public const string BillingManage = "billing.manage";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(TenantRead, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee, Roles.Mechanic),
        new(TenantDelete, Roles.Owner),
        new(SettingsManage, Roles.Owner, Roles.Admin),
        new(MembersRead, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(MembersManage, Roles.Owner, Roles.Admin),
        new(BillingManage, Roles.Owner, Roles.Admin),
    ];
}
