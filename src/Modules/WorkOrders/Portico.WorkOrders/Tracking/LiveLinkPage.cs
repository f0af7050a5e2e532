using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Portico.Kernel.Events;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// What the client's signed-link pages (<see cref="TrackingPage"/>, <see cref="Garage.GaragePage"/>) share: the token and
/// <c>?lang=</c>, one load per link, and the workshop's live events: a <c>work-order-*</c> event whose data
/// <see cref="Concerns"/> the page reloads it through <see cref="CoalescedReload"/>, so progress moves without a reload.
/// </summary>
public abstract class LiveLinkPage : ComponentBase, IDisposable
{
    private readonly CoalescedReload _reload;
    private string? _loadedFor;
    private IDisposable? _subscription;

    protected LiveLinkPage() => _reload = new CoalescedReload(ReloadAsync);

    [Parameter] public string Token { get; set; } = "";

    [SupplyParameterFromQuery(Name = "lang")] public string? LangQuery { get; set; }

    [Inject] protected ILiveEvents LiveEvents { get; set; } = default!;

    /// <summary>The workshop whose events the page follows, once it has loaded; null before (or for a link that is not found).</summary>
    protected abstract Guid? LiveTenant { get; }

    /// <summary>Loads the page's data, the first time and on every reload.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Whether a work-order event, by its <c>data</c>, is about what the page shows.</summary>
    protected abstract bool Concerns(JsonElement data);

    /// <summary>Before a new link (or language) loads: what the page knows from the query alone.</summary>
    protected virtual void OnLinkChanged()
    {
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Token}|{LangQuery}";
        if (key == _loadedFor)
        {
            return;
        }

        _loadedFor = key;
        OnLinkChanged();
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only the interactive page listens (the prerendered one is thrown away).
        if (_subscription is null && LiveTenant is { } tenantId)
        {
            _subscription = LiveEvents.Subscribe(tenantId, live =>
            {
                if (live.Name.StartsWith("work-order-", StringComparison.Ordinal)
                    && live.Payload.ValueKind == JsonValueKind.Object && live.Payload.TryGetProperty("data", out var data)
                    && data.ValueKind == JsonValueKind.Object && Concerns(data))
                {
                    _ = InvokeAsync(_reload.RunAsync);
                }

                return Task.CompletedTask;
            });
        }
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
