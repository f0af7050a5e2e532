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

    /// <summary>The caller's language (<c>en</c>, <c>ru</c>): the user's choice, else the tenant's.</summary>
    public string Locale { get; private set; } = "en";

    /// <summary>The caller's IANA time zone: the user's, else the tenant's, else UTC.</summary>
    public string TimeZone { get; private set; } = "UTC";

    public void SetPreferences(string? locale, string? timeZone)
    {
        Locale = string.IsNullOrWhiteSpace(locale) ? Locale : locale;
        TimeZone = string.IsNullOrWhiteSpace(timeZone) ? TimeZone : timeZone;
    }

    /// <summary>
    /// The one permission check of every use case, whoever calls it (an endpoint, a console page, a
    /// queue handler, a test): the caller's role in the current tenant must grant <paramref name="permission"/>.
    /// Platform-scope work (jobs, the CLI, event handlers) acts for the platform and is not limited by roles.
    /// </summary>
    public void Demand(string permission)
    {
        if (IsPlatformScope)
        {
            return;
        }

        if (Access is null)
        {
            throw new Errors.UnauthorizedException("Sign in and open a workspace first.");
        }

        if (!Access.Permissions.Contains(permission))
        {
            throw new Errors.ForbiddenException($"Your role in this tenant does not allow this ({permission}).", "permission-denied");
        }
    }

    /// <summary>True when the caller's role grants <paramref name="permission"/> (to show or hide what it may do).</summary>
    public bool Can(string permission) => IsPlatformScope || Access?.Permissions.Contains(permission) == true;

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
