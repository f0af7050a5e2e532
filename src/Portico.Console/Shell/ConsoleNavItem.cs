namespace Portico.Console.Shell;

/// <summary>Where a page sits in the console's navigation.</summary>
public enum NavSection
{
    /// <summary>The tenant's daily work: dashboard, CRM, later bookings and work orders.</summary>
    Work,

    /// <summary>The tenant's settings: team, notifications, webhooks, branding.</summary>
    Settings,

    /// <summary>The signed-in person: profile, security, sessions.</summary>
    Account,

    /// <summary>Platform administrators and account managers.</summary>
    Platform,
}

/// <summary>
/// One entry of the navigation drawer, registered by the module that owns the page
/// (<c>services.AddSingleton(new ConsoleNavItem(...))</c>). Tenant entries' paths are relative to
/// <c>/t/{slug}</c>; an entry with a permission is shown only to roles that have it (the page checks again).
/// </summary>
public sealed record ConsoleNavItem(NavSection Section, string Title, string Path, string Icon, int Order, string? Permission = null, string? PlatformRole = null)
{
    public bool TenantScoped => Section is NavSection.Work or NavSection.Settings;

    public string Href(string? tenant) => TenantScoped ? $"/t/{tenant}{Path}" : Path;
}
