using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Tenancy;

namespace Portico.Kernel.Events;

/// <summary>Background work for one tenant: a fresh scope whose request context names the tenant and the actor, so query filters and row-level security apply as they do to a request.</summary>
public static class TenantWork
{
    public static async Task RunAsync(this IServiceScopeFactory scopes, Guid tenantId, string tenantSlug, string actor, Func<IServiceProvider, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(tenantId, tenantSlug);
        context.SetActor(actor);
        await work(scope.ServiceProvider);
    }

    public static async Task<T> RunAsync<T>(this IServiceScopeFactory scopes, Guid tenantId, string tenantSlug, string actor, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.SetTenant(tenantId, tenantSlug);
        context.SetActor(actor);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs work for the event's tenant, acting as the named subscriber.</summary>
    public static Task RunForEventAsync(this IServiceScopeFactory scopes, IntegrationEvent integrationEvent, string subscriber, Func<IServiceProvider, Task> work)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return scopes.RunAsync(integrationEvent.TenantId, integrationEvent.TenantSlug, $"system:{subscriber}", work);
    }
}
