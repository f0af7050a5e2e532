using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Deliveries;

/// <summary>The tenant's delivery log: every notification, its status and the provider's answer; filtered, keyset-paged.</summary>
internal static class DeliveryLog
{
    internal sealed record Response(
        Guid Id, Guid EventId, string EventType, Guid TriggerId, string Channel, string RecipientKind, string Recipient, Guid? RecipientUserId,
        string? RecipientName, string Locale, string Status, string? ProviderAnswer, int Attempts, DateTimeOffset? ScheduledFor, DateTimeOffset? SentAt,
        string? Subject, string? Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static Response From(Delivery d) => new(
            d.Id, d.EventId, d.EventType, d.TriggerId, d.Channel, d.RecipientKind,
            d.Recipient.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? Masking.Url(d.Recipient)! : d.Recipient,
            d.RecipientUserId, d.RecipientName, d.Locale, d.Status, d.ProviderAnswer, d.Attempts, d.ScheduledFor, d.SentAt, d.Subject, d.Body,
            d.CreatedAt, d.UpdatedAt);
    }

    private static readonly SortFields<Delivery> Sorts = new SortFields<Delivery>("-createdAt")
        .Add("createdAt", d => d.CreatedAt);

    internal sealed record Filter(string? Status, string? Channel, string? EventType, Guid? EventId, Guid? TriggerId, Guid? UserId);

    internal sealed class Handler(NotificationsDbContext db)
    {
        public async Task<Page<Response>> ListAsync(Filter filter, PageRequest page, CancellationToken ct)
        {
            if (filter.Status is not null && !DeliveryStatus.All.Contains(filter.Status))
            {
                throw new BadRequestException($"status must be one of: {string.Join(", ", DeliveryStatus.All)}.", "invalid-filter");
            }

            if (filter.Channel is not null && !ChannelNames.All.Contains(filter.Channel))
            {
                throw new BadRequestException($"channel must be one of: {string.Join(", ", ChannelNames.All)}.", "invalid-filter");
            }

            var query = db.Deliveries.AsNoTracking();
            query = filter.Status is null ? query : query.Where(d => d.Status == filter.Status);
            query = filter.Channel is null ? query : query.Where(d => d.Channel == filter.Channel);
            query = filter.EventType is null ? query : query.Where(d => d.EventType == filter.EventType);
            query = filter.EventId is null ? query : query.Where(d => d.EventId == filter.EventId);
            query = filter.TriggerId is null ? query : query.Where(d => d.TriggerId == filter.TriggerId);
            query = filter.UserId is null ? query : query.Where(d => d.RecipientUserId == filter.UserId);
            return (await query.ToPageAsync(page, Sorts, ct)).Map(Response.From);
        }

        public async Task<Response> GetAsync(Guid id, CancellationToken ct) =>
            Response.From(await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("Delivery", id));
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        var deliveries = tenants.MapGroup("/{tenant}/notifications/deliveries").RequirePermission(NotificationsPermissions.Manage);

        deliveries.MapGet("/", async Task<Ok<Page<Response>>> (
                string? status, string? channel, string? eventType, Guid? eventId, Guid? triggerId, Guid? userId,
                int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(new Filter(status, channel, eventType, eventId, triggerId, userId), PageRequest.From(limit, cursor, sort), ct)))
            .WithName("ListNotificationDeliveries")
            .WithSummary("The delivery log, newest first (filters: status, channel, eventType, eventId, triggerId, userId; sort: createdAt)");

        deliveries.MapGet("/{id:guid}", async Task<Ok<Response>> (Guid id, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(id, ct)))
            .WithName("GetNotificationDelivery").WithSummary("One delivery with the provider's answer");
    }
}
