using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portico.Console.Shell;
using Portico.Kernel.Paging;
using Portico.WorkOrders.RepairServices;
using Portico.WorkOrders.Templates;

namespace Portico.WorkOrders.Pages;

/// <summary>
/// Repair services and their stage template editor: labour and VAT, the stages (drag or arrows to reorder, checklists),
/// saving a new version with the version it started from (a stale save is refused), and the version history.
/// </summary>
public partial class RepairServicesPage
{
    private static readonly decimal[] VatRates = [0m, 10m, 20m];

    [Parameter] public string Slug { get; set; } = "";

    [CascadingParameter] public ConsoleWorkspace? Workspace { get; set; }

    private List<RepairServiceView>? _services;
    private string? _next;
    private bool _adding;
    private List<CatalogPicker.Choice> _choices = [];
    private Guid _newService;
    private RepairServiceView? _selected;
    private string _labourKind = LabourKinds.Fixed;
    private string? _price;
    private string? _rate;
    private decimal? _hours;
    private decimal _vat = 20m;
    private List<StageDraft> _stages = [];
    private int _baseVersion;
    private int? _dragFrom;
    private List<StageTemplateVersionSummary> _versions = [];
    private StageTemplateVersion? _shown;

    private bool CanEdit => Workspace?.Can(WorkOrdersPermissions.Templates) == true;

    private string Currency => Workspace?.Profile.Currency ?? "";

    private string Language => Workspace?.Profile.Locale ?? "en";

    protected override Task OnParametersSetAsync() => LoadAsync();

    private string NameOf(WorkshopText name) => name.In(Language) ?? "";

    private string Money(string? amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? Workspace?.Money((long)(value * 100)) ?? amount ?? ""
            : amount ?? "";

    private Task LoadAsync() => TryAsync(async () =>
    {
        var page = await Caller.RunAsync<ListRepairServices.Handler, Page<RepairServiceView>>(Slug, (h, ct) => h.HandleAsync(new ListRepairServices.Query(50, null, null), ct));
        (_services, _next) = ([.. page.Items], page.NextCursor);
    });

    private async Task MoreAsync()
    {
        var cursor = _next;
        await TryAsync(async () =>
        {
            var page = await Caller.RunAsync<ListRepairServices.Handler, Page<RepairServiceView>>(Slug, (h, ct) => h.HandleAsync(new ListRepairServices.Query(50, cursor, null), ct));
            _services = [.. _services ?? [], .. page.Items];
            _next = page.NextCursor;
        });
    }

    private async Task NewAsync()
    {
        _selected = null;
        (_labourKind, _price, _rate, _hours, _vat) = (LabourKinds.Fixed, null, null, null, 20m);
        if (await TryAsync(async () => _choices = await Caller.RunAsync<CatalogPicker.Handler, List<CatalogPicker.Choice>>(Slug, (h, ct) => h.HandleAsync(ct))))
        {
            _newService = _choices.FirstOrDefault()?.ServiceId ?? Guid.Empty;
            _adding = true;
        }
    }

    private LabourInput Labour() => _labourKind == LabourKinds.Fixed
        ? new LabourInput(LabourKinds.Fixed, _price ?? "", null, null)
        : new LabourInput(LabourKinds.Hourly, null, _rate ?? "", _hours ?? 0);

    private async Task CreateAsync()
    {
        RepairServiceView? created = null;
        var input = new CreateRepairServiceInput(_newService, Labour(), _vat);
        if (await TryAsync(async () => created = await Caller.RunAsync<CreateRepairService.Handler, RepairServiceView>(Slug, (h, ct) => h.HandleAsync(input, ct))) && created is not null)
        {
            _adding = false;
            Toasts.Add(T["Saved."], Severity.Success);
            await LoadAsync();
            await SelectAsync(created);
        }
    }

    private async Task SelectAsync(RepairServiceView service)
    {
        _adding = false;
        _shown = null;
        _selected = service;
        (_labourKind, _price, _rate, _hours, _vat) =
            (service.Labour.Kind, service.Labour.Price?.Amount, service.Labour.HourlyRate?.Amount, service.Labour.StandardHours, service.VatRate);
        await TryAsync(async () =>
        {
            var current = await Caller.RunAsync<GetStageTemplate.Handler, StageTemplateVersion>(Slug, (h, ct) => h.HandleAsync(service.ServiceId, ct));
            _baseVersion = current.Number;
            _stages = [.. current.Stages.Select(StageDraft.From)];
            _versions = await Caller.RunAsync<ListStageTemplateVersions.Handler, List<StageTemplateVersionSummary>>(
                Slug, (h, ct) => h.HandleAsync(service.ServiceId, new ListStageTemplateVersions.Query(50, null), ct));
        });
    }

    private async Task SaveLabourAsync()
    {
        if (_selected is not { } selected)
        {
            return;
        }

        RepairServiceView? saved = null;
        var input = new UpdateRepairServiceInput(Labour(), _vat);
        if (await TryAsync(async () => saved = await Caller.RunAsync<UpdateRepairService.Handler, RepairServiceView>(Slug, (h, ct) => h.HandleAsync(selected.ServiceId, input, selected.Version, ct)))
            && saved is not null)
        {
            _selected = saved;
            Toasts.Add(T["Saved."], Severity.Success);
            await LoadAsync();
        }
    }

    private void AddStage() => _stages.Add(new StageDraft { Minutes = 30 });

    private void Move(int index, int step)
    {
        var target = index + step;
        if (target >= 0 && target < _stages.Count)
        {
            Swap(_stages, index, target);
        }
    }

    private static void Swap<TItem>(List<TItem> items, int a, int b)
    {
        if (a >= 0 && b >= 0 && a < items.Count && b < items.Count)
        {
            (items[a], items[b]) = (items[b], items[a]);
        }
    }

    private Task DropAsync(int index)
    {
        if (_dragFrom is { } from && from != index && CanEdit)
        {
            var moved = _stages[from];
            _stages.RemoveAt(from);
            _stages.Insert(index, moved);
        }

        _dragFrom = null;
        return Task.CompletedTask;
    }

    private async Task SaveStagesAsync()
    {
        if (_selected is not { } selected)
        {
            return;
        }

        StageTemplateVersion? saved = null;
        var input = new SaveStageChainInput(_baseVersion, [.. _stages.Select(s => s.Input())]);
        if (await TryAsync(async () => saved = await Caller.RunAsync<SaveStageTemplate.Handler, StageTemplateVersion>(Slug, (h, ct) => h.HandleAsync(selected.ServiceId, input, null, ct)))
            && saved is not null)
        {
            Toasts.Add(T.Format("Saved as version {0}.", saved.Number), Severity.Success);
            await LoadAsync();
            await SelectAsync(_services?.FirstOrDefault(s => s.ServiceId == selected.ServiceId) ?? selected);
        }
    }

    private Task ShowVersionAsync(int number) => _selected is { } selected
        ? TryAsync(async () => _shown = await Caller.RunAsync<GetStageTemplateVersion.Handler, StageTemplateVersion>(Slug, (h, ct) => h.HandleAsync(selected.ServiceId, number, ct)))
        : Task.CompletedTask;

    /// <summary>A stage being edited.</summary>
    private sealed class StageDraft
    {
        public Guid? Id { get; init; }

        public string? Ru { get; set; }

        public string? En { get; set; }

        public int? Minutes { get; set; }

        public string? Skill { get; set; }

        public bool Photo { get; set; }

        public List<string> Checklist { get; init; } = [];

        public List<TemplatePart> Parts { get; init; } = [];

        public static StageDraft From(TemplateStage stage) => new()
        {
            Id = stage.Id,
            Ru = stage.Name.Ru,
            En = stage.Name.En,
            Minutes = stage.ExpectedMinutes,
            Skill = stage.RequiredSkill,
            Photo = stage.PhotoRequired,
            Checklist = [.. stage.Checklist],
            Parts = [.. stage.Parts],
        };

        public TemplateStageInput Input() => new(
            Id, new WorkshopText(En, Ru), Minutes, Skill, [.. Checklist.Where(c => !string.IsNullOrWhiteSpace(c))], Photo,
            [.. Parts.Select(p => new TemplatePartInput(p.ItemId, p.Quantity))]);
    }
}
