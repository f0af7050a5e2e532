using System.Text.Json;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Crm.Contracts;

namespace Portico.Crm.Activities;

/// <summary>
/// A record's history in one list, newest first: its activities, its stage moves and its field changes (from the
/// audit log, which every write fills in the same transaction). All three have UUIDv7 ids, so a page is a merge of
/// each source's first rows after the cursor, and the cursor is the last id shown.
/// </summary>
internal static class GetTimeline
{
    internal sealed record StageMoveView(Guid? FromStageId, string? FromStageName, Guid ToStageId, string? ToStageName);

    internal sealed record Entry(Guid Id, DateTimeOffset At, string Kind, string Actor, ActivityView? Activity, StageMoveView? StageMove, string? Action, JsonElement? Changes);

    private sealed record Cursor(Guid Before);

    // Entity types as the audit log names them (the CLR type name).
    private static string AuditType(string recordType) => recordType switch
    {
        RecordTypes.Contact => "Contact",
        RecordTypes.Lead => "Lead",
        RecordTypes.Deal => "Deal",
        _ => "CustomRecord",
    };

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, RecordDirectory records)
    {
        public async Task<Page<Entry>> HandleAsync(string recordType, Guid id, PageRequest page, CancellationToken cancellationToken)
        {
            await records.EnsureVisibleAsync(recordType, id, cancellationToken);
            Guid? before = page.Cursor is null ? null : Keyset.DecodeCursor<Cursor>(page.Cursor).Before;
            var take = page.Limit + 1;
            var activities = await db.Activities.AsNoTracking()
                .Where(a => a.RecordId == id && (before == null || a.Id.CompareTo(before.Value) < 0))
                .OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
            var moves = await db.StageMoves.AsNoTracking()
                .Where(m => m.RecordId == id && (before == null || m.Id.CompareTo(before.Value) < 0))
                .OrderByDescending(m => m.Id).Take(take).ToListAsync(cancellationToken);
            var auditType = AuditType(recordType);
            var changes = await db.AuditLog.AsNoTracking()
                .Where(e => e.EntityType == auditType && e.EntityId == id && (before == null || e.Id.CompareTo(before.Value) < 0))
                .OrderByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);
            var stageIds = moves.SelectMany(m => new[] { m.FromStageId, m.ToStageId }).OfType<Guid>().Distinct().ToList();
            var stageNames = await db.Stages.AsNoTracking().Where(s => stageIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

            var entries = activities.Select(a => new Entry(a.Id, a.CreatedAt, "activity", a.Author, ActivityView.From(a), null, null, null))
                .Concat(moves.Select(m => new Entry(m.Id, m.CreatedAt, "stage_move", m.Actor, null,
                    new StageMoveView(m.FromStageId, m.FromStageId is { } f ? stageNames.GetValueOrDefault(f) : null, m.ToStageId, stageNames.GetValueOrDefault(m.ToStageId)), null, null)))
                .Concat(changes.Select(c => new Entry(c.Id, c.OccurredAt, "change", c.Actor, null, null, c.Action, Visible(c.Changes))))
                .Where(e => e.Kind != "change" || e.Changes is not null || e.Action != "updated")
                .OrderByDescending(e => e.Id)
                .Take(take)
                .ToList();
            if (entries.Count <= page.Limit)
            {
                return new Page<Entry>(entries, null);
            }

            entries.RemoveAt(entries.Count - 1);
            return new Page<Entry>(entries, Keyset.EncodeCursor(new Cursor(entries[^1].Id)));
        }

        // Bookkeeping columns say nothing to a reader of the history; a stage or pipeline changes only by a move,
        // which has its own entry with the stages' names.
        private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
        {
            "SearchText", "BoardRank", "UpdatedAt", "CreatedAt", "Version", "StageEnteredAt", "TenantId", "Id", "StageId", "PipelineId",
        };

        private static JsonElement? Visible(string changes)
        {
            using var document = JsonDocument.Parse(changes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var kept = document.RootElement.EnumerateObject().Where(p => !Hidden.Contains(p.Name)).ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.Value.Clone());
            return kept.Count == 0 ? null : JsonSerializer.SerializeToElement(kept);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        foreach (var (path, recordType) in new[] { ("contacts", RecordTypes.Contact), ("leads", RecordTypes.Lead), ("deals", RecordTypes.Deal) })
        {
            tenants.MapGet($"/{{tenant}}/crm/{path}/{{id:guid}}/timeline", async Task<Ok<Page<Entry>>> (Guid id, int? limit, string? cursor, Handler handler, CancellationToken ct) =>
                    TypedResults.Ok(await handler.HandleAsync(recordType, id, PageRequest.From(limit, cursor, null), ct)))
                .WithName($"Get{char.ToUpperInvariant(recordType[0])}{recordType[1..]}Timeline")
                .WithSummary($"The {recordType}'s history, newest first: activities, stage moves and field changes");
        }
    }
}
