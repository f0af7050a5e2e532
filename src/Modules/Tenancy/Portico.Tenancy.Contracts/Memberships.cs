namespace Portico.Tenancy.Contracts;

/// <summary>One tenant a user works in, and the role there.</summary>
public sealed record MembershipInfo(Guid TenantId, string Slug, string Name, string Role);

/// <summary>Read access to memberships for other modules (the profile, erasure checks).</summary>
public interface IMembershipDirectory
{
    Task<IReadOnlyList<MembershipInfo>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);
}
