using Portico.Kernel.Tenancy;

namespace Portico.Messaging;

/// <summary>Messaging's permissions: reading conversations, answering them, and managing bots.</summary>
internal static class MessagingPermissions
{
    public const string Read = "messaging.read";
    public const string Reply = "messaging.reply";
    public const string ManageBots = "messaging.bots";

    public static readonly IReadOnlyList<PermissionGrant> Grants =
    [
        new(Read, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(Reply, Roles.Owner, Roles.Admin, Roles.Manager, Roles.Employee),
        new(ManageBots, Roles.Owner, Roles.Admin),
    ];
}
