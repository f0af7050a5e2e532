using Microsoft.Extensions.DependencyInjection;
using Portico.Data;
using Portico.Data.Events;
using Portico.Kernel.Events;
using Portico.Kernel.Tenancy;

namespace Portico.IntegrationTests.Infrastructure;

/// <summary>Writes events into the application's event log as a use case would, for tests that hand subscribers the same event more than once.</summary>
public static class EventLogWriter
{
    /// <summary>Appends each event, in order, in one transaction (the same event twice makes the log hand it over twice).</summary>
    public static async Task AppendAsync(IServiceProvider services, params IntegrationEvent[] events)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(events[0].TenantId, events[0].TenantSlug);
        context.SetActor("system:test");
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        foreach (var integrationEvent in events)
        {
            outbox.Publish(integrationEvent);
        }

        await outbox.SaveChangesAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), CancellationToken.None);
    }
}
