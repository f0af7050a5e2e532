using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace Portico.Events;

/// <summary>
/// Messages whose handler kept failing after every retry. An operator lists them, fixes the cause,
/// then replays them (they go back to their queue) or discards them.
/// </summary>
internal static class DeadLetters
{
    internal sealed record DeadLetterResponse(
        Guid Id, string MessageType, string? Queue, string? ExceptionType, string? ExceptionMessage,
        DateTimeOffset? FailedAt, int ReplayCount, bool Replayable, Guid? TenantId, string? EventType);

    internal sealed record DeadLetterPage(IReadOnlyList<DeadLetterResponse> Items, int TotalCount, int Page, int PageSize);

    internal sealed class Handler(IMessageStore store)
    {
        public async Task<DeadLetterPage> ListAsync(string? messageType, string? exceptionType, int page, int pageSize, CancellationToken cancellationToken)
        {
            new Rules()
                .Check(page >= 1, "page", "must be 1 or more.")
                .Check(pageSize is >= 1 and <= 200, "pageSize", "must be between 1 and 200.")
                .ThrowIfInvalid();
            var query = new DeadLetterEnvelopeQuery { PageNumber = page, PageSize = pageSize, MessageType = messageType, ExceptionType = exceptionType };
            var results = await store.DeadLetters.QueryAsync(query, cancellationToken);
            return new DeadLetterPage(results.Envelopes.Select(ToResponse).ToList(), results.TotalCount, page, pageSize);
        }

        public async Task<DeadLetterResponse> GetAsync(Guid id) =>
            await store.DeadLetters.DeadLetterEnvelopeByIdAsync(id, null!) is { } letter ? ToResponse(letter) : throw new NotFoundException("Dead letter", id);

        public async Task ReplayAsync(Guid id, CancellationToken cancellationToken)
        {
            await GetAsync(id);
            await store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), cancellationToken);
        }

        public async Task DiscardAsync(Guid id, CancellationToken cancellationToken)
        {
            await GetAsync(id);
            await store.DeadLetters.DiscardAsync(new DeadLetterEnvelopeQuery([id]), cancellationToken);
        }

        private static DeadLetterResponse ToResponse(DeadLetterEnvelope letter)
        {
            var integrationEvent = letter.Message as Kernel.Events.IntegrationEvent;
            return new DeadLetterResponse(
                letter.Id, letter.MessageType, letter.ReceivedAt, letter.ExceptionType, letter.ExceptionMessage,
                letter.FailedAt ?? letter.SentAt, letter.ReplayCount, letter.Replayable, integrationEvent?.TenantId, integrationEvent?.Type);
        }
    }

    internal static void Map(IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/dead-letters").RequireAuthorization(Policies.PlatformAdmin).WithTags("Admin");
        admin.MapGet("/", async (Handler handler, CancellationToken ct, string? messageType, string? exceptionType, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await handler.ListAsync(messageType, exceptionType, page, pageSize, ct)))
            .WithName("ListDeadLetters").WithSummary("Messages that failed every retry, newest first");
        admin.MapGet("/{id:guid}", async (Guid id, Handler handler) => TypedResults.Ok(await handler.GetAsync(id)))
            .WithName("GetDeadLetter").WithSummary("One dead letter");
        admin.MapPost("/{id:guid}/replay", async (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.ReplayAsync(id, ct);
            return TypedResults.Accepted((string?)null);
        }).WithName("ReplayDeadLetter").WithSummary("Put a dead letter back on its queue");
        admin.MapDelete("/{id:guid}", async (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.DiscardAsync(id, ct);
            return TypedResults.NoContent();
        }).WithName("DiscardDeadLetter").WithSummary("Delete a dead letter for good");
    }
}
