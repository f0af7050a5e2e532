namespace Portico.Kernel.Tenancy;

/// <summary>
/// A permission a module declares, with the roles it is granted to. Each module declares its own next to
/// its code (<c>CrmPermissions</c>, <c>FilesPermissions</c>, ...) and returns them from
/// <see cref="Modules.IModule.Permissions"/>; <see cref="PermissionCatalog"/> collects them into the one
/// role → permissions matrix documented in docs/api.md.
/// </summary>
public sealed record PermissionGrant(string Permission, params string[] GrantedTo);

/// <summary>Every declared permission and what each role may do: built once from the modules' grants.</summary>
public sealed class PermissionCatalog
{
    private readonly Dictionary<string, IReadOnlySet<string>> byRole;

    public PermissionCatalog(IEnumerable<PermissionGrant> grants)
    {
        var sets = Roles.All.ToDictionary(r => r, _ => new HashSet<string>(StringComparer.Ordinal));
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var grant in grants)
        {
            if (!declared.Add(grant.Permission))
            {
                throw new InvalidOperationException($"Permission '{grant.Permission}' is declared twice.");
            }

            foreach (var role in grant.GrantedTo)
            {
                if (!sets.TryGetValue(role, out var set))
                {
                    throw new InvalidOperationException($"Permission '{grant.Permission}' is granted to unknown role '{role}'.");
                }

                set.Add(grant.Permission);
            }
        }

        All = declared;
        byRole = sets.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value);
    }

    /// <summary>Every declared permission.</summary>
    public IReadOnlySet<string> All { get; }

    /// <summary>Role → its permissions, for every role in <see cref="Roles.All"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ByRole => byRole;

    /// <summary>The permissions of a role; empty for an unknown role.</summary>
    public IReadOnlySet<string> For(string role) =>
        byRole.TryGetValue(role, out var set) ? set : new HashSet<string>();
}

/// <summary>What the current request may do in the tenant of its route.</summary>
public sealed record TenantAccess(Guid TenantId, string Slug, string Role, bool Suspended, IReadOnlySet<string> Permissions);

/// <summary>Resolves a route's tenant and the caller's role in it. Implemented by the tenancy module.</summary>
public interface ITenantAccessResolver
{
    /// <summary>Null when the tenant does not exist or the user is not a member (the caller answers 404).</summary>
    Task<TenantAccess?> ResolveAsync(string slug, Guid userId, bool platformAdmin, CancellationToken cancellationToken);
}
