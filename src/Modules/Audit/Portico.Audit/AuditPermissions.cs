using Portico.Kernel.Tenancy;

namespace Portico.Audit;

/// <summary>The audit module's permissions.</summary>
internal static class AuditPermissions
{
    public const string Read = "audit.read";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin),
    ];
}
