using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Portico.Kernel.Security;

namespace Portico.Messaging.Inbound;

/// <summary>
/// <c>POST /api/v1/webhooks/telegram/{botId}</c>, where Telegram pushes a bot's updates. The
/// <c>X-Telegram-Bot-Api-Secret-Token</c> header must match the secret set with the webhook (else 401); the update is
/// stored durably (<see cref="InboundWriter"/>) before the 200, and processed later from the store. A repeated
/// <c>update_id</c> is answered 200 and changes nothing; a body that is not an update is a 400, one over
/// <see cref="InboundLimits.MaxUpdateBytes"/> a 413.
/// </summary>
/// <remarks>
/// The endpoint short-circuits the middleware pipeline (the routing middleware runs it as soon as it matches): a
/// webhook has no user, tenant route, cookie, CORS, locale, idempotency key or rate limit, and at thousands of updates
/// a second the pipeline cost as much CPU as the endpoint itself. So it does itself what that pipeline would have
/// done for it: its errors are problem details, a 401 is reported as a security event, and the body is capped.
/// </remarks>
internal static class ReceiveTelegramUpdate
{
    public const string Actor = "system:telegram-webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/webhooks/telegram/{botId:guid}", async Task<Results<Ok, ProblemHttpResult>> (
            Guid botId, HttpContext http, BotDirectory bots, InboundWriter writer, SecurityEvents events, CancellationToken ct) =>
        {
            var bot = await bots.FindAsync(botId, ct);
            if (bot is null)
            {
                return Problem(StatusCodes.Status404NotFound, "not-found", $"No resource matches '{http.Request.Path}'.");
            }

            if (!bot.SecretMatches(http.Request.Headers[SecretHeader].ToString()))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                events.AccessDenied(http);
                return Problem(StatusCodes.Status401Unauthorized, "unauthorized", null);
            }

            var body = await ReadUpdateAsync(http, ct);
            if (body.Problem is { } problem)
            {
                return problem;
            }

            try
            {
                await writer.StoreAsync(new InboundUpdate { TenantId = bot.TenantId, BotId = botId, UpdateId = body.UpdateId, Payload = body.Json! }, ct);
            }
            catch (ServiceUnavailableException unavailable)
            {
                return Problem(StatusCodes.Status503ServiceUnavailable, unavailable.Code, unavailable.Message);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The server is stopping: the update was not stored; Telegram sends it again.
                return Problem(StatusCodes.Status503ServiceUnavailable, "upstream-unavailable", "The server is restarting; send the update again.");
            }

            return TypedResults.Ok();
        })
        .ShortCircuit()
        .AllowAnonymous()
        .WithTags("Messaging")
        .WithName("ReceiveTelegramUpdate")
        .WithSummary("Telegram's webhook for one bot: checks the secret token header, stores the update durably, answers 200")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private readonly record struct Body(long UpdateId, string? Json, ProblemHttpResult? Problem);

    /// <summary>Reads the body (at most <see cref="InboundLimits.MaxUpdateBytes"/>) as it arrived: its update_id and its text, or the problem with it.</summary>
    private static async Task<Body> ReadUpdateAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > InboundLimits.MaxUpdateBytes)
        {
            return new Body(0, null, TooLarge());
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = InboundLimits.MaxUpdateBytes;
        }

        var reader = http.Request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                if (buffer.Length > InboundLimits.MaxUpdateBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    return new Body(0, null, TooLarge());
                }

                if (read.IsCompleted)
                {
                    // The whole body, usually one segment of Kestrel's buffers: scanned for update_id and decoded once, never copied.
                    var body = UpdateIdOf(buffer) is { } updateId
                        ? new Body(updateId, Encoding.UTF8.GetString(buffer), null)
                        : new Body(0, null, Problem(StatusCodes.Status400BadRequest, "not-an-update", "The body must be a Telegram update: a JSON object with an integer update_id."));
                    reader.AdvanceTo(buffer.End);
                    return body;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Body(0, null, TooLarge());
        }
    }

    /// <summary>
    /// The update_id of a Telegram update, or null when the body is not one: valid JSON whose root is an object with an
    /// integer <c>update_id</c> of 0 or more (the last one counts if it is repeated, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> reads it).
    /// </summary>
    internal static long? UpdateIdOf(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            long? updateId = null;
            // Every token is read, so a body that is not JSON to its end is refused here, not by the processor later.
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("update_id"u8))
                {
                    reader.Read();
                    updateId = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id) && id >= 0 ? id : null;
                }
            }

            return updateId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is larger than this endpoint accepts.");

    private static ProblemHttpResult Problem(int status, string code, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, type: PorticoProblemException.TypeBase + code);
}
