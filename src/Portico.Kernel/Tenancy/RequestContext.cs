namespace Portico.Kernel.Tenancy;

/// <summary>
/// Who is acting and for which tenant, for the current request or background job.
/// Scoped: the HTTP pipeline fills it from the route and the access token; background work
/// fills it explicitly before touching tenant data.
/// </summary>
public sealed class RequestContext
{
    public Guid? TenantId { get; private set; }

    public string? TenantSlug { get; private set; }

    /// <summary>Stable id of the acting user, or a system actor such as <c>system:cli</c>.</summary>
    public string Actor { get; private set; } = "anonymous";

    /// <summary>The caller's role and permissions in the current tenant, when reached through a tenant route.</summary>
    public TenantAccess? Access { get; private set; }

    public void SetTenant(Guid tenantId, string slug)
    {
        TenantId = tenantId;
        TenantSlug = slug;
    }

    public void SetAccess(TenantAccess access)
    {
        Access = access;
        SetTenant(access.TenantId, access.Slug);
    }

    /// <summary>True only where platform code (admin tools, purge jobs, the CLI) deliberately works across tenants.</summary>
    public bool IsPlatformScope { get; private set; }

    /// <summary>The signed-in user, when there is one.</summary>
    public Guid? UserId { get; private set; }

    public void SetActor(string actor) => Actor = actor;

    public void SetUser(Guid userId)
    {
        UserId = userId;
        Actor = $"user:{userId}";
    }

    /// <summary>Opts this unit of work out of tenant isolation. Call only from platform-level code.</summary>
    public void EnterPlatformScope() => IsPlatformScope = true;

    /// <summary>The current tenant, or an error when code that needs one runs without one.</summary>
    public Guid RequiredTenantId =>
        TenantId ?? throw new InvalidOperationException("No tenant is set for this unit of work.");
}

/// <summary>The minimum a request needs to know about its tenant.</summary>
public sealed record TenantRef(Guid Id, string Slug);

/// <summary>Finds a live tenant by slug without any user (for host names and public pages). Implemented by the tenancy module.</summary>
public interface ITenantDirectory
{
    Task<TenantRef?> FindBySlugAsync(string slug, CancellationToken cancellationToken);
}
