using Portico.Kernel.Tenancy;

namespace Portico.Inventory;

/// <summary>The Inventory's permissions: reading items, stock and movements; and changing them (items, locations, stock movements, imports).</summary>
internal static class InventoryPermissions
{
    public const string Read = "inventory.read";
    public const string Write = "inventory.write";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Write, Roles.Owner, Roles.Admin, Roles.Manager),
    ];
}
