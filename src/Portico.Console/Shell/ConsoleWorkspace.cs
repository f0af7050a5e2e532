using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Console.Shell;

/// <summary>
/// The tenant a console page works in, cascaded by the layout to every page under <c>/t/{slug}</c>: who the
/// user is there (role, permissions) and how the tenant writes money and time. Pages show or hide actions
/// with <see cref="Can"/>; the use cases check again.
/// </summary>
public sealed record ConsoleWorkspace(TenantAccess Access, TenantProfile Profile, IReadOnlyList<MembershipInfo> Memberships, string UserTimeZone)
{
    public string Slug => Access.Slug;

    public string Role => Access.Role;

    public bool Can(string permission) => Access.Permissions.Contains(permission);

    /// <summary>The user's own time zone when set, else the tenant's.</summary>
    public string TimeZone => UserTimeZone is { Length: > 0 } and not "UTC" ? UserTimeZone : Profile.TimeZone;

    public string Money(long? minor) => Formats.Money(minor, Profile.Currency);

    public string When(DateTimeOffset? moment) => Formats.DateTime(moment, TimeZone);

    public string Day(DateTimeOffset? moment) => Formats.Date(moment, TimeZone);
}

/// <summary>Reads the console's location: <c>/t/{slug}/…</c> pages belong to the tenant <c>slug</c>.</summary>
public static class ConsoleLocation
{
    public static string? TenantOf(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "t" ? parts[1] : null;
    }
}
