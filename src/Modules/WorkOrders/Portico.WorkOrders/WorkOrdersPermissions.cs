using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders;

/// <summary>The workshop's permissions: reading repair services and their stage templates, and editing them.</summary>
internal static class WorkOrdersPermissions
{
    public const string Read = "workorders.read";
    public const string Templates = "workorders.templates";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Templates, Roles.Owner, Roles.Admin),
    ];
}
