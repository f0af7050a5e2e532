using Portico.Crm.Contracts;
using Portico.Crm.Deals;
using Portico.Crm.Leads;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

/// <summary>
/// A pipeline as a board: each stage with its count and value sums (per currency) and its first cards in board
/// order. The list filters and <c>q</c> apply to counts, sums and cards alike; a column's next page is
/// <c>GET .../leads?stageId={id}&amp;sort=rank&amp;cursor={nextCursor}</c> (or deals).
/// </summary>
internal static class GetBoard
{
    internal sealed record Column(Guid Id, string Name, string Kind, int Position, string? Color, int Count, IReadOnlyList<MoneyAmount> Sums, IReadOnlyList<object> Cards, string? NextCursor);

    internal sealed record Board(Guid Id, string Name, string RecordType, IReadOnlyList<Column> Stages);

    private sealed record StageTotal(Guid StageId, string? Currency, int Count, long? Sum);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, ListLeads.Handler leads, ListDeals.Handler deals, CrmAccess access, RequestContext context, SharedBoardReads shared)
    {
        /// <summary>The board after the live event at <paramref name="position"/> of the tenant's stream: unfiltered boards
        /// are read once for every console reloading for that event (see <see cref="SharedBoardReads"/>).</summary>
        public async Task<Board> AfterEventAsync(Guid id, RecordQuery parameters, int limit, long position, CancellationToken cancellationToken)
        {
            if (parameters.Q is not null || parameters.Filters.Count > 0)
            {
                return await HandleAsync(id, parameters, limit, cancellationToken);
            }

            var restrictedTo = await access.RestrictedToAsync(cancellationToken);
            var key = $"{context.RequiredTenantId:N}/{id:N}/{limit}/{restrictedTo:N}/{position}";
            // Not this caller's token: the read is shared, and one closing circuit must not cancel it for the others.
            return await shared.ReadAsync(key, () => HandleAsync(id, parameters, limit, CancellationToken.None));
        }

        public async Task<Board> HandleAsync(Guid id, RecordQuery parameters, int limit, CancellationToken cancellationToken)
        {
            var pipeline = await db.Pipelines.AsNoTracking().Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
                ?? throw new NotFoundException("Pipeline", id);
            var page = new PageRequest(limit, null, "rank");
            var columns = new List<Column>();
            if (pipeline.RecordType == RecordTypes.Lead)
            {
                var (query, sorts) = await leads.QueryAsync(parameters, cancellationToken);
                query = query.Where(l => l.PipelineId == id);
                var totals = await query.GroupBy(l => new { l.StageId, l.Currency })
                    .Select(g => new StageTotal(g.Key.StageId, g.Key.Currency, g.Count(), g.Sum(l => l.ValueMinor)))
                    .ToListAsync(cancellationToken);
                foreach (var stage in pipeline.Stages.OrderBy(s => s.Position))
                {
                    var cards = await query.Where(l => l.StageId == stage.Id).ToPageAsync(page, sorts, cancellationToken);
                    columns.Add(ColumnOf(stage, totals, cards.Items.Select(LeadView.From).ToList<object>(), cards.NextCursor));
                }
            }
            else
            {
                var (query, sorts) = await deals.QueryAsync(parameters, cancellationToken);
                query = query.Where(d => d.PipelineId == id);
                var totals = await query.GroupBy(d => new { d.StageId, d.Currency })
                    .Select(g => new StageTotal(g.Key.StageId, g.Key.Currency, g.Count(), g.Sum(d => d.AmountMinor)))
                    .ToListAsync(cancellationToken);
                foreach (var stage in pipeline.Stages.OrderBy(s => s.Position))
                {
                    var cards = await query.Where(d => d.StageId == stage.Id).ToPageAsync(page, sorts, cancellationToken);
                    columns.Add(ColumnOf(stage, totals, cards.Items.Select(DealView.From).ToList<object>(), cards.NextCursor));
                }
            }

            return new Board(pipeline.Id, pipeline.Name, pipeline.RecordType, columns);
        }

        private static Column ColumnOf(Stage stage, List<StageTotal> totals, IReadOnlyList<object> cards, string? next)
        {
            var mine = totals.Where(t => t.StageId == stage.Id).ToList();
            var sums = mine.Where(t => t.Currency is not null && t.Sum is not null).OrderBy(t => t.Currency, StringComparer.Ordinal)
                .Select(t => Money.View(t.Sum, t.Currency)!).ToList();
            return new Column(stage.Id, stage.Name, stage.Kind, stage.Position, stage.Color, mine.Sum(t => t.Count), sums, cards, next);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/pipelines/{id:guid}/board", async Task<Ok<Board>> (Guid id, int? limit, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var request = PageRequest.From(limit ?? 20, null, null);
            return TypedResults.Ok(await handler.HandleAsync(id, RecordQuery.FromQuery(http.Request.Query), request.Limit, ct));
        })
        .WithName("GetBoard")
        .WithSummary("A pipeline's board: per stage the count, value sums and first cards in board order; list filters and q apply");
}
