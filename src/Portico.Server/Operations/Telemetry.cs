using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portico.Kernel.Security;

namespace Portico.Server.Operations;

internal static class Telemetry
{
    public const string ServiceName = "portico";

    /// <summary>
    /// Traces and metrics through OpenTelemetry: ASP.NET Core, outgoing HTTP, PostgreSQL, the runtime.
    /// Metrics are scraped at <c>/metrics</c>; traces and metrics are also pushed over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IServiceCollection AddPorticoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddHttpContextAccessor();
        services.AddSingleton<SecurityEvents>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperational(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
                else
                {
                    // Nobody reads the spans: keep the trace ids (logs, audit rows and problem details carry them)
                    // without recording spans, which cost a request more than its database statement.
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter(SecurityEvents.MeterName) // portico_security_events_total{kind=...}
                    .AddMeter("Portico.Notifications")
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
