using Portico.Kernel.Security;

namespace Portico.Server.Http;

/// <summary>
/// Reports every 401 and 403 answer as a security event, whichever endpoint, handler, authorization policy
/// or problem handler produced it: one hook in the host instead of one call per endpoint.
/// </summary>
internal static class SecurityEventLogging
{
    public static IApplicationBuilder UseSecurityEventLogging(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        finally
        {
            if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
            {
                context.RequestServices.GetRequiredService<SecurityEvents>().AccessDenied(context);
            }
        }
    });
}
