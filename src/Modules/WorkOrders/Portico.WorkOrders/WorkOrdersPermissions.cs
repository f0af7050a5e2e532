using Portico.Kernel.Tenancy;

namespace Portico.WorkOrders;

/// <summary>
/// The workshop's permissions. Mechanics hold read and work, limited by <see cref="Orders.WorkOrderAccess"/> to the orders
/// and stages assigned to them; the front desk (Employee) reads; managers run orders; owners and admins edit templates.
/// </summary>
internal static class WorkOrdersPermissions
{
    public const string Read = "workorders.read";
    public const string Templates = "workorders.templates";

    /// <summary>Open, edit, price, move and assign work orders.</summary>
    public const string Write = "workorders.write";

    /// <summary>Do the work: start and complete stages, tick checklists, comment, attach photos, consume parts.</summary>
    public const string Work = "workorders.work";

    /// <summary>Reports and exports across orders, mechanics and parts.</summary>
    public const string Reports = "workorders.reports";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee, Roles.Mechanic),
        new(Templates, Roles.Owner, Roles.Admin),
        new(Write, Roles.Owner, Roles.Admin, Roles.Manager),
        new(Work, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Mechanic),
        new(Reports, Roles.Owner, Roles.Admin, Roles.Manager),
    ];
}
