namespace Portico.Tenancy.Contracts;

/// <summary>One tenant a user works in, and the role there.</summary>
public sealed record MembershipInfo(Guid TenantId, string Slug, string Name, string Role);

/// <summary>A member of a tenant and their role there.</summary>
public sealed record TenantMember(Guid UserId, string Role);

/// <summary>Read access to memberships for other modules (the profile, erasure checks).</summary>
public interface IMembershipDirectory
{
    Task<IReadOnlyList<MembershipInfo>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Slugs of the tenants where this user is the only Owner (they must hand over before erasure).</summary>
    Task<IReadOnlyList<string>> SoleOwnershipsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Members of a tenant holding one of the roles (all members when none are given): notification and alert recipients.</summary>
    Task<IReadOnlyList<TenantMember>> ListMembersAsync(Guid tenantId, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken);

    /// <summary>Removes the user from every tenant (account erasure).</summary>
    Task RemoveAllForUserAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>Platform statistics the tenancy module contributes.</summary>
public interface ITenantStatistics
{
    Task<IReadOnlyDictionary<string, int>> CountByVerticalAsync(CancellationToken cancellationToken);
}
