using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Contacts;

/// <summary>
/// Probable duplicates: contacts sharing an email or a phone (possible after imports or edits), or with the same
/// name (case-insensitive). Groups are found in SQL with GROUP BY, so the tenant's contacts are never loaded whole.
/// </summary>
internal static class ListDuplicates
{
    internal sealed record Group(string Reason, string Value, IReadOnlyList<ContactView> Contacts);

    private sealed record Cursor(int Offset);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<Page<Group>> HandleAsync(PageRequest page, CancellationToken cancellationToken)
        {
            var offset = page.Cursor is null ? 0 : Keyset.DecodeCursor<Cursor>(page.Cursor).Offset;
            var me = await access.RestrictedToAsync(cancellationToken);
            var contacts = db.Contacts.Where(c => me == null || c.OwnerId == me);
            var channelGroups = db.ContactChannels
                .Where(ch => contacts.Any(c => c.Id == ch.ContactId))
                .GroupBy(ch => new { ch.Kind, ch.Value })
                .Where(g => g.Select(ch => ch.ContactId).Distinct().Count() > 1)
                .Select(g => new { Reason = g.Key.Kind, g.Key.Value });
            var nameGroups = contacts
                .GroupBy(c => CrmSql.Lower(c.Name))
                .Where(g => g.Count() > 1)
                .Select(g => new { Reason = "name", Value = g.Key });
            var groups = await channelGroups.Concat(nameGroups)
                .OrderBy(g => g.Reason).ThenBy(g => g.Value)
                .Skip(offset).Take(page.Limit + 1)
                .ToListAsync(cancellationToken);
            var more = groups.Count > page.Limit;
            groups = groups.Take(page.Limit).ToList();

            var result = new List<Group>();
            foreach (var group in groups)
            {
                var members = group.Reason == "name"
                    ? contacts.Where(c => CrmSql.Lower(c.Name) == group.Value)
                    : contacts.Where(c => c.Channels.Any(ch => ch.Kind == group.Reason && ch.Value == group.Value));
                var list = await members.AsNoTracking().Include(c => c.Channels).OrderBy(c => c.Id).Take(20).ToListAsync(cancellationToken);
                result.Add(new Group(group.Reason, group.Value, list.Select(ContactView.From).ToList()));
            }

            return new Page<Group>(result, more ? Keyset.EncodeCursor(new Cursor(offset + page.Limit)) : null);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/contacts/duplicates", async Task<Ok<Page<Group>>> (int? limit, string? cursor, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(PageRequest.From(limit ?? 20, cursor, null), ct)))
        .WithName("ListDuplicateContacts")
        .WithSummary("Groups of probable duplicate contacts: the same email, phone or name");
}
