using System.Diagnostics;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Portico.Console.Shell;

/// <summary>
/// Catches what a page did not expect (a bug, the database away) so the circuit survives: the page shows a
/// friendly panel with a trace id, and the log has the exception under the same id.
/// </summary>
public sealed class ConsoleErrorBoundary : ErrorBoundary
{
    [Microsoft.AspNetCore.Components.Inject] private ILogger<ConsoleErrorBoundary> Logger { get; set; } = default!;

    /// <summary>The id the person can quote; the log line carries it.</summary>
    public string TraceId { get; private set; } = "";

    protected override Task OnErrorAsync(Exception exception)
    {
        TraceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        Logger.LogError(exception, "Console page failed (trace id {TraceId})", TraceId);
        return Task.CompletedTask;
    }
}
