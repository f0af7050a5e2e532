using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portico.Messaging.Conversations;

namespace Portico.Messaging.Broadcasts;

/// <summary>
/// Who a broadcast reaches: a bot's users (one private conversation each) who have not blocked it, narrowed by any of
/// <see cref="Tags"/>, any of <see cref="Languages"/> (Telegram's language code, <c>ru</c> matches <c>ru-RU</c>), last
/// activity within or beyond a number of days, and whether their conversation became a lead. Empty: everyone.
/// </summary>
internal sealed record BroadcastSegment(
    string[]? Tags = null, string[]? Languages = null, int? ActiveWithinDays = null, int? InactiveForDays = null, bool? HasLead = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static BroadcastSegment Everyone { get; } = new();

    public static BroadcastSegment Parse(string json) => JsonSerializer.Deserialize<BroadcastSegment>(json, Json) ?? Everyone;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The segment's problems, field by field (prefixed <c>segment.</c>).</summary>
    public Rules Check(Rules rules) => rules
        .Check(Tags is null || (Tags.Length <= 20 && Tags.All(ChatTags.IsValid)), "segment.tags", "must be at most 20 tags of 1 to 50 letters, digits, '-' or '_'.")
        .Check(Languages is null || (Languages.Length <= 20 && Languages.All(l => l is { Length: >= 2 and <= 16 })), "segment.languages", "must be at most 20 language codes such as 'ru' or 'en'.")
        .Check(ActiveWithinDays is null or (>= 1 and <= 3650), "segment.activeWithinDays", "must be 1 to 3650.")
        .Check(InactiveForDays is null or (>= 1 and <= 3650), "segment.inactiveForDays", "must be 1 to 3650.");

    /// <summary>The segment's users of a bot, as a query the database answers (no user is loaded to decide).</summary>
    public IQueryable<ChatUser> Apply(IQueryable<ChatUser> users, MessagingDbContext db, Guid botId, DateTimeOffset now)
    {
        users = users.Where(u => u.BotId == botId && !u.Blocked);
        if (Tags is { Length: > 0 })
        {
            users = users.Where(LikeAny(u => u.Tags, Tags.Select(t => "%" + ChatTags.Marker(t) + "%")));
        }

        if (Languages is { Length: > 0 })
        {
            // lower() in SQL: the culture warnings are about .NET's ToLower, which never runs here.
#pragma warning disable CA1304, CA1311
            users = users.Where(u => u.LanguageCode != null)
                .Where(LikeAny(u => u.LanguageCode!.ToLower(), Languages.SelectMany(l => new[] { l.ToLowerInvariant(), l.ToLowerInvariant() + "-%" })));
#pragma warning restore CA1304, CA1311
        }

        if (ActiveWithinDays is { } within)
        {
            var since = now.AddDays(-within);
            users = users.Where(u => u.LastSeenAt >= since);
        }

        if (InactiveForDays is { } inactive)
        {
            var before = now.AddDays(-inactive);
            users = users.Where(u => u.LastSeenAt < before);
        }

        if (HasLead is { } hasLead)
        {
            users = users.Where(u => db.Conversations.Any(c => c.ChatUserId == u.Id && c.LeadId != null) == hasLead);
        }

        return users;
    }

    /// <summary><c>column LIKE p1 OR column LIKE p2 …</c>: EF translates no <c>Any</c> over a list of patterns.</summary>
    private static Expression<Func<ChatUser, bool>> LikeAny(Expression<Func<ChatUser, string>> column, IEnumerable<string> patterns)
    {
        var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;
        var functions = Expression.Constant(EF.Functions);
        var body = patterns
            .Select(p => (Expression)Expression.Call(like, functions, column.Body, Expression.Constant(p)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<ChatUser, bool>>(body, column.Parameters);
    }
}
