using Portico.Identity.Contracts;
using Portico.Kernel.Events;
using Portico.Notifications.Channels;
using Portico.Notifications.Preferences;
using Portico.Notifications.Triggers;
using Portico.Tenancy.Contracts;

namespace Portico.Notifications.Dispatch;

/// <summary>One resolved recipient of a trigger: where the message goes, in which language and time zone, or why it does not go.</summary>
internal sealed record Target(
    string Kind, string Recipient, Guid? UserId, string? Name, string Locale, string TimeZone, string? SkipReason = null);

/// <summary>
/// Turns a trigger's recipient specs into addresses on its channel. Members (by role, as the event's assignee,
/// or by id) must belong to the tenant, and their preferences are honoured; contacts and fixed addresses have
/// none. Lookups are cached for the event, so a trigger list costs one member list and one user lookup.
/// </summary>
internal sealed class Recipients(IUserDirectory users, IMembershipDirectory memberships, NotificationsDbContext db)
{
    private IReadOnlyList<TenantMember>? _members;
    private readonly Dictionary<Guid, UserInfo?> _users = [];
    private readonly Dictionary<Guid, IReadOnlyList<PreferenceRule>> _preferences = [];

    public async Task<IReadOnlyList<Target>> ResolveAsync(NotificationTrigger trigger, IntegrationEvent integrationEvent, CancellationToken ct)
    {
        var fallbackLocale = trigger.Locale ?? "en";
        var targets = new List<Target>();
        foreach (var spec in trigger.RecipientSpecs())
        {
            switch (spec.Kind)
            {
                case RecipientSpec.Role:
                    var members = await MembersAsync(integrationEvent.TenantId, ct);
                    foreach (var member in members.Where(m => m.Role == spec.Value))
                    {
                        targets.Add(await ForUserAsync(spec.Kind, member.UserId, trigger.Channel, integrationEvent.Type, fallbackLocale, ct));
                    }

                    break;
                case RecipientSpec.Assignee:
                    targets.Add(integrationEvent.AssigneeUserId is { } assignee
                        ? await ForMemberAsync(spec.Kind, assignee, trigger.Channel, integrationEvent, fallbackLocale, ct)
                        : Skip(spec.Kind, "assignee", fallbackLocale, "the event names no assignee"));
                    break;
                case RecipientSpec.User when Guid.TryParse(spec.Value, out var userId):
                    targets.Add(await ForMemberAsync(spec.Kind, userId, trigger.Channel, integrationEvent, fallbackLocale, ct));
                    break;
                case RecipientSpec.Contact:
                    targets.Add(ForContact(integrationEvent.Contact, trigger.Channel, fallbackLocale));
                    break;
                case RecipientSpec.Address when spec.Value is not null:
                    targets.Add(new Target(spec.Kind, spec.Value, null, null, fallbackLocale, "UTC"));
                    break;
                case RecipientSpec.Default:
                    targets.Add(new Target(spec.Kind, RecipientSpec.Default, null, null, fallbackLocale, "UTC"));
                    break;
            }
        }

        // One message per address, even when a member is both in the role and the assignee.
        return targets.GroupBy(t => t.Recipient, StringComparer.Ordinal).Select(g => g.First()).ToList();
    }

    private async Task<Target> ForMemberAsync(string kind, Guid userId, string channel, IntegrationEvent integrationEvent, string fallbackLocale, CancellationToken ct) =>
        (await MembersAsync(integrationEvent.TenantId, ct)).Any(m => m.UserId == userId)
            ? await ForUserAsync(kind, userId, channel, integrationEvent.Type, fallbackLocale, ct)
            : Skip(kind, $"user:{userId}", fallbackLocale, "not a member of the tenant");

    private async Task<Target> ForUserAsync(string kind, Guid userId, string channel, string eventType, string fallbackLocale, CancellationToken ct)
    {
        var user = await UserAsync(userId, ct);
        if (user is null)
        {
            return Skip(kind, $"user:{userId}", fallbackLocale, "the user no longer exists");
        }

        var address = channel switch
        {
            ChannelNames.Email => user.Email,
            ChannelNames.Sms => user.Phone,
            ChannelNames.Telegram => user.TelegramId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ChannelNames.WebPush or ChannelNames.InApp => user.Id.ToString(),
            _ => null,
        };
        var target = new Target(kind, address ?? $"user:{userId}", userId, user.FullName, user.Locale, user.TimeZone);
        if (address is null)
        {
            return target with
            {
                SkipReason = channel switch
                {
                    ChannelNames.Sms => "the member has no confirmed phone number",
                    ChannelNames.Telegram => "the member has not linked Telegram",
                    _ => $"members cannot be reached on {channel}",
                },
            };
        }

        return NotificationPreferences.Allows(await PreferencesAsync(userId, ct), eventType, channel)
            ? target
            : target with { SkipReason = $"the member switched off {eventType} on {channel}" };
    }

    private static Target ForContact(EventContact? contact, string channel, string fallbackLocale)
    {
        var locale = contact?.Locale ?? fallbackLocale;
        var address = channel switch
        {
            ChannelNames.Email => contact?.Email,
            ChannelNames.Sms => contact?.Phone,
            ChannelNames.Telegram => contact?.TelegramChatId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        return address is null
            ? Skip(RecipientSpec.Contact, RecipientSpec.Contact, locale, contact is null ? "the event names no contact" : $"the contact has no {channel} address")
            : new Target(RecipientSpec.Contact, address, null, contact?.Name, locale, "UTC");
    }

    private static Target Skip(string kind, string recipient, string locale, string reason) => new(kind, recipient, null, null, locale, "UTC", reason);

    private async Task<IReadOnlyList<TenantMember>> MembersAsync(Guid tenantId, CancellationToken ct) =>
        _members ??= await memberships.ListMembersAsync(tenantId, null, ct);

    private async Task<UserInfo?> UserAsync(Guid userId, CancellationToken ct)
    {
        if (!_users.ContainsKey(userId))
        {
            // Fetch every member not seen yet at once: a role of fifty people is one query, not fifty.
            var wanted = (_members ?? []).Select(m => m.UserId).Append(userId).Where(id => !_users.ContainsKey(id)).Distinct().ToList();
            var found = (await users.FindByIdsAsync(wanted, ct)).ToDictionary(u => u.Id);
            foreach (var id in wanted)
            {
                _users[id] = found.GetValueOrDefault(id);
            }
        }

        return _users[userId];
    }

    private async Task<IReadOnlyList<PreferenceRule>> PreferencesAsync(Guid userId, CancellationToken ct)
    {
        if (!_preferences.ContainsKey(userId))
        {
            var wanted = _users.Keys.Append(userId).Where(id => !_preferences.ContainsKey(id)).Distinct().ToList();
            var found = await db.Preferences.AsNoTracking().Where(p => wanted.Contains(p.UserId)).ToListAsync(ct);
            foreach (var id in wanted)
            {
                _preferences[id] = found.FirstOrDefault(p => p.UserId == id)?.RuleList() ?? [];
            }
        }

        return _preferences[userId];
    }
}
