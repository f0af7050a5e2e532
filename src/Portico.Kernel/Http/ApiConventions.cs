using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Errors;
using Portico.Kernel.Tenancy;

namespace Portico.Kernel.Http;

/// <summary>Authorization policy names shared by every module.</summary>
public static class Policies
{
    /// <summary>Signed in with a valid access token.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>A platform administrator (created with <c>create-admin</c>).</summary>
    public const string PlatformAdmin = "platform-admin";

    /// <summary>A platform account manager, who looks after the tenants assigned to them.</summary>
    public const string AccountManager = "account-manager";
}

/// <summary>Route groups and HTTP helpers that encode the API conventions once.</summary>
public static class ApiConventions
{
    /// <summary>
    /// The group <c>/tenants</c> for routes of one tenant (their patterns start with <c>/{tenant}</c>), for signed-in members. Before the handler runs the slug
    /// is resolved with the caller's role: an unknown tenant or a tenant the caller is not a member
    /// of is a 404 (never a 403, so ids of other tenants reveal nothing); a suspended tenant is a 403.
    /// Roles are read on every request, so a role change applies at once.
    /// </summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tenants").RequireAuthorization(Policies.Authenticated).WithMetadata(new TenantScoped());
        ((IEndpointConventionBuilder)group).Finally(RequireHandlerPermissions);
        return group;
    }

    /// <summary>
    /// An endpoint that takes a use-case handler declaring <see cref="RequiresPermissionAttribute"/> requires
    /// that permission too: the API refuses before binding the body, and the requirement is declared once, on the handler.
    /// </summary>
    private static void RequireHandlerPermissions(EndpointBuilder endpoint)
    {
        var method = endpoint.Metadata.OfType<System.Reflection.MethodInfo>().FirstOrDefault();
        foreach (var parameter in method?.GetParameters() ?? [])
        {
            if (parameter.ParameterType.GetCustomAttributes(typeof(RequiresPermissionAttribute), false) is [RequiresPermissionAttribute required]
                && !endpoint.Metadata.OfType<PermissionRequirement>().Any(p => p.Name == required.Permission))
            {
                endpoint.Metadata.Add(new PermissionRequirement(required.Permission));
            }
        }
    }

    /// <summary>
    /// Says that any member of the route's tenant may call this tenant endpoint, with no permission
    /// (the architecture tests accept a tenant endpoint only with a permission or this).
    /// </summary>
    public static TBuilder AllowAnyMember<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AnyMember(reason));

    /// <summary>Requires a named permission in the route's tenant (use inside <see cref="MapTenantGroup"/>).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionRequirement(permission));

    /// <summary>
    /// Resolves tenant access for tenant-scoped endpoints after authorization and before the
    /// endpoint binds its body, so a probe of another tenant gets the same 404 whatever it sends.
    /// </summary>
    public static IApplicationBuilder UseTenantAccess(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var endpoint = http.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<TenantScoped>() is null || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        var slug = http.GetRouteValue("tenant") as string ?? "";
        var access = await http.RequestServices.GetRequiredService<CallerContexts>().EnterTenantAsync(slug, http.User, http.RequestAborted);
        // Every requirement counts: an endpoint may require more than the handler it calls declares.
        foreach (var required in endpoint.Metadata.GetOrderedMetadata<PermissionRequirement>())
        {
            if (!access.Permissions.Contains(required.Name))
            {
                throw new ForbiddenException($"Your role in this tenant does not allow this ({required.Name}).", "permission-denied");
            }
        }

        await next(http);
    });

    /// <summary>
    /// Public pages of a tenant are served on <c>{slug}.{Portico:BaseDomain}</c>: such a host name
    /// makes that tenant the request's tenant, for endpoints that read it (a public form, a booking page).
    /// </summary>
    public static IApplicationBuilder UseHostTenant(this IApplicationBuilder app, string? baseDomain) => string.IsNullOrWhiteSpace(baseDomain)
        ? app
        : app.Use(async (http, next) =>
        {
            var host = http.Request.Host.Host;
            var suffix = "." + baseDomain.Trim('.');
            var context = http.RequestServices.GetRequiredService<RequestContext>();
            if (context.TenantId is null && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length)
            {
                var slug = host[..^suffix.Length].ToLowerInvariant();
                if (!slug.Contains('.', StringComparison.Ordinal)
                    && await http.RequestServices.GetRequiredService<ITenantDirectory>().FindBySlugAsync(slug, http.RequestAborted) is { } tenant)
                {
                    context.SetTenant(tenant.Id, tenant.Slug);
                }
            }

            await next(http);
        });

    /// <summary>Writes <c>Retry-After</c> in whole seconds, rounded up.</summary>
    public static void SetRetryAfter(this HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The entity tag of a versioned record: a quoted version number.</summary>
    public static string ETagOf(long version) => $"\"{version}\"";

    /// <summary>
    /// Reads <c>If-Match</c>. Absent means "last write wins"; present but stale is a 412;
    /// unreadable is a 400.
    /// </summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header) || header == "*")
        {
            return null;
        }

        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return long.TryParse(text.Trim('"'), out var version)
            ? version
            : throw new BadRequestException("If-Match must be an entity tag returned by this API, such as \"3\".", "invalid-if-match");
    }

    /// <summary>Throws a 412 when the client edited an older version than the stored one.</summary>
    public static void CheckVersion(long? expected, long actual)
    {
        if (expected is { } version && version != actual)
        {
            throw new ConcurrencyException($"The record is at version {actual}, not {version}. Reload it and try again.");
        }
    }
}

/// <summary>Endpoint metadata naming the permission it requires.</summary>
public sealed record PermissionRequirement(string Name);

/// <summary>Endpoint metadata: the route has a <c>{tenant}</c> and needs tenant access resolved.</summary>
public sealed record TenantScoped;

/// <summary>Marks a tenant endpoint that any member may call (see <see cref="ApiConventions.AllowAnyMember"/>).</summary>
public sealed record AnyMember(string Reason);
