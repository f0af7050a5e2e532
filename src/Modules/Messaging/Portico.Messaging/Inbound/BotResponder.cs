using Portico.Messaging.Bots;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Inbound;

/// <summary>What a bot does about one incoming message: the texts it answers, the question it asks next, and whether the conversation becomes (or updates) a lead.</summary>
internal sealed record BotResponse(IReadOnlyList<string> Replies, bool CaptureLead, int? NextQuestion, IReadOnlyDictionary<string, string> Answers);

/// <summary>
/// A bot's rules as one pure function (unit-tested): the welcome message on a user's first message or <c>/start</c>;
/// the question flow (after <c>/start</c>, or a first message, one question at a time, each answer stored under its
/// question, the last answer capturing the lead); the lead capture rules; and the first matching auto-reply.
/// </summary>
internal static class BotResponder
{
    public static BotResponse Decide(
        string? welcome, IReadOnlyList<AutoReply> autoReplies, LeadCaptureSettings capture, TelegramUpdate update, bool firstMessage,
        int? questionAsked, IReadOnlyDictionary<string, string> answers)
    {
        var replies = new List<string>();
        var collected = new Dictionary<string, string>(answers, StringComparer.Ordinal);
        var questions = capture.Questions ?? [];
        if (update.Kind is MessageKinds.Edit or MessageKinds.Callback)
        {
            return new BotResponse(replies, false, questionAsked, collected);
        }

        if ((firstMessage || update.IsStart) && !string.IsNullOrWhiteSpace(welcome))
        {
            replies.Add(welcome);
        }

        var text = update.Text ?? "";
        var captureLead = (capture.OnFirstMessage && firstMessage)
            || (capture.OnStart && update.IsStart && (capture.StartPayloads is not { Length: > 0 } payloads || (update.StartPayload is { } payload && payloads.Contains(payload, StringComparer.Ordinal))))
            || (capture.OnContactShared && update.Kind == MessageKinds.Contact)
            || (capture.Keywords?.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase)) ?? false);

        int? next = questionAsked;
        if (questions.Length > 0)
        {
            if (update.IsStart || (firstMessage && questionAsked is null))
            {
                next = 0;
                replies.Add(questions[0]);
                return new BotResponse(replies, captureLead, next, collected);
            }

            if (questionAsked is { } asked && asked < questions.Length)
            {
                collected[questions[asked]] = update.Kind == MessageKinds.Contact ? update.Data ?? text : text;
                if (asked + 1 < questions.Length)
                {
                    replies.Add(questions[asked + 1]);
                    return new BotResponse(replies, captureLead, asked + 1, collected);
                }

                // The last answer: the flow is complete and the lead gets every answer.
                return new BotResponse(replies, true, null, collected);
            }
        }

        if (!update.IsStart && autoReplies.FirstOrDefault(r => text.Contains(r.Keyword, StringComparison.OrdinalIgnoreCase)) is { } rule)
        {
            replies.Add(rule.Answer);
        }

        return new BotResponse(replies, captureLead, next, collected);
    }
}
