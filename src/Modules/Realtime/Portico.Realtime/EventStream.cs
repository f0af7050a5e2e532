using Portico.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portico.Kernel.Events;
using Portico.Kernel.Modules;
using Portico.Kernel.Tenancy;

namespace Portico.Realtime;

/// <summary>Settings under <c>Portico:Realtime</c>.</summary>
internal sealed class RealtimeOptions
{
    public const string Section = "Portico:Realtime";

    /// <summary>How long streamed events stay available for <c>Last-Event-ID</c> resumption.</summary>
    public TimeSpan StreamRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Longest wait before the stream looks at the database again. Events stored by this instance wake
    /// readers at once; the poll picks up those stored by other instances.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A comment line keeps proxies from closing an idle stream.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>host:port,password=…</c>: SignalR then fans out through Redis to every instance.</summary>
    public string? RedisConnectionString { get; set; }
}

/// <summary>Wakes this instance's stream readers of a tenant when one of its events is stored.</summary>
internal sealed class StreamSignal
{
    private readonly Dictionary<Guid, TaskCompletionSource> _waiting = [];
    private readonly Lock _lock = new();

    public Task WaitAsync(Guid tenantId)
    {
        lock (_lock)
        {
            if (!_waiting.TryGetValue(tenantId, out var source))
            {
                source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[tenantId] = source;
            }

            return source.Task;
        }
    }

    public void Pulse(Guid tenantId)
    {
        TaskCompletionSource? source;
        lock (_lock)
        {
            _waiting.Remove(tenantId, out source);
        }

        source?.TrySetResult();
    }
}

/// <summary>
/// <c>GET /api/v1/tenants/{tenant}/events/stream</c>: the tenant's events as Server-Sent Events. Each
/// event's SSE id is its stream position, so a reconnecting EventSource sends <c>Last-Event-ID</c> and
/// resumes where it stopped, within the retention window. A gap (the position fell out of retention)
/// is announced with a <c>stream-reset</c> event so the client reloads its state.
/// </summary>
internal static class EventStream
{
    private const int BatchSize = 200;

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/events/stream", StreamAsync)
        .RequirePermission(RealtimePermissions.EventsRead)
        .WithName("StreamEvents")
        .WithSummary("The tenant's events as Server-Sent Events; resumes from Last-Event-ID")
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task StreamAsync(
        HttpContext http, RealtimeDbContext db, RequestContext context, StreamSignal signal, IOptions<RealtimeOptions> options, TimeProvider clock,
        IHostApplicationLifetime lifetime, RequestConnection connection, long? lastEventId)
    {
        // A stream lives for hours and mostly waits: it must not hold a pooled connection while it does.
        connection.ReleaseBetweenStatements();
        var tenantId = context.RequiredTenantId;
        var position = ReadLastEventId(http.Request) ?? lastEventId ?? await CurrentPositionAsync(db, http.RequestAborted);
        var settings = options.Value;

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var output = http.Response.Body;
        // Ends when the client goes away or the server shuts down (the client then reconnects elsewhere with Last-Event-ID).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ending.Token;
        await WriteAsync(output, $"retry: 3000\n: stream of {context.TenantSlug} from {position}\n\n", aborted);

        if (position > 0 && !await db.Events.AnyAsync(e => e.Position == position, aborted)
            && await db.Events.AnyAsync(e => e.Position > position, aborted)
            && !await db.Events.AnyAsync(e => e.Position == position + 1, aborted))
        {
            await WriteAsync(output, "event: stream-reset\ndata: {\"reason\":\"last-event-id is older than the retention window\"}\n\n", aborted);
        }

        var lastWrite = clock.GetUtcNow();
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                // Ask for the wake-up before reading, so an event stored in between is not slept through.
                var wake = signal.WaitAsync(tenantId);
                var batch = await db.Events.AsNoTracking()
                    .Where(e => e.Position > position)
                    .OrderBy(e => e.Position)
                    .Take(BatchSize)
                    .Select(e => new { e.Position, e.Name, e.Payload })
                    .ToListAsync(aborted);
                if (batch.Count > 0)
                {
                    var text = new StringBuilder();
                    foreach (var e in batch)
                    {
                        text.Append("id: ").Append(e.Position).Append("\nevent: ").Append(e.Name).Append("\ndata: ").Append(e.Payload).Append("\n\n");
                    }

                    await WriteAsync(output, text.ToString(), aborted);
                    position = batch[^1].Position;
                    lastWrite = clock.GetUtcNow();
                    if (batch.Count == BatchSize)
                    {
                        continue;
                    }
                }

                await Task.WhenAny(wake, Task.Delay(settings.PollInterval, clock, aborted));
                if (clock.GetUtcNow() - lastWrite >= settings.HeartbeatInterval)
                {
                    await WriteAsync(output, ": heartbeat\n\n", aborted);
                    lastWrite = clock.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
    }

    private static long? ReadLastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), out var id) && id >= 0 ? id : null;

    private static async Task<long> CurrentPositionAsync(RealtimeDbContext db, CancellationToken cancellationToken) =>
        await db.Events.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;

    private static async Task WriteAsync(Stream output, string text, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>The JSON clients receive for an event, on the stream and on the hub alike.</summary>
    public static string PayloadOf(IntegrationEvent integrationEvent) => JsonSerializer.Serialize(
        new { id = integrationEvent.Id, type = integrationEvent.Type, occurredAt = integrationEvent.OccurredAt, data = integrationEvent.Data },
        EventJson.Options);
}

/// <summary>Drops streamed events older than the retention window, hourly.</summary>
internal sealed class StreamRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RealtimeOptions> options, ILogger<StreamRetention> logger)
    : PlatformJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string Actor => "system:stream-retention";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.StreamRetention;
        return await services.GetRequiredService<RealtimeDbContext>().Events.IgnoreQueryFilters().Where(e => e.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
