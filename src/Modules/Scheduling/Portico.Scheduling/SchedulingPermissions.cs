using Portico.Kernel.Tenancy;

namespace Portico.Scheduling;

/// <summary>Scheduling's permissions: seeing the calendar, booking and changing appointments, and setting up staff, resources and hours.</summary>
internal static class SchedulingPermissions
{
    public const string Read = "scheduling.read";
    public const string Book = "scheduling.book";
    public const string Manage = "scheduling.manage";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Book, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Manage, Roles.Owner, Roles.Admin),
    ];
}
