using System.Text.Json;
using System.Text.RegularExpressions;
using Portico.Data.Paging;
using Portico.Kernel.Events;
using Portico.Kernel.Http;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Notifications.Channels;

namespace Portico.Notifications.Triggers;

/// <summary>A tenant's triggers: list, read, create, replace, delete.</summary>
internal static partial class TriggerEndpoints
{
    internal sealed record Request(string? Name, string? EventType, string? Channel, List<RecipientSpec>? Recipients, JsonElement? Delay, string? Locale, bool? Enabled);

    internal sealed record Response(
        Guid Id, string? Name, string EventType, string Channel, IReadOnlyList<RecipientSpec> Recipients, TriggerDelay? Delay, string? Locale, bool Enabled,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
    {
        public static Response From(NotificationTrigger t) => new(
            t.Id, t.Name, t.EventType, t.Channel, t.RecipientSpecs().Select(Masked).ToList(), TriggerDelay.From(t.DelaySeconds, t.DelayField), t.Locale, t.Enabled,
            t.CreatedAt, t.UpdatedAt, t.Version);

        // A Slack webhook URL is a secret: shown by its end only.
        private static RecipientSpec Masked(RecipientSpec r) =>
            r.Kind == RecipientSpec.Address && r.Value?.StartsWith("http", StringComparison.OrdinalIgnoreCase) == true ? r with { Value = Masking.Url(r.Value) } : r;
    }

    public const int MaxRecipients = 20;

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    internal static partial Regex E164();

    private static readonly SortFields<NotificationTrigger> Sorts = new SortFields<NotificationTrigger>("createdAt")
        .Add("createdAt", t => t.CreatedAt)
        .Add("eventType", t => t.EventType);

    internal sealed class Handler(NotificationsDbContext db, EventCatalog catalog, OutboundPolicy policy)
    {
        public async Task<Page<Response>> ListAsync(string? eventType, string? channel, PageRequest page, CancellationToken ct)
        {
            var query = db.Triggers.AsNoTracking();
            query = eventType is null ? query : query.Where(t => t.EventType == eventType);
            query = channel is null ? query : query.Where(t => t.Channel == channel);
            return (await query.ToPageAsync(page, Sorts, ct)).Map(Response.From);
        }

        public async Task<Response> GetAsync(Guid id, CancellationToken ct) => Response.From(await FindAsync(id, ct));

        public async Task<Response> CreateAsync(Request request, CancellationToken ct)
        {
            var (seconds, field) = await CheckAsync(request, existing: null, ct);
            var trigger = new NotificationTrigger { EventType = "", Channel = "", Recipients = "[]" };
            Apply(trigger, request, seconds, field);
            db.Triggers.Add(trigger);
            await db.SaveChangesAsync(ct);
            return Response.From(trigger);
        }

        public async Task<Response> ReplaceAsync(Guid id, Request request, long? expectedVersion, CancellationToken ct)
        {
            var trigger = await FindAsync(id, ct);
            ApiConventions.CheckVersion(expectedVersion, trigger.Version);
            var (seconds, field) = await CheckAsync(request, trigger, ct);
            Apply(trigger, request, seconds, field);
            await db.SaveChangesAsync(ct);
            return Response.From(trigger);
        }

        public async Task DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct)
        {
            var trigger = await FindAsync(id, ct);
            ApiConventions.CheckVersion(expectedVersion, trigger.Version);
            db.Triggers.Remove(trigger);
            await db.SaveChangesAsync(ct);
        }

        private static void Apply(NotificationTrigger trigger, Request request, long? seconds, string? field)
        {
            trigger.Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
            trigger.EventType = request.EventType!;
            trigger.Channel = request.Channel!;
            trigger.Recipients = NotificationTrigger.Serialize(request.Recipients!.Select(r => r with { Kind = r.Kind.Trim(), Value = r.Value?.Trim() }));
            trigger.DelaySeconds = seconds;
            trigger.DelayField = field;
            trigger.Locale = request.Locale;
            trigger.Enabled = request.Enabled ?? true;
        }

        private async Task<(long? Seconds, string? Field)> CheckAsync(Request request, NotificationTrigger? existing, CancellationToken ct)
        {
            var rules = new Rules()
                .Length(request.Name, "name", 1, 200)
                .CheckEventType(catalog, request.EventType, allowAny: true)
                .CheckChannel(request.Channel)
                .CheckLocale(request.Locale)
                .Check(request.Recipients is { Count: > 0 and <= MaxRecipients }, "recipients", $"must list 1 to {MaxRecipients} recipients.");
            var existingSpecs = existing?.RecipientSpecs() ?? [];
            for (var i = 0; request.Recipients is not null && i < request.Recipients.Count; i++)
            {
                var recipient = request.Recipients[i];
                // A masked Slack URL sent back unchanged means "keep the stored one".
                if (recipient.Value?.Contains('…', StringComparison.Ordinal) == true && i < existingSpecs.Count && Response.From(existing!).Recipients[i] == recipient)
                {
                    request.Recipients[i] = existingSpecs[i];
                    continue;
                }

                CheckRecipient(rules, $"recipients[{i}]", recipient, request.Channel);
                if (request.Channel == ChannelNames.Slack && recipient?.Kind == RecipientSpec.Address)
                {
                    // A Slack webhook URL is a place the server will post to: the outbound address policy decides.
                    await rules.CheckOutboundUrlAsync(policy, recipient.Value?.Trim(), $"recipients[{i}].value", ct);
                }
            }

            var delay = TriggerDelay.Parse(request.Delay, rules);
            rules.ThrowIfInvalid();
            return delay;
        }

        private static void CheckRecipient(Rules rules, string field, RecipientSpec? recipient, string? channel)
        {
            if (recipient?.Kind is null || !RecipientSpec.Kinds.Contains(recipient.Kind))
            {
                rules.Check(false, $"{field}.kind", $"must be one of: {string.Join(", ", RecipientSpec.Kinds)}.");
                return;
            }

            var value = recipient.Value?.Trim();
            var isMember = recipient.Kind is RecipientSpec.Role or RecipientSpec.Assignee or RecipientSpec.User;
            rules.Check(!isMember || channel != ChannelNames.Slack, $"{field}.kind", "a Slack webhook reaches a channel, not a member: use default or address.");
            rules.Check(recipient.Kind is not (RecipientSpec.Contact or RecipientSpec.Address) || channel is null || !ChannelNames.IsPersonal(channel), $"{field}.kind",
                "push and in-app notifications reach members only: use role, assignee or user.");
            switch (recipient.Kind)
            {
                case RecipientSpec.Role:
                    rules.Check(value is not null && Roles.All.Contains(value), $"{field}.value", $"must be one of: {string.Join(", ", Roles.All)}.");
                    break;
                case RecipientSpec.User:
                    rules.Check(Guid.TryParse(value, out _), $"{field}.value", "must be a user id.");
                    break;
                case RecipientSpec.Default:
                    rules.Check(channel is ChannelNames.Slack or ChannelNames.Telegram, $"{field}.kind", "default is the tenant's Slack webhook or Telegram chat: only for those channels.");
                    break;
                case RecipientSpec.Address:
                    rules.Check(value is not null && IsAddress(channel, value), $"{field}.value", channel switch
                    {
                        ChannelNames.Email => "must be an email address.",
                        ChannelNames.Sms => "must be a phone number in E.164, such as +79991234567.",
                        ChannelNames.Telegram => "must be a numeric chat id or @channelname.",
                        ChannelNames.Slack => "must be the https URL of a Slack incoming webhook.",
                        _ => "is not an address of this channel.",
                    });
                    break;
                default:
                    rules.Check(value is null, $"{field}.value", $"is not used with {recipient.Kind}.");
                    break;
            }
        }

        private static bool IsAddress(string? channel, string value) => channel switch
        {
            ChannelNames.Email => value.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value,
            ChannelNames.Sms => E164().IsMatch(value),
            ChannelNames.Telegram => ChannelSettingsEndpoints.TelegramChat().IsMatch(value),
            ChannelNames.Slack => true, // checked by the outbound policy in CheckAsync
            _ => false,
        };

        private async Task<NotificationTrigger> FindAsync(Guid id, CancellationToken ct) =>
            await db.Triggers.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("Trigger", id);
    }

    internal static void Map(RouteGroupBuilder tenants)
    {
        var triggers = tenants.MapGroup("/{tenant}/notifications/triggers").RequirePermission(NotificationsPermissions.Manage);

        triggers.MapGet("/", async Task<Ok<Page<Response>>> (string? eventType, string? channel, int? limit, string? cursor, string? sort, Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(eventType, channel, PageRequest.From(limit, cursor, sort), ct)))
            .WithName("ListNotificationTriggers").WithSummary("The tenant's triggers (filters: eventType, channel; sort: createdAt, eventType)");

        triggers.MapGet("/{id:guid}", async Task<Ok<Response>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var found = await handler.GetAsync(id, ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(found.Version);
                return TypedResults.Ok(found);
            })
            .WithName("GetNotificationTrigger").WithSummary("One trigger");

        triggers.MapPost("/", async Task<Created<Response>> (Request request, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var created = await handler.CreateAsync(request, ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(created.Version);
                return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{created.Id}", created);
            })
            .WithName("CreateNotificationTrigger").WithSummary("Add a trigger: event type → channel and recipients, with an optional delay");

        triggers.MapPut("/{id:guid}", async Task<Ok<Response>> (Guid id, Request request, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                var saved = await handler.ReplaceAsync(id, request, http.Request.ExpectedVersion(), ct);
                http.Response.Headers.ETag = ApiConventions.ETagOf(saved.Version);
                return TypedResults.Ok(saved);
            })
            .WithName("ReplaceNotificationTrigger").WithSummary("Replace a trigger (send If-Match to avoid lost updates)");

        triggers.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
            {
                await handler.DeleteAsync(id, http.Request.ExpectedVersion(), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteNotificationTrigger").WithSummary("Delete a trigger; deliveries already queued still go out");
    }
}
