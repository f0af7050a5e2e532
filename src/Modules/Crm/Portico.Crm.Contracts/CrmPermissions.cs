using Portico.Kernel.Tenancy;

namespace Portico.Crm.Contracts;

/// <summary>The CRM's permissions: reading, writing and deleting records, and its settings (fields, pipelines, forms, objects).</summary>
public static class CrmPermissions
{
    public const string Read = "crm.read";
    public const string Write = "crm.write";
    public const string Delete = "crm.delete";
    public const string Settings = "crm.settings";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Write, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Delete, Roles.Owner, Roles.Admin, Roles.Manager),
        new(Settings, Roles.Owner, Roles.Admin),
    ];
}
