using Portico.Crm.Records;
using Portico.Crm.Settings;

namespace Portico.Crm.Pipelines;

/// <summary>
/// The pipelines a tenant starts with, chosen by its vertical and written in its language. Created on first use
/// of the CRM (not at tenant creation: the CRM owns its data), once; after that they are the tenant's to change.
/// </summary>
internal sealed class DefaultPipelines(CrmDbContext db, CrmAccess access)
{
    private bool _ensured;

    private sealed record Template(string Name, string RecordType, (string Name, string Kind)[] Stages);

    private static (string, string) Open(string name) => (name, StageKinds.Open);

    private static (string, string) Won(string name) => (name, StageKinds.Won);

    private static (string, string) Lost(string name) => (name, StageKinds.Lost);

    private static Template[] For(string vertical, bool russian) => (vertical, russian) switch
    {
        ("studio", false) =>
        [
            new("Inquiries", RecordTypes.Lead, [Open("New inquiry"), Open("Contacted"), Open("Consultation booked"), Won("Became a client"), Lost("Not interested")]),
            new("Services", RecordTypes.Deal, [Open("Consultation"), Open("Sketch / quote sent"), Open("Session booked"), Won("Completed"), Lost("Cancelled")]),
        ],
        ("studio", true) =>
        [
            new("Заявки", RecordTypes.Lead, [Open("Новая заявка"), Open("Связались"), Open("Записан на консультацию"), Won("Стал клиентом"), Lost("Не заинтересован")]),
            new("Услуги", RecordTypes.Deal, [Open("Консультация"), Open("Эскиз / смета отправлены"), Open("Сеанс назначен"), Won("Выполнено"), Lost("Отменено")]),
        ],
        ("workshop", false) =>
        [
            new("Repair requests", RecordTypes.Lead, [Open("New request"), Open("Diagnosis scheduled"), Open("Estimate sent"), Won("Approved"), Lost("Declined")]),
            new("Repairs", RecordTypes.Deal, [Open("Estimate"), Open("Approved"), Open("In repair"), Won("Handed over"), Lost("Refused")]),
        ],
        ("workshop", true) =>
        [
            new("Заявки на ремонт", RecordTypes.Lead, [Open("Новая заявка"), Open("Назначена диагностика"), Open("Смета отправлена"), Won("Согласовано"), Lost("Отказ")]),
            new("Ремонты", RecordTypes.Deal, [Open("Смета"), Open("Согласовано"), Open("В ремонте"), Won("Выдан клиенту"), Lost("Отказ")]),
        ],
        ("bots", false) =>
        [
            new("Bot leads", RecordTypes.Lead, [Open("New from bot"), Open("In conversation"), Open("Qualified"), Won("Converted"), Lost("Spam / lost")]),
            new("Sales", RecordTypes.Deal, [Open("Qualification"), Open("Proposal"), Open("Negotiation"), Won("Won"), Lost("Lost")]),
        ],
        ("bots", true) =>
        [
            new("Лиды из ботов", RecordTypes.Lead, [Open("Новый из бота"), Open("В диалоге"), Open("Квалифицирован"), Won("Конвертирован"), Lost("Спам / потерян")]),
            new("Продажи", RecordTypes.Deal, [Open("Квалификация"), Open("Предложение"), Open("Переговоры"), Won("Успешно"), Lost("Проиграно")]),
        ],
        (_, false) =>
        [
            new("Leads", RecordTypes.Lead, [Open("New"), Open("Contacted"), Open("Qualified"), Won("Converted"), Lost("Unqualified")]),
            new("Sales", RecordTypes.Deal, [Open("Qualification"), Open("Proposal"), Open("Negotiation"), Won("Won"), Lost("Lost")]),
        ],
        (_, true) =>
        [
            new("Лиды", RecordTypes.Lead, [Open("Новый"), Open("Связались"), Open("Квалифицирован"), Won("Конвертирован"), Lost("Не целевой")]),
            new("Продажи", RecordTypes.Deal, [Open("Квалификация"), Open("Предложение"), Open("Переговоры"), Won("Успешно"), Lost("Проиграно")]),
        ],
    };

    /// <summary>Creates the defaults if this tenant never had them. Safe to call on every request that needs a pipeline.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        // Once per unit of work: the answer does not change within it (a lead import or the demo data resolve hundreds of records).
        if (_ensured)
        {
            return;
        }

        if (await db.Settings.AnyAsync(s => s.PipelinesSeeded, cancellationToken) || await db.Pipelines.AnyAsync(cancellationToken))
        {
            _ensured = true;
            return;
        }

        var profile = await access.ProfileAsync(cancellationToken);
        var position = 0;
        foreach (var template in For(profile.Vertical, profile.Locale.StartsWith("ru", StringComparison.Ordinal)))
        {
            var pipeline = new Pipeline { TenantId = access.TenantId, Name = template.Name, RecordType = template.RecordType, Position = position++, IsDefault = true };
            pipeline.Stages.AddRange(template.Stages.Select((s, i) => new Stage { TenantId = access.TenantId, PipelineId = pipeline.Id, Name = s.Name, Kind = s.Kind, Position = i }));
            db.Pipelines.Add(pipeline);
        }

        var settings = await db.Settings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.Settings.Add(new CrmSettings { TenantId = access.TenantId, PipelinesSeeded = true });
        }
        else
        {
            settings.PipelinesSeeded = true;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            // Another request seeded them at the same moment (the settings row is unique per tenant). Only what this call
            // added is forgotten: the rest of the caller's unit of work stays to be saved.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is Pipeline or Stage or CrmSettings).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }

        _ensured = true;
    }

    /// <summary>The pipeline a new record goes to, and its stage: the named ones (checked), or the default pipeline's first open stage.</summary>
    public async Task<(Pipeline Pipeline, Stage Stage)> ResolveAsync(string recordType, Guid? pipelineId, Guid? stageId, Rules rules, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        Pipeline? pipeline;
        if (stageId is { } sid)
        {
            var stage = await db.Stages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, cancellationToken);
            pipeline = stage is null ? null : await db.Pipelines.AsNoTracking().Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == stage.PipelineId, cancellationToken);
            if (pipeline is null || pipeline.RecordType != recordType || (pipelineId is not null && pipelineId != pipeline.Id))
            {
                rules.Check(false, "stageId", $"must be a stage of a {recordType} pipeline{(pipelineId is null ? "" : " (the one given as pipelineId)")}.");
                rules.ThrowIfInvalid();
            }

            return (pipeline!, pipeline!.Stages.First(s => s.Id == sid));
        }

        pipeline = await db.Pipelines.AsNoTracking().Include(p => p.Stages)
            .Where(p => p.RecordType == recordType && (pipelineId == null ? p.IsDefault : p.Id == pipelineId))
            .OrderBy(p => p.Position)
            .FirstOrDefaultAsync(cancellationToken)
            ?? (pipelineId is null ? await db.Pipelines.AsNoTracking().Include(p => p.Stages).Where(p => p.RecordType == recordType).OrderBy(p => p.Position).FirstOrDefaultAsync(cancellationToken) : null);
        if (pipeline is null || pipeline.Stages.Count == 0)
        {
            rules.Check(false, pipelineId is null ? "pipelineId" : "pipelineId", pipelineId is null ? $"is required: the tenant has no {recordType} pipeline with stages." : $"must be a {recordType} pipeline with stages.");
            rules.ThrowIfInvalid();
        }

        var first = pipeline!.Stages.OrderBy(s => s.Position).FirstOrDefault(s => s.Kind == StageKinds.Open) ?? pipeline.Stages.OrderBy(s => s.Position).First();
        return (pipeline, first);
    }
}
