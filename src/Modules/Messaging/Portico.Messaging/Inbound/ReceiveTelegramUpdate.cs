using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Portico.Messaging.Inbound;

/// <summary>
/// <c>POST /api/v1/webhooks/telegram/{botId}</c>, where Telegram pushes a bot's updates. The
/// <c>X-Telegram-Bot-Api-Secret-Token</c> header must match the secret set with the webhook (else 401); the update is
/// stored durably (<see cref="InboundWriter"/>) before the 200, and processed later from the store. A repeated
/// <c>update_id</c> is answered 200 and changes nothing; a body that is not an update is a 400.
/// </summary>
internal static class ReceiveTelegramUpdate
{
    public const string Actor = "system:telegram-webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/webhooks/telegram/{botId:guid}", async Task<Results<Ok, UnauthorizedHttpResult, NotFound, BadRequest<string>>> (
            Guid botId, HttpRequest request, BotDirectory bots, InboundWriter writer, CancellationToken ct) =>
        {
            var bot = await bots.FindAsync(botId, ct);
            if (bot is null)
            {
                return TypedResults.NotFound();
            }

            if (!Bots.BotTokens.Matches(request.Headers[SecretHeader].ToString(), bot.SecretHash))
            {
                return TypedResults.Unauthorized();
            }

            var payload = await ReadUpdateAsync(request, ct);
            if (payload is null)
            {
                throw new BadRequestException("The body must be a Telegram update: a JSON object with an integer update_id.", "not-an-update");
            }

            await writer.StoreAsync(new InboundUpdate { TenantId = bot.TenantId, BotId = botId, UpdateId = payload.Value.UpdateId, Payload = payload.Value.Json }, ct);
            return TypedResults.Ok();
        })
        .AllowAnonymous()
        .WithTags("Messaging")
        .WithName("ReceiveTelegramUpdate")
        .WithSummary("Telegram's webhook for one bot: checks the secret token header, stores the update durably, answers 200")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The body as JSON text with its update_id, or null when it is not an update; at most <see cref="InboundLimits.MaxUpdateBytes"/>.</summary>
    private static async Task<(long UpdateId, string Json)?> ReadUpdateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = InboundLimits.MaxUpdateBytes;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("update_id", out var id)
                || id.ValueKind != JsonValueKind.Number
                || !id.TryGetInt64(out var updateId)
                || updateId < 0)
            {
                return null;
            }

            return (updateId, System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
