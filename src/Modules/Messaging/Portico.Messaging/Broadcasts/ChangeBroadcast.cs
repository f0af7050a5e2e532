using Portico.Data.Events;
using Portico.Kernel.Tenancy;
using Portico.Messaging.Contracts;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Broadcasts;

/// <summary>What starting, pausing, resuming and cancelling a broadcast do, whoever asks (a member, or the job when its bot is gone).</summary>
internal static class BroadcastChanges
{
    /// <summary>Queues the broadcast's next run with a new token (any slice still holding an older one stops): now, or at its scheduled time.</summary>
    public static void Queue(Outbox outbox, RequestContext context, Broadcast broadcast, DateTimeOffset now)
    {
        broadcast.RunToken = Guid.NewGuid();
        var run = new RunBroadcast(context.RequiredTenantId, context.TenantSlug ?? "", broadcast.Id, broadcast.RunToken);
        if (broadcast.ScheduledAt > now)
        {
            outbox.Schedule(run, broadcast.ScheduledAt);
        }
        else
        {
            outbox.Send(run);
        }
    }

    /// <summary>
    /// Cancels it: the recipients still queued are marked cancelled (a batch being sent right now still records what it
    /// sent, since marking does not touch a row's version), and no slice runs again.
    /// </summary>
    public static async Task CancelAsync(MessagingDbContext db, Outbox outbox, Broadcast broadcast, DateTimeOffset now, CancellationToken cancellationToken)
    {
        broadcast.Status = BroadcastStatuses.Cancelled;
        broadcast.FinishedAt = now;
        broadcast.RunToken = Guid.NewGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Messages.Where(m => m.BroadcastId == broadcast.Id && m.DeliveryStatus == DeliveryStatuses.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, DeliveryStatuses.Cancelled), cancellationToken);
        var counts = await db.Broadcasts.AsNoTracking().Where(b => b.Id == broadcast.Id).Select(b => new { b.Sent, b.Failed, b.Blocked }).FirstAsync(cancellationToken);
        outbox.Publish(new BroadcastProgress(broadcast.Id, broadcast.BotId, broadcast.Status, broadcast.Total, counts.Sent, counts.Failed, counts.Blocked));
        await outbox.SaveChangesAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Pausing, resuming and cancelling a broadcast; a change its status does not allow is a 409.</summary>
internal static class ChangeBroadcast
{
    [RequiresPermission(MessagingPermissions.ManageBots)]
    internal sealed class Handler(MessagingDbContext db, Outbox outbox, RequestContext context, TimeProvider clock)
    {
        public async Task<BroadcastView> PauseAsync(Guid id, CancellationToken cancellationToken)
        {
            var broadcast = await db.FindBroadcastAsync(id, cancellationToken);
            Require(broadcast, "paused", BroadcastStatuses.Scheduled, BroadcastStatuses.Running);
            broadcast.Status = BroadcastStatuses.Paused;
            broadcast.RunToken = Guid.NewGuid();
            return await SaveAsync(broadcast, cancellationToken);
        }

        public async Task<BroadcastView> ResumeAsync(Guid id, CancellationToken cancellationToken)
        {
            var broadcast = await db.FindBroadcastAsync(id, cancellationToken);
            Require(broadcast, "resumed", BroadcastStatuses.Paused);
            broadcast.Status = broadcast.StartedAt is null ? BroadcastStatuses.Scheduled : BroadcastStatuses.Running;
            BroadcastChanges.Queue(outbox, context, broadcast, clock.GetUtcNow());
            return await SaveAsync(broadcast, cancellationToken);
        }

        public async Task<BroadcastView> CancelAsync(Guid id, CancellationToken cancellationToken)
        {
            var broadcast = await db.FindBroadcastAsync(id, cancellationToken);
            Require(broadcast, "cancelled", BroadcastStatuses.Scheduled, BroadcastStatuses.Running, BroadcastStatuses.Paused);
            await BroadcastChanges.CancelAsync(db, outbox, broadcast, clock.GetUtcNow(), cancellationToken);
            return BroadcastView.From(await db.Broadcasts.AsNoTracking().FirstAsync(b => b.Id == id, cancellationToken));
        }

        private static void Require(Broadcast broadcast, string change, params string[] from)
        {
            if (!from.Contains(broadcast.Status))
            {
                throw new ConflictException($"A {broadcast.Status} broadcast cannot be {change}.", "broadcast-status");
            }
        }

        private async Task<BroadcastView> SaveAsync(Broadcast broadcast, CancellationToken cancellationToken)
        {
            outbox.Publish(new BroadcastProgress(broadcast.Id, broadcast.BotId, broadcast.Status, broadcast.Total, broadcast.Sent, broadcast.Failed, broadcast.Blocked));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return BroadcastView.From(broadcast);
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{tenant}/broadcasts/{id:guid}/pause", async Task<Ok<BroadcastView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.PauseAsync(id, ct)))
            .WithName("PauseBroadcast")
            .WithSummary("Pause a scheduled or running broadcast (the batch being sent finishes); 409 in any other status");
        tenants.MapPost("/{tenant}/broadcasts/{id:guid}/resume", async Task<Ok<BroadcastView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ResumeAsync(id, ct)))
            .WithName("ResumeBroadcast")
            .WithSummary("Resume a paused broadcast where it stopped (or at its scheduled time, if it had not started)");
        tenants.MapPost("/{tenant}/broadcasts/{id:guid}/cancel", async Task<Ok<BroadcastView>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.CancelAsync(id, ct)))
            .WithName("CancelBroadcast")
            .WithSummary("Cancel a broadcast: recipients not yet sent to are marked cancelled; 409 once it has finished");
    }
}
