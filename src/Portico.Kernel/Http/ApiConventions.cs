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
}

/// <summary>Route groups and HTTP helpers that encode the API conventions once.</summary>
public static class ApiConventions
{
    /// <summary>
    /// A group under <c>/tenants/{tenant}</c>: the slug is resolved before the handler runs and
    /// becomes the request's tenant; an unknown slug is a 404.
    /// </summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder api, string prefix)
    {
        var group = api.MapGroup("/tenants/{tenant}" + prefix);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var slug = http.GetRouteValue("tenant") as string ?? "";
            var resolver = http.RequestServices.GetRequiredService<ITenantResolver>();
            var tenant = await resolver.FindBySlugAsync(slug, http.RequestAborted) ?? throw new NotFoundException("Tenant", slug);
            http.RequestServices.GetRequiredService<RequestContext>().SetTenant(tenant.Id, tenant.Slug);
            return await next(context);
        });
        return group;
    }

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
