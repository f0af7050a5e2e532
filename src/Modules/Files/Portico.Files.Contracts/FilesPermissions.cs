using Portico.Kernel.Tenancy;

namespace Portico.Files.Contracts;

/// <summary>The files module's permissions.</summary>
public static class FilesPermissions
{
    public const string Read = "files.read";
    public const string Write = "files.write";
    public const string Delete = "files.delete";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Write, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Delete, Roles.Owner, Roles.Admin, Roles.Manager),
    ];
}
