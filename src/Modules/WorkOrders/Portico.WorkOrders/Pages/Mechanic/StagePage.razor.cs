using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portico.Console.Shell;
using Portico.Files.Contracts;
using Portico.Inventory.Contracts;
using Portico.Kernel.Errors;
using Portico.Kernel.Events;
using Portico.Kernel.Paging;
using Portico.WorkOrders.Orders;
using Portico.WorkOrders.Work;

namespace Portico.WorkOrders.Pages.Mechanic;

/// <summary>
/// The stage screen on the mechanic's phone: the car and the complaint, Start, the checklist (each tick saved at once),
/// photos from the phone's camera with thumbnails, comments (optionally shown to the client), the stage's parts with the
/// quantities used and extra parts found needed, the minutes spent and Complete. Every action runs the same use case as
/// the API; a refusal (a photo missing, the checklist not done, stock short) is said in words beside the action. Other
/// people's changes to this order (events in its room) refresh the screen.
/// </summary>
public partial class StagePage
{
    private const int EntriesShown = 200;

    [Parameter] public string Slug { get; set; } = "";

    [Parameter] public Guid OrderId { get; set; }

    [Parameter] public Guid StageId { get; set; }

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    private readonly LatestLoad _loads = new();
    private readonly LatestLoad _searches = new();
    private readonly Dictionary<Guid, string> _urls = [];
    private readonly Dictionary<Guid, decimal?> _used = [];
    private WorkOrderView? _order;
    private WorkOrderStageView? _stage;
    private List<WorkOrderPartView> _parts = [];
    private List<WorkOrderEntryView> _photos = [];
    private List<WorkOrderEntryView> _files = [];
    private List<WorkOrderEntryView> _comments = [];
    private (string Where, string Code, string Text)? _refusal;
    private IDisposable? _listening;
    private bool _uploading;
    private bool _photoShared;
    private string? _comment;
    private bool _commentShared;
    private int? _actualMinutes;
    private bool _adding;
    private string? _search;
    private IReadOnlyList<InventoryItemInfo>? _found;
    private InventoryItemInfo? _chosen;
    private decimal? _quantity = 1;

    /// <summary>Problems are said beside the action that met them, in the user's language.</summary>
    protected override bool ShowsProblemsInPlace => true;

    private static string Language => ConsoleTexts.IsRussian ? "ru" : "en";

    private static string StageName(WorkOrderStageView stage) => stage.Name.In(Language) ?? "";

    private static Color StatusColor(string status) => status switch
    {
        StageStatuses.InProgress => Color.Primary,
        StageStatuses.Done => Color.Success,
        _ => Color.Default,
    };

    private decimal? Used(WorkOrderPartView part) => _used.TryGetValue(part.Id, out var used) ? used : part.Quantity;

    protected override async Task OnParametersSetAsync()
    {
        _listening ??= Live.Listen(OnLiveAsync);
        await TryAsync(LoadAsync);
    }

    /// <summary>The order with this stage, and the stage's timeline (photos, files, comments) with links to the pictures.</summary>
    private Task LoadAsync() => _loads.RunAsync(
        () => Caller.InScopeAsync(Slug, async (services, _, ct) =>
        {
            var order = await services.GetRequiredService<GetWorkOrder.Handler>().HandleAsync(OrderId, ct);
            var entries = await services.GetRequiredService<ListWorkOrderEntries.Handler>()
                .HandleAsync(OrderId, new ListWorkOrderEntries.Query(StageId, EntriesShown, null), ct);
            var files = services.GetRequiredService<IFileStore>();
            var urls = new Dictionary<Guid, string>();
            foreach (var fileId in entries.Items.Where(e => e.FileId is not null).Select(e => e.FileId!.Value).Where(id => !_urls.ContainsKey(id)))
            {
                if (await files.FindAsync(fileId, ct) is not null)
                {
                    urls[fileId] = (await files.CreateSignedUrlAsync(fileId, TimeSpan.FromHours(1), ct)).Url;
                }
            }

            return (order, entries.Items, urls);
        }),
        loaded =>
        {
            var (order, entries, urls) = loaded;
            var stage = order.Stages.FirstOrDefault(s => s.Id == StageId) ?? throw new NotFoundException("WorkOrderStage", StageId);
            Show(order, stage);
            foreach (var (fileId, url) in urls)
            {
                _urls[fileId] = url;
            }

            // Oldest first, as the work went.
            var attached = entries.Where(e => e.Kind == EntryKinds.Attachment && e.FileId is not null).Reverse().ToList();
            _photos = [.. attached.Where(e => e.ContentType?.StartsWith("image/", StringComparison.Ordinal) == true)];
            _files = [.. attached.Where(e => e.ContentType?.StartsWith("image/", StringComparison.Ordinal) != true)];
            _comments = [.. entries.Where(e => e.Kind == EntryKinds.Comment).Reverse()];
            return Task.CompletedTask;
        });

    private void Show(WorkOrderView order, WorkOrderStageView stage)
    {
        _order = order;
        _stage = stage;
        _parts = [.. order.Parts.Where(p => p.StageId == stage.Id && (p.State != PartStates.Released || p.Consumed > 0))];
    }

    private Task StartAsync() => ActAsync("start", async () =>
    {
        await Caller.RunAsync<StartStage.Handler, WorkOrderStageView>(Slug, (h, ct) => h.HandleAsync(OrderId, StageId, null, ct));
        await LoadAsync();
    });

    private Task TickAsync(int index, bool done) => ActAsync("checklist", async () =>
    {
        var stage = await Caller.RunAsync<TickChecklistItem.Handler, WorkOrderStageView>(
            Slug, (h, ct) => h.HandleAsync(OrderId, StageId, index, new TickChecklistItem.Input(done), null, ct));
        if (_order is { } order)
        {
            Show(order, stage);
        }
    });

    private async Task PhotoAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > AttachToStage.MaxBytes)
        {
            _refusal = ("photo", "too-large", T.Format("The photo is larger than {0} MB.", AttachToStage.MaxBytes / (1024 * 1024)));
            return;
        }

        _uploading = true;
        try
        {
            var shared = _photoShared;
            // No toast on success: the thumbnail says it, and a toast would sit over the Complete button on a phone.
            await ActAsync("photo", async () =>
            {
                await Caller.InScopeAsync(Slug, async (services, _, ct) =>
                {
                    // The API's own steps: the stage checked before the upload, the file sniffed and kept, then the timeline entry.
                    var handler = services.GetRequiredService<AttachToStage.Handler>();
                    var (order, stage) = await handler.FindAsync(OrderId, StageId, ct);
                    StoredFileInfo stored;
                    await using (var content = file.OpenReadStream(AttachToStage.MaxBytes, ct))
                    {
                        stored = await handler.StoreAsync(content, string.IsNullOrWhiteSpace(file.Name) ? "photo" : file.Name, ct);
                    }

                    return await handler.AttachAsync(order, stage, stored, shared, ct);
                });
                await LoadAsync();
            });
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task CommentAsync()
    {
        var input = new StageCommentInput(_comment, _commentShared);
        if (await ActAsync("comment", async () =>
            {
                await Caller.RunAsync<CommentOnStage.Handler, WorkOrderEntryView>(Slug, (h, ct) => h.HandleAsync(OrderId, StageId, input, ct));
                await LoadAsync();
            }))
        {
            _comment = null;
        }
    }

    private async Task SearchAsync(string? search)
    {
        _search = search;
        _chosen = null;
        await TryAsync(() => _searches.RunAsync(
            () => Caller.InScopeAsync(Slug, (services, context, ct) =>
            {
                context.Demand(WorkOrdersPermissions.Work);
                return services.GetRequiredService<IInventoryItems>().ListAsync(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), 20, ct);
            }),
            found =>
            {
                _found = found;
                return Task.CompletedTask;
            }));
    }

    private void Choose(InventoryItemInfo item)
    {
        _chosen = item;
        _quantity = 1;
    }

    private void CloseAdding()
    {
        (_adding, _search, _found, _chosen, _quantity) = (false, null, null, null, 1);
        if (_refusal?.Where == "part")
        {
            _refusal = null;
        }
    }

    private async Task AddPartAsync()
    {
        if (_chosen is not { } item)
        {
            return;
        }

        var input = new ExtraPartInput(item.Id, _quantity);
        if (await ActAsync("part", async () =>
            {
                await Caller.RunAsync<AddExtraPart.Handler, WorkOrderPartView>(Slug, (h, ct) => h.HandleAsync(OrderId, StageId, input, ct));
                await LoadAsync();
            }))
        {
            CloseAdding();
        }
    }

    private Task CompleteAsync()
    {
        // Only the quantities changed from the plan are sent: the rest is consumed as planned.
        var used = _parts.Where(p => !p.Extra && _used.TryGetValue(p.Id, out var q) && q is { } value && value != p.Quantity)
            .Select(p => new UsedPartInput(p.Id, _used[p.Id])).ToList();
        var input = new CompleteStageInput(_actualMinutes, used.Count == 0 ? null : used);
        return ActAsync("complete", async () =>
        {
            var order = await Caller.RunAsync<CompleteStage.Handler, WorkOrderView>(Slug, (h, ct) => h.HandleAsync(OrderId, StageId, input, ct));
            if (order.Stages.FirstOrDefault(s => s.Id == StageId) is { } stage)
            {
                Show(order, stage);
            }

            _used.Clear();
        });
    }

    /// <summary>
    /// Runs an action of the screen through <see cref="ConsoleComponent.TryAsync"/>; a refusal is kept with the place it
    /// belongs to and said in the user's words, and the screen is read again (someone may have moved the stage on).
    /// </summary>
    private async Task<bool> ActAsync(string where, Func<Task> work)
    {
        _refusal = null;
        PorticoProblemException? refused = null;
        var done = await TryAsync(async () =>
        {
            try
            {
                await work();
            }
            catch (PorticoProblemException problem) when (problem is not NotFoundException and not UnauthorizedException)
            {
                refused = problem;
                throw;
            }
        });
        if (!done && !Missing)
        {
            _refusal = (where, refused?.Code ?? "invalid", Explain(refused));
            await TryAsync(LoadAsync);
        }

        return done;
    }

    private string Explain(PorticoProblemException? problem)
    {
        var members = (problem as ConflictException)?.Members;
        return problem?.Code switch
        {
            CompleteStage.PhotoRequiredCode => T["This stage needs a photo: take one before completing it."],
            CompleteStage.ChecklistIncompleteCode => T.Format(
                "Tick every checklist item first: {0} left.", members?.GetValueOrDefault("unticked") is System.Collections.ICollection left ? left.Count : 1),
            CompleteStage.InsufficientStockCode => T.Format("Not enough in stock: {0} available.", Convert.ToString(members?.GetValueOrDefault("available"), CultureInfo.CurrentCulture)),
            StageWork.StageNotStartedCode => T["Start the stage before completing it."],
            StageWork.StageNotPendingCode or StageWork.StageClosedCode => T["This stage is already started or done; the screen now shows where it is."],
            StageWork.NotWorkableCode => T.Format("The order cannot be worked on now (status: {0}).", T[MechanicWords.Order(_order?.Status ?? "")]),
            StageWork.ClosedCode => T["The order is closed: it takes no more changes."],
            "attachment-type-not-allowed" => T["Only photos (PNG, JPEG, GIF, WebP) and PDF documents can be attached."],
            "concurrency-conflict" => T["Someone changed this stage meanwhile; the screen now shows it as it is. Try again."],
            _ => Problem ?? (problem is null ? "" : T.Refusal(problem)),
        };
    }

    /// <summary>Events of this order (their payload's <c>orderId</c>) from anyone, this screen's own actions included, refresh it.</summary>
    private async Task OnLiveAsync(LiveEvent live)
    {
        if (!live.Name.StartsWith("work-order-", StringComparison.Ordinal)
            || live.Payload.ValueKind != JsonValueKind.Object
            || !live.Payload.TryGetProperty("data", out var data)
            || !Guid.TryParse(LiveToast.Field(data, "orderId"), out var orderId) || orderId != OrderId)
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            await TryAsync(LoadAsync);
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        _listening?.Dispose();
        GC.SuppressFinalize(this);
    }
}
