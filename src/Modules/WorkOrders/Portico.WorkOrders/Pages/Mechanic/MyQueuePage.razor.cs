using Microsoft.AspNetCore.Components;
using Portico.Console.Shell;
using Portico.Kernel.Events;
using Portico.Kernel.Paging;
using Portico.WorkOrders.Work;

namespace Portico.WorkOrders.Pages.Mechanic;

/// <summary>
/// The mechanic's phone start: their open stages (the queue the API serves at <c>my-queue</c>) as big cards, the order
/// booked in first; a tap opens the stage screen. Assignments, starts and completions elsewhere refresh it live.
/// </summary>
public partial class MyQueuePage
{
    private const int PageSize = 50;

    private static readonly HashSet<string> Changes =
    [
        "work-order-mechanic-assigned", "work-order-status-changed", "work-order-stage-started", "work-order-stage-completed",
    ];

    [Parameter] public string Slug { get; set; } = "";

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    private readonly LatestLoad _loads = new();
    private List<MechanicQueueItem>? _items;
    private string? _next;
    private IDisposable? _listening;

    private static string Language => ConsoleTexts.IsRussian ? "ru" : "en";

    protected override async Task OnParametersSetAsync()
    {
        _listening ??= Live.Listen(OnLiveAsync);
        await LoadAsync();
    }

    private Task LoadAsync() => TryAsync(() => _loads.RunAsync(
        () => Caller.RunAsync<ListMyQueue.Handler, Page<MechanicQueueItem>>(Slug, (h, ct) => h.HandleAsync(new ListMyQueue.Query(PageSize, null), ct)),
        page =>
        {
            (_items, _next) = ([.. page.Items], page.NextCursor);
            return Task.CompletedTask;
        }));

    private async Task MoreAsync()
    {
        var cursor = _next;
        await TryAsync(async () =>
        {
            var page = await Caller.RunAsync<ListMyQueue.Handler, Page<MechanicQueueItem>>(Slug, (h, ct) => h.HandleAsync(new ListMyQueue.Query(PageSize, cursor), ct));
            _items = [.. _items ?? [], .. page.Items];
            _next = page.NextCursor;
        });
    }

    private async Task OnLiveAsync(LiveEvent live)
    {
        if (Changes.Contains(live.Name))
        {
            await InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
    }

    public void Dispose()
    {
        _listening?.Dispose();
        GC.SuppressFinalize(this);
    }
}
