using Portico.Kernel.Tenancy;

namespace Portico.Catalog;

/// <summary>The Catalog's permissions: reading services, and editing the catalog.</summary>
internal static class CatalogPermissions
{
    public const string Read = "catalog.read";
    public const string Manage = "catalog.manage";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Manage, Roles.Owner, Roles.Admin),
    ];
}
