using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Portico.Kernel.Tenancy;

namespace Portico.Console.Shell;

/// <summary>
/// Runs a use case for the person using this circuit, the way an HTTP request would: each call gets its own
/// scope (its own DbContext and unit of work), and its <see cref="RequestContext"/> is filled by
/// <see cref="CallerContexts"/> from the circuit's user and the page's tenant, read again every time. A member
/// removed from the tenant, or a session signed out elsewhere, loses access on the next click, not at reconnect.
/// The handler then checks its own permission when it is resolved (<see cref="RequiresPermissionAttribute"/>).
/// </summary>
public sealed class ConsoleCaller(AuthenticationStateProvider authentication, IServiceScopeFactory scopes)
{
    /// <summary>The circuit's signed-in user (anonymous on sign-in pages).</summary>
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<T> RunAsync<THandler, T>(string? tenant, Func<THandler, CancellationToken, Task<T>> useCase, CancellationToken cancellationToken = default)
        where THandler : notnull =>
        await InScopeAsync(tenant, (services, _, ct) => useCase(services.GetRequiredService<THandler>(), ct), cancellationToken);

    public async Task RunAsync<THandler>(string? tenant, Func<THandler, CancellationToken, Task> useCase, CancellationToken cancellationToken = default)
        where THandler : notnull =>
        await InScopeAsync<object?>(tenant, async (services, _, ct) =>
        {
            await useCase(services.GetRequiredService<THandler>(), ct);
            return null;
        }, cancellationToken);

    /// <summary>The caller's role and permissions in <paramref name="tenant"/> (404 when not a member, 403 when suspended).</summary>
    public Task<TenantAccess> AccessAsync(string tenant, CancellationToken cancellationToken = default) =>
        InScopeAsync(tenant, (_, context, _) => Task.FromResult(context.Access!), cancellationToken);

    /// <summary>
    /// For work that needs more than one handler in one unit of work, or a module service: the scope's
    /// services and the filled context. Prefer <see cref="RunAsync{THandler,T}"/>.
    /// </summary>
    public async Task<T> InScopeAsync<T>(string? tenant, Func<IServiceProvider, RequestContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var user = await UserAsync();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var context = services.GetRequiredService<RequestContext>();
        var callers = services.GetRequiredService<CallerContexts>();
        if (user.Identity?.IsAuthenticated == true)
        {
            await callers.SignInAsync(user, cancellationToken);
        }

        if (tenant is not null)
        {
            await callers.EnterTenantAsync(tenant, user, cancellationToken);
        }

        return await work(services, context, cancellationToken);
    }
}
