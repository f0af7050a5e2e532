namespace Portico.Kernel.Tenancy;

/// <summary>
/// Named permissions that endpoints require, and the one matrix that maps tenant roles to them
/// (documented in docs/api.md). Endpoints never check role names.
/// </summary>
public static class Permissions
{
    public const string TenantRead = "tenant.read";
    public const string TenantDelete = "tenant.delete";
    public const string SettingsManage = "settings.manage";
    public const string MembersRead = "members.read";
    public const string MembersManage = "members.manage";
    public const string BillingManage = "billing.manage";
    public const string AuditRead = "audit.read";
    public const string CrmRead = "crm.read";
    public const string CrmWrite = "crm.write";
    public const string CrmDelete = "crm.delete";
    public const string CrmSettings = "crm.settings";
    public const string FilesRead = "files.read";
    public const string FilesWrite = "files.write";
    public const string FilesDelete = "files.delete";
    public const string EventsPublish = "events.publish";
    public const string EventsRead = "events.read";
    public const string WebhooksManage = "webhooks.manage";
    public const string NotificationsManage = "notifications.manage";

    public static class Roles
    {
        public const string Owner = "Owner";
        public const string Admin = "Admin";
        public const string Manager = "Manager";
        public const string Employee = "Employee";

        /// <summary>Strongest first.</summary>
        public static readonly string[] All = [Owner, Admin, Manager, Employee];
    }

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> ByRole = new Dictionary<string, IReadOnlySet<string>>
    {
        [Roles.Owner] = new HashSet<string>
        {
            TenantRead, TenantDelete, SettingsManage, MembersRead, MembersManage, BillingManage, AuditRead,
            CrmRead, CrmWrite, CrmDelete, CrmSettings, FilesRead, FilesWrite, FilesDelete,
            EventsPublish, EventsRead, WebhooksManage, NotificationsManage,
        },
        [Roles.Admin] = new HashSet<string>
        {
            TenantRead, SettingsManage, MembersRead, MembersManage, BillingManage, AuditRead,
            CrmRead, CrmWrite, CrmDelete, CrmSettings, FilesRead, FilesWrite, FilesDelete,
            EventsPublish, EventsRead, WebhooksManage, NotificationsManage,
        },
        [Roles.Manager] = new HashSet<string> { TenantRead, MembersRead, CrmRead, CrmWrite, CrmDelete, EventsRead, FilesRead, FilesWrite, FilesDelete },
        [Roles.Employee] = new HashSet<string> { TenantRead, MembersRead, CrmRead, CrmWrite, EventsRead, FilesRead, FilesWrite },
    };
}

/// <summary>What the current request may do in the tenant of its route.</summary>
public sealed record TenantAccess(Guid TenantId, string Slug, string Role, bool Suspended, IReadOnlySet<string> Permissions);

/// <summary>Resolves a route's tenant and the caller's role in it. Implemented by the tenancy module.</summary>
public interface ITenantAccessResolver
{
    /// <summary>Null when the tenant does not exist or the user is not a member (the caller answers 404).</summary>
    Task<TenantAccess?> ResolveAsync(string slug, Guid userId, bool platformAdmin, CancellationToken cancellationToken);
}
