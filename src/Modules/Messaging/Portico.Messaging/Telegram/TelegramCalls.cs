using System.Net.Http;

namespace Portico.Messaging.Telegram;

/// <summary>What a member is told when a Bot API call made for them fails: a refused token is a field error, any other refusal a 409 naming Telegram's reason, no answer a 503.</summary>
internal static class TelegramCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, string? tokenField = null)
    {
        try
        {
            return await call();
        }
        catch (TelegramApiException refused) when (refused.ErrorCode is 401 or 404 && tokenField is not null)
        {
            throw new ValidationException(new Dictionary<string, string[]> { [tokenField] = ["Telegram does not know this token (it was revoked or mistyped)."] });
        }
        catch (TelegramApiException refused)
        {
            throw new ConflictException($"Telegram refused: {refused.Description}", "telegram-refused");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OutboundRefusedException or OutboundResponseTooLargeException)
        {
            throw new ServiceUnavailableException("Telegram's Bot API did not answer; try again in a minute.");
        }
    }

    public static Task RunAsync(Func<Task> call) => RunAsync(async () =>
    {
        await call();
        return true;
    });
}
