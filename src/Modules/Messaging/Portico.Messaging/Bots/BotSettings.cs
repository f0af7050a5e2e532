using System.Text.Json;

namespace Portico.Messaging.Bots;

/// <summary>An auto-reply: a message containing <see cref="Keyword"/> (case-insensitive) is answered with <see cref="Answer"/>.</summary>
internal sealed record AutoReply(string Keyword, string Answer);

/// <summary>
/// When a bot's conversation becomes a CRM lead (any rule that matches): the user's first message, a <c>/start</c>
/// (with one of <see cref="StartPayloads"/> when given), a message containing one of <see cref="Keywords"/>, a shared
/// phone contact, or the last answer of the <see cref="Questions"/> the bot asks one by one after <c>/start</c>.
/// </summary>
internal sealed record LeadCaptureSettings(
    bool OnFirstMessage = false, bool OnStart = false, string[]? StartPayloads = null, string[]? Keywords = null, bool OnContactShared = false, string[]? Questions = null)
{
    public const int MaxQuestions = 10;

    public bool Enabled => OnFirstMessage || OnStart || OnContactShared || Keywords is { Length: > 0 } || Questions is { Length: > 0 };
}

/// <summary>Reading and checking a bot's JSON settings.</summary>
internal static class BotSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<AutoReply> AutoRepliesOf(Bot bot) => JsonSerializer.Deserialize<AutoReply[]>(bot.AutoReplies, Json) ?? [];

    public static LeadCaptureSettings LeadCaptureOf(Bot bot) => JsonSerializer.Deserialize<LeadCaptureSettings>(bot.LeadCapture, Json) ?? new();

    public static string Store(IReadOnlyList<AutoReply> replies) => JsonSerializer.Serialize(replies, Json);

    public static string Store(LeadCaptureSettings settings) => JsonSerializer.Serialize(settings, Json);

    public static Rules Check(this Rules rules, IReadOnlyList<AutoReply>? replies)
    {
        if (replies is null)
        {
            return rules;
        }

        rules.Check(replies.Count <= 50, "autoReplies", "must be at most 50 rules.");
        for (var i = 0; i < replies.Count; i++)
        {
            rules.Check(replies[i] is { Keyword.Length: > 0 and <= 100 }, $"autoReplies[{i}].keyword", "must be 1 to 100 characters.")
                .Check(replies[i] is { Answer.Length: > 0 and <= 4096 }, $"autoReplies[{i}].answer", "must be 1 to 4096 characters.");
        }

        return rules;
    }

    public static Rules Check(this Rules rules, LeadCaptureSettings? settings)
    {
        if (settings is null)
        {
            return rules;
        }

        rules.Check(settings.Questions is null || settings.Questions.Length <= LeadCaptureSettings.MaxQuestions, "leadCapture.questions", $"must be at most {LeadCaptureSettings.MaxQuestions} questions.")
            .Check(settings.Questions is null || settings.Questions.All(q => q is { Length: > 0 and <= 500 }), "leadCapture.questions", "must each be 1 to 500 characters.")
            .Check(settings.Keywords is null || (settings.Keywords.Length <= 50 && settings.Keywords.All(k => k is { Length: > 0 and <= 100 })), "leadCapture.keywords", "must be at most 50 keywords of 1 to 100 characters.")
            .Check(settings.StartPayloads is null || (settings.StartPayloads.Length <= 50 && settings.StartPayloads.All(p => p is { Length: > 0 and <= 64 })), "leadCapture.startPayloads", "must be at most 50 payloads of 1 to 64 characters.");
        return rules;
    }
}
