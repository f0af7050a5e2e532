using Portico.Kernel.Tenancy;

namespace Portico.Messaging.Bots;

internal static class ListBots
{
    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        /// <summary>A tenant has a handful of bots: one list, by name.</summary>
        public async Task<IReadOnlyList<BotView>> HandleAsync(CancellationToken cancellationToken) =>
            (await db.Bots.AsNoTracking().OrderBy(b => b.Name).ThenBy(b => b.Id).Take(200).ToListAsync(cancellationToken)).Select(BotView.From).ToList();
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/bots", async Task<Ok<IReadOnlyList<BotView>>> (Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
        .WithName("ListBots")
        .WithSummary("The tenant's bots with their status and counters");
}

internal static class GetBot
{
    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db)
    {
        public async Task<BotView> HandleAsync(Guid id, CancellationToken cancellationToken) => BotView.From(await db.FindBotAsync(id, cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/bots/{id:guid}", async Task<Ok<BotView>> (Guid id, Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
        .WithName("GetBot")
        .WithSummary("A bot: status, last webhook error, settings and counters (never its token)");
}
