using Portico.Data;

namespace Portico.Server.Http;

/// <summary>
/// With <c>Portico:Diagnostics:ServerTiming</c> on, every answer says how many statements it cost the database
/// (<c>Server-Timing: db;desc="statements=2"</c>), the figure a request's cost is judged by. Off by default: it
/// tells a caller something about the server.
/// </summary>
internal static class ServerTiming
{
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app, IConfiguration configuration) =>
        !configuration.GetValue("Portico:Diagnostics:ServerTiming", false)
            ? app
            : app.Use((http, next) =>
            {
                http.Response.OnStarting(static state =>
                {
                    var http = (HttpContext)state;
                    var count = http.RequestServices.GetRequiredService<DatabaseStatements>().Count;
                    http.Response.Headers.Append("Server-Timing", $"db;desc=\"statements={count}\"");
                    return Task.CompletedTask;
                }, http);
                return next(http);
            });
}
