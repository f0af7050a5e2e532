namespace Portico.Server.Operations;

internal static class Logging
{
    /// <summary>
    /// One JSON object per line with the trace and span ids of the request (for log shippers), or
    /// readable text for a developer's terminal: <c>Portico:Logging:Format</c> = <c>json</c> | <c>text</c>.
    /// </summary>
    public static void AddPorticoLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (string.Equals(builder.Configuration["Portico:Logging:Format"], "text", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
    }
}
