using System.Net;
using Portico.Data.Events;
using Portico.WorkOrders.Orders;

namespace Portico.WorkOrders.Tracking;

/// <summary>
/// The client approves or declines the estimate line by line through the signed link, while the order is
/// <c>estimate_sent</c> (else 409 <c>estimate-not-open</c>); every line must be decided (422 naming the missing and
/// unknown ones). The decision is recorded with its time, the client's address and browser. A declined line's stages are
/// skipped and its parts released back to stock, and the totals recomputed; with at least one line approved the order
/// moves to <c>approved</c> as the client's move. With every line declined it stays where it is for the workshop to
/// decide (change the estimate or cancel). Rate-limited per address and order.
/// </summary>
internal static class DecideEstimate
{
    public const string NotOpenCode = "estimate-not-open";
    public const int MaxLines = 200;

    internal sealed record Request(IReadOnlyList<LineDecision?>? Lines);

    internal sealed record LineDecision(Guid? LineId, string? Decision);

    /// <summary>Who decided, as far as the request tells: the address (after the platform's forwarded-headers rules) and the browser.</summary>
    internal sealed record ClientInfo(IPAddress? Address, string? UserAgent);

    internal sealed class Handler(
        PublicWorkshop workshop, TrackingLimits limits, WorkOrdersDbContext db, OrderJournal journal, WorkOrderEditor editor, WorkOrderFlow flow,
        PartReservations reservations, Outbox outbox, GetTracking.Handler views, TimeProvider clock)
    {
        public async Task<TrackingView> HandleAsync(string token, Request request, ClientInfo client, CancellationToken cancellationToken)
        {
            var (order, profile) = await workshop.EnterAsync(token, cancellationToken);
            limits.Acquire(order.Id, client.Address);
            var decisions = request.Lines ?? [];
            var rules = new Rules()
                .Check(request.Lines is not null, "lines", "is required: a decision for every line of the estimate.")
                .Check(decisions.Count <= MaxLines, "lines", $"must have at most {MaxLines} decisions.");
            for (var i = 0; i < Math.Min(decisions.Count, MaxLines); i++)
            {
                rules.Check(decisions[i]?.LineId is { } id && id != Guid.Empty, $"lines[{i}].lineId", "is required.")
                    .Check(decisions[i]?.Decision is Approvals.Approved or Approvals.Declined, $"lines[{i}].decision", "must be approved or declined.");
            }

            rules.ThrowIfInvalid();
            var byLine = new Dictionary<Guid, string>();
            foreach (var decision in decisions)
            {
                rules.Check(byLine.TryAdd(decision!.LineId!.Value, decision.Decision!), "lines", $"decides line {decision.LineId} twice.");
            }

            // The decision is saved before any stock moves: when that save loses a race with the workshop's own write to
            // the order, it is simply made again on the fresh order (checked again) instead of answering the client a 412.
            (HashSet<Guid> Lines, HashSet<Guid> Stages) declined;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    declined = await RecordAsync(order, byLine, rules, client, cancellationToken);
                    break;
                }
                catch (ConcurrencyException) when (attempt < PartReservations.MaxSaveAttempts)
                {
                    db.ChangeTracker.Clear();
                    (order, profile) = await workshop.EnterAsync(token, cancellationToken);
                }
            }

            // Then the declined lines' parts go back to stock, saved the way every stock movement is.
            if (declined.Lines.Count > 0)
            {
                var parts = await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken);
                await editor.ReleaseDeclinedAsync(order, declined.Lines, declined.Stages, parts, cancellationToken);
                await reservations.SaveAfterStockMovedAsync(order, () => reservations.RecountAsync(order, cancellationToken), cancellationToken);
            }

            return await views.ViewAsync(order, profile, cancellationToken);
        }

        /// <summary>Records the client's decision line by line, skips the declined lines' stages and approves the order; returns what was declined.</summary>
        private async Task<(HashSet<Guid> Lines, HashSet<Guid> Stages)> RecordAsync(
            WorkOrder order, Dictionary<Guid, string> byLine, Rules rules, ClientInfo client, CancellationToken cancellationToken)
        {
            if (order.Status != WorkOrderStatuses.EstimateSent)
            {
                throw new ConflictException(
                    $"The estimate is not open for a decision: the order is {order.Status}.", NotOpenCode)
                {
                    Members = new Dictionary<string, object?> { ["current"] = order.Status },
                };
            }

            var lines = await db.Lines.Where(l => l.OrderId == order.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
            var known = lines.Select(l => l.Id).ToHashSet();
            var unknown = byLine.Keys.Where(id => !known.Contains(id)).ToList();
            var missing = lines.Where(l => !byLine.ContainsKey(l.Id)).Select(l => l.Id).ToList();
            rules.Check(unknown.Count == 0, "lines", $"names lines that are not on this estimate: {string.Join(", ", unknown)}.")
                .Check(missing.Count == 0, "lines", $"must decide every line of the estimate; missing: {string.Join(", ", missing)}.")
                .ThrowIfInvalid();

            var now = clock.GetUtcNow();
            journal.ActorOverride = OrderJournal.ClientActor;
            foreach (var line in lines)
            {
                line.Approval = byLine[line.Id];
                line.DecidedAt = now;
                line.DecidedBy = OrderJournal.ClientActor;
            }

            order.ApprovalAddress = client.Address?.ToString() is { } address ? Cut(address, 64) : null;
            order.ApprovalUserAgent = string.IsNullOrWhiteSpace(client.UserAgent) ? null : Cut(client.UserAgent.Trim(), 500);

            var declined = lines.Where(l => l.Approval == Approvals.Declined).Select(l => l.Id).ToHashSet();
            var stages = await db.Stages.Where(s => s.OrderId == order.Id).ToListAsync(cancellationToken);
            var skippedIds = WorkOrderEditor.SkipDeclined(declined, stages);
            order.CountStages(stages);
            journal.Add(order, EntryKinds.LineDecided, null, new
            {
                approved = lines.Where(l => l.Approval == Approvals.Approved).Select(l => l.Id),
                declined,
                skippedStages = skippedIds,
            }, shared: true);
            WorkOrderTotals.Apply(order, lines, await db.Parts.Where(p => p.OrderId == order.Id).ToListAsync(cancellationToken));
            if (declined.Count < lines.Count)
            {
                await flow.MoveAsync(order, WorkOrderStatuses.Approved, null, null, cancellationToken);
            }

            await outbox.SaveChangesAsync(db, cancellationToken);
            return (declined, skippedIds);
        }

        private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/public/work-orders/{token}/estimate", async Task<Ok<TrackingView>> (string token, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var client = new ClientInfo(http.Connection.RemoteIpAddress, http.Request.Headers.UserAgent.ToString());
            var view = await handler.HandleAsync(token, request, client, ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(view);
        })
        .AllowAnonymous()
        .WithTags("Public")
        .WithName("DecideWorkOrderEstimate")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithRequestExample(new
        {
            lines = new object[]
            {
                new { lineId = "0193a1f2-7c3e-7d4a-9b1c-2f3e4d5a6b7c", decision = "approved" },
                new { lineId = "0193a1f2-8d4f-7e5b-8c2d-3f4e5d6a7b8c", decision = "declined" },
            },
        })
        .WithSummary("The client approves or declines each line of the estimate through the signed tracking link (no sign-in), recorded with the time, address and browser; declined lines' stages are skipped and their parts released; with a line approved the order moves to approved (work_order.status_changed); 409 estimate-not-open unless estimate_sent, 422 when a line is missing or unknown, 429 when an address tries too often");
}
