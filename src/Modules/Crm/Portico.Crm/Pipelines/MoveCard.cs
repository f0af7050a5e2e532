using Portico.Crm.Contracts;
using Portico.Crm.Deals;
using Portico.Crm.Leads;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

/// <summary>Moves a lead or a deal to a stage (of its pipeline or another of the same kind) and a board position.</summary>
internal static class MoveCard
{
    /// <param name="StageId">The stage to move to.</param>
    /// <param name="Position">0-based position in the stage's board column; the end when absent.</param>
    /// <param name="Reason">For a deal moved to a won or lost stage: why.</param>
    internal sealed record Request(Guid? StageId, int? Position, string? Reason);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CardMoves moves, Outbox outbox, TimeProvider clock)
    {
        public async Task<object> HandleAsync(string recordType, Guid id, Request request, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(request.StageId is not null, "stageId", "is required.")
                .Check(request.Position is null or >= 0, "position", "must be 0 or more.")
                .Length(request.Reason?.Trim(), "reason", 0, 500)
                .ThrowIfInvalid();

            IBoardCard card = recordType == RecordTypes.Lead ? await db.FindLeadAsync(id, cancellationToken) : await db.FindDealAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(card is Lead l ? l.AssigneeId : ((Deal)card).AssigneeId, recordType == RecordTypes.Lead ? "Lead" : "Deal", id, cancellationToken);
            var target = await db.Stages.FirstOrDefaultAsync(s => s.Id == request.StageId, cancellationToken);
            var pipeline = target is null ? null : await db.Pipelines.FirstOrDefaultAsync(p => p.Id == target.PipelineId, cancellationToken);
            if (target is null || pipeline is null || pipeline.RecordType != recordType)
            {
                throw ValidationException.For("stageId", $"must be a stage of a {recordType} pipeline.");
            }

            var from = card.StageId == target.Id ? target : await db.Stages.FirstOrDefaultAsync(s => s.Id == card.StageId, cancellationToken);
            var now = clock.GetUtcNow();
            card.BoardRank = await RankAsync(recordType, card.Id, target.Id, request.Position, now, cancellationToken);
            var changed = card.StageId != target.Id;
            if (card is Deal deal && (changed || (request.Reason is not null && target.Kind != StageKinds.Open)))
            {
                deal.Status = target.Kind;
                deal.ClosedAt = target.Kind == StageKinds.Open ? null : deal.ClosedAt is not null && !changed ? deal.ClosedAt : now;
                deal.CloseReason = target.Kind == StageKinds.Open ? null : string.IsNullOrWhiteSpace(request.Reason) ? deal.CloseReason : request.Reason.Trim();
            }

            if (changed)
            {
                moves.Enter(card, from, target, now);
            }

            await outbox.SaveChangesAsync(db, cancellationToken);
            return card is Lead movedLead ? LeadView.From(movedLead) : DealView.From((Deal)card);
        }

        private async Task<double> RankAsync(string recordType, Guid cardId, Guid stageId, int? position, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (position is null)
            {
                return BoardRanks.AtEnd(now);
            }

            var neighbours = await Column(recordType, stageId, cardId).Skip(Math.Max(0, position.Value - 1)).Take(position.Value == 0 ? 1 : 2).ToListAsync(cancellationToken);
            var (before, after) = position.Value == 0
                ? ((double?)null, neighbours.Count > 0 ? neighbours[0].Rank : (double?)null)
                : (neighbours.Count > 0 ? neighbours[0].Rank : null, neighbours.Count > 1 ? neighbours[1].Rank : null);
            if (BoardRanks.Between(before, after, now) is { } rank)
            {
                return rank;
            }

            // The neighbours are too close to split: renumber the column, then place the card.
            var column = await Column(recordType, stageId, cardId).ToListAsync(cancellationToken);
            var ranks = BoardRanks.Renumbered(column.Count).ToList();
            for (var i = 0; i < column.Count; i++)
            {
                await SetRankAsync(recordType, column[i].Id, ranks[i], cancellationToken);
            }

            var index = Math.Min(position.Value, column.Count);
            return index == 0 ? ranks.FirstOrDefault(1024) - 512 : index >= column.Count ? ranks[^1] + 1024 : (ranks[index - 1] + ranks[index]) / 2;
        }

        private IQueryable<CardRank> Column(string recordType, Guid stageId, Guid except) => recordType == RecordTypes.Lead
            ? db.Leads.Where(l => l.StageId == stageId && l.Id != except).OrderBy(l => l.BoardRank).ThenBy(l => l.Id).Select(l => new CardRank(l.Id, l.BoardRank))
            : db.Deals.Where(d => d.StageId == stageId && d.Id != except).OrderBy(d => d.BoardRank).ThenBy(d => d.Id).Select(d => new CardRank(d.Id, d.BoardRank));

        private Task<int> SetRankAsync(string recordType, Guid id, double rank, CancellationToken cancellationToken) => recordType == RecordTypes.Lead
            ? db.Leads.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.BoardRank, rank), cancellationToken)
            : db.Deals.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.BoardRank, rank), cancellationToken);
    }

    private sealed record CardRank(Guid Id, double Rank);

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/crm/leads/{id:guid}/move", async Task<Ok<object>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(RecordTypes.Lead, id, request, ct)))
            .WithName("MoveLead")
            .WithSummary("Move a lead to a stage and board position; a stage change is recorded and raises lead.stage-changed");
        tenants.MapPost("/{tenant}/crm/deals/{id:guid}/move", async Task<Ok<object>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(RecordTypes.Deal, id, request, ct)))
            .WithName("MoveDeal")
            .WithSummary("Move a deal to a stage and board position (won/lost stages close it, with an optional reason); raises deal.stage-changed");
    }
}
