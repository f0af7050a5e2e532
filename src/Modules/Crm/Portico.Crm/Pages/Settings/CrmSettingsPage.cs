using Portico.Crm.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portico.Console.Shell;

namespace Portico.Crm.Pages.Settings;

/// <summary>
/// Base of the CRM settings and tools pages: the workspace slug from the route, and a use case run with the
/// permission its endpoint requires checked first (the same <c>RequestContext.Demand</c> an endpoint uses).
/// </summary>
public abstract class CrmSettingsPage : ConsoleComponent
{
    [Parameter] public string Slug { get; set; } = "";

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    protected Task<T> RunAsync<THandler, T>(string permission, Func<THandler, CancellationToken, Task<T>> useCase)
        where THandler : notnull =>
        Caller.InScopeAsync(Slug, (services, context, ct) =>
        {
            context.Demand(permission);
            return useCase(services.GetRequiredService<THandler>(), ct);
        });

    protected Task RunAsync<THandler>(string permission, Func<THandler, CancellationToken, Task> useCase)
        where THandler : notnull =>
        Caller.InScopeAsync<object?>(Slug, async (services, context, ct) =>
        {
            context.Demand(permission);
            await useCase(services.GetRequiredService<THandler>(), ct);
            return null;
        });

    protected bool CanChange => Workspace?.Can(CrmPermissions.Settings) == true;
}
