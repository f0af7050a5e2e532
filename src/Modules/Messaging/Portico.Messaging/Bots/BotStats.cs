using Portico.Kernel.Tenancy;
using Portico.Messaging.Conversations;
using Portico.Tenancy.Contracts;

namespace Portico.Messaging.Bots;

/// <summary>A range's (or a bucket's) figures: messages in and out, users, leads, and the median first-response time.</summary>
/// <param name="MessagesIn">Messages from Telegram users.</param>
/// <param name="MessagesOut">Messages the bot sent (answers, members' replies, broadcasts); queued and failed ones are not counted.</param>
/// <param name="UniqueUsers">Users who wrote at least once (each chat counted once).</param>
/// <param name="NewUsers">Users who wrote to the bot for the first time.</param>
/// <param name="Leads">Conversations that became a CRM lead.</param>
/// <param name="FirstResponses">Members' replies that answered a waiting user.</param>
/// <param name="MedianFirstResponseSeconds">The median of those replies' waits, in seconds; null when there were none.</param>
internal sealed record BotStatsTotals(int MessagesIn, int MessagesOut, int UniqueUsers, int NewUsers, int Leads, int FirstResponses, double? MedianFirstResponseSeconds);

/// <summary>One hour or day of a range, from <paramref name="Start"/> (a UTC instant that is the hour's or day's start in the range's time zone).</summary>
internal sealed record BotStatsBucket(DateTimeOffset Start, int MessagesIn, int MessagesOut, int UniqueUsers, int NewUsers, int Leads, int FirstResponses, double? MedianFirstResponseSeconds);

/// <summary>A bot's analytics over <c>[from, to)</c> in buckets of an hour or a day of <c>timeZone</c>; every bucket is listed, empty ones too.</summary>
internal sealed record BotStatsView(Guid BotId, DateTimeOffset From, DateTimeOffset To, string Interval, string TimeZone, BotStatsTotals Totals, IReadOnlyList<BotStatsBucket> Buckets);

/// <summary>One bot's totals in the all-bots analytics.</summary>
internal sealed record BotStatsOfBot(Guid BotId, string Name, string Username, BotStatsTotals Totals);

/// <summary>The analytics of all the tenant's bots together, with each bot's totals.</summary>
internal sealed record BotsStatsView(DateTimeOffset From, DateTimeOffset To, string Interval, string TimeZone, BotStatsTotals Totals, IReadOnlyList<BotStatsBucket> Buckets, IReadOnlyList<BotStatsOfBot> Bots);

/// <summary>
/// Bot analytics: messages in and out, unique and new users, leads and the median first-response time, per hour or per
/// day of the tenant's time zone (or the one asked for). Rows are counted by an aligned slot of UTC time (a whole day at
/// a fixed offset, else an hour or a quarter hour) that never straddles a bucket; the slots are then summed into
/// buckets here, which keeps days exact across daylight-saving changes on both providers. A request is three
/// statements: the bot (or the tenant's bots); the messages of the range through the <c>(tenant_id, bot_id, at)</c>
/// index, grouped by slot and chat on PostgreSQL, read as compact rows on SQLite (unique users and the first-response
/// values come with them); and new users with leads, grouped by slot in one <c>UNION ALL</c>.
/// </summary>
internal static class BotStats
{
    public const string Hour = "hour";
    public const string Day = "day";

    public static readonly string[] Intervals = [Hour, Day];

    internal sealed record Query(DateTimeOffset? From, DateTimeOffset? To, string? Interval, string? TimeZone);

    [RequiresPermission(MessagingPermissions.Read)]
    internal sealed class Handler(MessagingDbContext db, RequestContext request, ITenantProfiles tenants, TimeProvider clock)
    {
        public async Task<BotStatsView> ForBotAsync(Guid id, Query query, CancellationToken cancellationToken)
        {
            var range = await RangeAsync(query, cancellationToken);
            var bot = await db.FindBotAsync(id, cancellationToken);
            var figures = await CountAsync([bot.Id], range, cancellationToken);
            return new BotStatsView(bot.Id, range.From, range.To, range.Interval, range.ZoneName, figures.Totals(), figures.Buckets());
        }

        public async Task<BotsStatsView> ForAllAsync(Query query, CancellationToken cancellationToken)
        {
            var range = await RangeAsync(query, cancellationToken);
            var bots = await db.Bots.AsNoTracking().OrderBy(b => b.Name).ThenBy(b => b.Id).Take(200)
                .Select(b => new { b.Id, b.Name, b.Username }).ToListAsync(cancellationToken);
            var figures = await CountAsync(bots.ConvertAll(b => b.Id), range, cancellationToken);
            return new BotsStatsView(range.From, range.To, range.Interval, range.ZoneName, figures.Totals(), figures.Buckets(),
                bots.ConvertAll(b => new BotStatsOfBot(b.Id, b.Name, b.Username, figures.Totals(b.Id))));
        }

        private async Task<StatsRange> RangeAsync(Query query, CancellationToken cancellationToken)
        {
            var interval = query.Interval ?? Day;
            if (!Intervals.Contains(interval))
            {
                throw new BadRequestException($"interval must be one of: {string.Join(", ", Intervals)}.", "invalid-filter");
            }

            var zoneName = query.TimeZone ?? (await tenants.FindAsync(request.RequiredTenantId, cancellationToken))?.TimeZone ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
            {
                throw new BadRequestException("timeZone must be an IANA time zone such as Europe/Moscow.", "invalid-filter");
            }

            var to = query.To ?? clock.GetUtcNow();
            var from = query.From ?? StatsRange.DefaultFrom(to, interval, zone);
            new Rules().Check(from >= StatsRange.Earliest && from < StatsRange.Latest, "from", "must be between 2000-01-01 and 2100-01-01.")
                .Check(to >= StatsRange.Earliest && to <= StatsRange.Latest, "to", "must be between 2000-01-01 and 2100-01-01.")
                .ThrowIfInvalid();
            var longest = interval == Hour ? StatsRange.LongestHourly : StatsRange.LongestDaily;
            new Rules().Check(from < to, "from", "must be before to.")
                .Check(to - from <= longest, "to", $"must be at most {longest.TotalDays:0} days after from for {(interval == Hour ? "hourly" : "daily")} buckets.")
                .ThrowIfInvalid();
            return new StatsRange(from.ToUniversalTime(), to.ToUniversalTime(), interval, zoneName, zone);
        }

        private async Task<StatsFigures> CountAsync(List<Guid> bots, StatsRange range, CancellationToken cancellationToken)
        {
            var starts = range.BucketStarts();
            var (size, shift) = StatsRange.Slots(starts, range);
            var figures = new StatsFigures(starts, size, shift);
            if (bots.Count == 0)
            {
                return figures;
            }

            var (from, to) = (range.From, range.To);
            var messages = db.Messages.AsNoTracking().Where(m => m.At >= from && m.At < to);
            var users = db.ChatUsers.AsNoTracking().Where(u => u.CreatedAt >= from && u.CreatedAt < to);
            var leads = db.Conversations.AsNoTracking().Where(c => c.LeadCapturedAt >= from && c.LeadCapturedAt < to);
            if (bots.Count == 1)
            {
                // An equality, so the (tenant_id, bot_id, at) index is read as one range.
                var bot = bots[0];
                messages = messages.Where(m => m.BotId == bot);
                users = users.Where(u => u.BotId == bot);
                leads = leads.Where(c => c.BotId == bot);
            }
            else
            {
                messages = messages.Where(m => bots.Contains(m.BotId));
                users = users.Where(u => bots.Contains(u.BotId));
                leads = leads.Where(c => bots.Contains(c.BotId));
            }

            // Queued and failed answers are not out.
            messages = messages.Where(m => m.Direction == MessageDirections.In || m.DeliveryStatus == DeliveryStatuses.Sent);
            if (db.IsPostgres)
            {
                await CountGroupedAsync(messages, figures, shift, size, cancellationToken);
            }
            else
            {
                // SQLite groups by sorting (it has no hash aggregate): at 200 000 messages that sort and the slot computed per
                // row cost twice the CPU of reading the rows. So it reads them, in index order, as compact rows and they are
                // summed here (0.25 s of SQLite and about as much here at 200 000 rows, against about 1 s grouped).
                var rows = messages.Select(m => new { m.BotId, m.At, m.Direction, m.ConversationId, m.ResponseSeconds }).AsAsyncEnumerable();
                await foreach (var m in rows.WithCancellation(cancellationToken))
                {
                    var incoming = m.Direction == MessageDirections.In;
                    figures.AddMessages(m.BotId, (m.At.ToUnixTimeSeconds() + shift) / size, incoming, incoming ? m.ConversationId : null, incoming ? null : m.ResponseSeconds, 1);
                }
            }

            var arrivals = await users.GroupBy(u => new { u.BotId, Slot = (MessagingSql.Seconds(u.CreatedAt) + shift) / size })
                .Select(g => new { Lead = false, g.Key.BotId, g.Key.Slot, Count = g.Count() })
                .Concat(leads.GroupBy(c => new { c.BotId, Slot = (MessagingSql.Seconds(c.LeadCapturedAt!.Value) + shift) / size })
                    .Select(g => new { Lead = true, g.Key.BotId, g.Key.Slot, Count = g.Count() }))
                .ToListAsync(cancellationToken);
            foreach (var a in arrivals)
            {
                figures.AddArrivals(a.BotId, a.Slot, a.Lead, a.Count);
            }

            return figures;
        }

        /// <summary>
        /// Incoming messages by slot and chat (unique users are counted over buckets from these), outgoing ones by slot
        /// with each first-response value apart (the median is taken from these): a hash aggregate on PostgreSQL.
        /// </summary>
        private static async Task CountGroupedAsync(IQueryable<ChatMessage> messages, StatsFigures figures, long shift, long size, CancellationToken cancellationToken)
        {
            var groups = await messages
                .GroupBy(m => new
                {
                    m.BotId,
                    Slot = (MessagingSql.Seconds(m.At) + shift) / size,
                    m.Direction,
                    Chat = m.Direction == MessageDirections.In ? (Guid?)m.ConversationId : null,
                    Response = m.Direction == MessageDirections.In ? null : m.ResponseSeconds,
                })
                .Select(g => new { g.Key.BotId, g.Key.Slot, g.Key.Direction, g.Key.Chat, g.Key.Response, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var g in groups)
            {
                figures.AddMessages(g.BotId, g.Slot, g.Direction == MessageDirections.In, g.Chat, g.Response, g.Count);
            }
        }
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/bots/{id:guid}/stats", async Task<Ok<BotStatsView>> (Guid id, [AsParameters] Query query, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForBotAsync(id, query, ct)))
            .WithName("GetBotStats")
            .WithSummary("A bot's analytics per hour or day (from, to: ISO 8601; interval = hour or day; timeZone: IANA, the tenant's by default): messages in and out, unique and new users, leads, median first-response time")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tenants.MapGet("/{tenant}/bots/stats", async Task<Ok<BotsStatsView>> ([AsParameters] Query query, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForAllAsync(query, ct)))
            .WithName("GetAllBotsStats")
            .WithSummary("The analytics of all the tenant's bots together per hour or day, with each bot's totals (same parameters as a bot's stats)")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>The range asked for, its buckets' starts in its time zone, and the slot of UTC time the database groups by.</summary>
internal sealed record StatsRange(DateTimeOffset From, DateTimeOffset To, string Interval, string ZoneName, TimeZoneInfo Zone)
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan LongestHourly = TimeSpan.FromDays(31);
    public static readonly TimeSpan LongestDaily = TimeSpan.FromDays(366);

    /// <summary>
    /// The start of the last <paramref name="count"/> hours or days that end with <paramref name="to"/>, the current one
    /// included; without <c>from</c>, 24 hours or 7 days.
    /// </summary>
    public static DateTimeOffset DefaultFrom(DateTimeOffset to, string interval, TimeZoneInfo zone, int? count = null)
    {
        var last = Floor(to.AddTicks(-1), interval, zone);
        return interval == BotStats.Hour
            ? Floor(last.AddHours(-((count ?? 24) - 1)), interval, zone)
            : MidnightOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last, zone).DateTime).AddDays(-((count ?? 7) - 1)), zone);
    }

    /// <summary>Every bucket's start, the first being the hour or day that holds <see cref="From"/>.</summary>
    public IReadOnlyList<DateTimeOffset> BucketStarts()
    {
        var starts = new List<DateTimeOffset>();
        for (var start = Floor(From, Interval, Zone); start < To; start = Next(start))
        {
            starts.Add(start);
        }

        return starts;
    }

    /// <summary>
    /// The slot the database groups by: <c>(seconds since 1970 + shift) / size</c>. A day at a fixed offset when the
    /// zone keeps one offset over the range (a day's rows in one group), else an hour, a quarter hour (zones such as
    /// Asia/Kolkata or Asia/Kathmandu) or a minute: the largest whose edges fall on every bucket's edges.
    /// </summary>
    public static (long Size, long Shift) Slots(IReadOnlyList<DateTimeOffset> starts, StatsRange range)
    {
        if (starts.Count == 0)
        {
            return (3600, 0);
        }

        var edges = starts.Select(s => s.ToUnixTimeSeconds()).Append(range.Next(starts[^1]).ToUnixTimeSeconds()).ToList();
        var offset = (long)range.Zone.GetUtcOffset(starts[0]).TotalSeconds;
        (long Size, long Shift)[] candidates = range.Interval == BotStats.Day ? [(86400, offset), (3600, 0), (900, 0), (60, 0)] : [(3600, 0), (900, 0), (60, 0)];
        return candidates.FirstOrDefault(c => edges.All(e => (e + c.Shift) % c.Size == 0), (60, 0));
    }

    public DateTimeOffset Next(DateTimeOffset start)
    {
        if (Interval == BotStats.Day)
        {
            return MidnightOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Zone).DateTime).AddDays(1), Zone);
        }

        // An hour later, on the zone's hour (a half-hour offset change, as on Lord Howe Island, moves it); always forward.
        var next = Floor(start.AddHours(1), Interval, Zone);
        return next > start ? next : start.AddHours(1);
    }

    /// <summary>The start (UTC) of the hour or day of <paramref name="zone"/> that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at, string interval, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var clock = interval == BotStats.Hour ? new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0) : local.Date;
        return Instant(clock, zone, local.Offset);
    }

    private static DateTimeOffset MidnightOf(DateOnly day, TimeZoneInfo zone) => Instant(day.ToDateTime(TimeOnly.MinValue), zone, null);

    /// <summary>
    /// The moment a zone's clock shows <paramref name="clock"/>: a time skipped by a change to summer time is the change
    /// itself (read with the offset before it); a time shown twice is the one at <paramref name="offset"/> if it is one
    /// of them, else the first.
    /// </summary>
    private static DateTimeOffset Instant(DateTime clock, TimeZoneInfo zone, TimeSpan? offset)
    {
        clock = DateTime.SpecifyKind(clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(clock))
        {
            var before = zone.GetUtcOffset(clock.AddHours(-3));
            return new DateTimeOffset(clock, before).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(clock))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(clock);
            return new DateTimeOffset(clock, offset is { } o && offsets.Contains(o) ? o : offsets.Max()).ToUniversalTime();
        }

        return new DateTimeOffset(clock, zone.GetUtcOffset(clock)).ToUniversalTime();
    }
}

/// <summary>The slots the database returned, summed into the range's buckets (and per bot).</summary>
internal sealed class StatsFigures(IReadOnlyList<DateTimeOffset> starts, long size, long shift)
{
    private readonly long[] _startSeconds = starts.Select(s => s.ToUnixTimeSeconds()).ToArray();
    private readonly Tally[] _buckets = starts.Select(_ => new Tally()).ToArray();
    private readonly Dictionary<Guid, Tally> _bots = [];
    private readonly Tally _total = new();

    public void AddMessages(Guid bot, long slot, bool incoming, Guid? chat, double? response, int count)
    {
        foreach (var tally in TalliesOf(bot, slot))
        {
            if (incoming)
            {
                tally.In += count;
                if (chat is { } c)
                {
                    tally.Chats.Add(c);
                }
            }
            else
            {
                tally.Out += count;
                if (response is { } seconds)
                {
                    for (var i = 0; i < count; i++)
                    {
                        tally.Responses.Add(seconds);
                    }
                }
            }
        }
    }

    public void AddArrivals(Guid bot, long slot, bool lead, int count)
    {
        foreach (var tally in TalliesOf(bot, slot))
        {
            if (lead)
            {
                tally.Leads += count;
            }
            else
            {
                tally.NewUsers += count;
            }
        }
    }

    public BotStatsTotals Totals() => _total.ToTotals();

    public BotStatsTotals Totals(Guid bot) => (_bots.GetValueOrDefault(bot) ?? new Tally()).ToTotals();

    public IReadOnlyList<BotStatsBucket> Buckets() => starts.Select((start, i) => _buckets[i].ToBucket(start)).ToList();

    private IEnumerable<Tally> TalliesOf(Guid bot, long slot)
    {
        // The slot's first second, as a moment; the bucket is the last one that starts at or before it.
        var index = Array.BinarySearch(_startSeconds, (slot * size) - shift);
        index = index >= 0 ? index : ~index - 1;
        if (index >= 0)
        {
            yield return _buckets[index];
        }

        if (!_bots.TryGetValue(bot, out var ofBot))
        {
            _bots[bot] = ofBot = new Tally();
        }

        yield return ofBot;
        yield return _total;
    }

    private sealed class Tally
    {
        public int In { get; set; }

        public int Out { get; set; }

        public int NewUsers { get; set; }

        public int Leads { get; set; }

        public HashSet<Guid> Chats { get; } = [];

        public List<double> Responses { get; } = [];

        public BotStatsTotals ToTotals() => new(In, Out, Chats.Count, NewUsers, Leads, Responses.Count, Median());

        public BotStatsBucket ToBucket(DateTimeOffset start) => new(start, In, Out, Chats.Count, NewUsers, Leads, Responses.Count, Median());

        private double? Median()
        {
            if (Responses.Count == 0)
            {
                return null;
            }

            Responses.Sort();
            var middle = Responses.Count / 2;
            var median = Responses.Count % 2 == 1 ? Responses[middle] : (Responses[middle - 1] + Responses[middle]) / 2;
            return Math.Round(median, 1);
        }
    }
}
