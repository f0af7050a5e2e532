using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Metadata;
using Portico.Crm.Contacts;
using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Events;

namespace Portico.Crm.Imports;

/// <summary>
/// Imports a batch of contact rows into the unit of work (the caller saves, or in a dry run throws it away). A row
/// whose email or phone belongs to an existing contact updates that contact: the file's values win for the fields
/// it fills, and emails, phones and tags are added to the ones the contact has. A row without email or phone matches
/// a contact of the same name that has none either, so importing a file again creates nothing new. An update that
/// changes nothing is counted as skipped. Every value goes through <see cref="ContactWriter"/>, as in the API.
/// </summary>
internal sealed class ImportContacts(CrmDbContext db, ContactWriter writer, CustomFieldValues customFields, CrmAccess access, Outbox outbox)
{
    private sealed record Row(SheetRow Sheet, ContactInput Input, List<string> Emails, List<string> Phones, Dictionary<string, string> Columns, List<string?> EmailColumns, List<string?> PhoneColumns);

    public async Task<BatchOutcome> ProcessAsync(ImportPlan plan, IReadOnlyList<SheetRow> rows, CancellationToken cancellationToken)
    {
        var outcome = new BatchOutcome();
        var definitions = await customFields.DefinitionsAsync(RecordTypes.Contact, cancellationToken);
        var region = (await access.ProfileAsync(cancellationToken)).Country;
        var parsed = rows.Select(r => Parse(plan, r, definitions, region)).ToList();

        // Every contact the batch may touch, in two queries: by the batch's emails and phones, and by the names of rows that have neither.
        var emails = parsed.SelectMany(r => r.Emails).Distinct().ToList();
        var phones = parsed.SelectMany(r => r.Phones).Distinct().ToList();
        var ids = emails.Count + phones.Count == 0 ? [] : await db.ContactChannels
            .Where(c => (c.Kind == ContactChannel.EmailKind && emails.Contains(c.Value)) || (c.Kind == ContactChannel.PhoneKind && phones.Contains(c.Value)))
            .Select(c => c.ContactId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var names = parsed.Where(r => r.Emails.Count + r.Phones.Count == 0).Select(r => NameOf(r.Input)).OfType<string>().Distinct().ToList();
        if (names.Count > 0)
        {
            ids.AddRange(await db.Contacts.Where(c => names.Contains(c.Name) && c.Email == null && c.Phone == null).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        var known = new Known();
        if (ids.Count > 0)
        {
            var distinct = ids.Distinct().ToList();
            foreach (var contact in await db.Contacts.Include(c => c.Channels).Where(c => distinct.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            {
                known.Add(contact);
            }
        }

        foreach (var row in parsed)
        {
            outcome.Rows++;
            var existing = known.Find(row.Emails, row.Phones, row.Emails.Count + row.Phones.Count == 0 ? NameOf(row.Input) : null);
            try
            {
                if (existing is null)
                {
                    var contact = new Contact { TenantId = access.TenantId, Name = "", OwnerId = plan.RestrictedTo };
                    await writer.ApplyAsync(contact, row.Input with { OwnerId = plan.RestrictedTo }, creating: true, cancellationToken);
                    outcome.NewContacts.Add(contact);
                    if (plan.PublishEvents)
                    {
                        outbox.Publish(new ContactCreated(contact.Id, contact.Name, contact.Kind, contact.Email, contact.Phone, contact.Source, contact.OwnerId));
                    }

                    known.Add(contact);
                    outcome.Created++;
                    continue;
                }

                if (plan.RestrictedTo is { } me && existing.OwnerId != me)
                {
                    outcome.Fail(row.Sheet, row.EmailColumns.Concat(row.PhoneColumns).FirstOrDefault(), "matches an existing contact that is assigned to someone else; ask a manager to import this row.");
                    continue;
                }

                // Applied to a copy first: a row that breaks a rule leaves the contact untouched, and one that changes nothing is not an update.
                var copy = CopyOf(existing);
                await writer.ApplyAsync(copy, MergedInput(existing, row.Input), creating: false, cancellationToken);
                if (SameAs(existing, copy))
                {
                    outcome.Skipped++;
                    continue;
                }

                if (outcome.NewContacts.Contains(existing))
                {
                    CopyValues(copy, existing); // created by an earlier row of this batch: not tracked, written by the bulk path
                }
                else
                {
                    db.Entry(existing).CurrentValues.SetValues(copy);
                }

                existing.SetChannels(copy.Emails.ToList(), copy.Phones.ToList());
                known.Add(existing);
                outcome.Updated++;
            }
            catch (ValidationException ex)
            {
                outcome.Fail(row.Sheet, ex.Errors, ColumnsOf(row, existing));
            }
        }

        return outcome;
    }

    private static string? NameOf(ContactInput input) =>
        Clean(input.Name) ?? Clean($"{input.FirstName} {input.LastName}");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : CellValues.Collapse(text);

    private static Row Parse(ImportPlan plan, SheetRow sheet, IReadOnlyList<CustomFieldDefinition> definitions, string? region)
    {
        var values = plan.ValuesOf(sheet);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        string? One(string target, string field)
        {
            if (!values.TryGetValue(target, out var cells))
            {
                return null;
            }

            columns[field] = cells[0].Column;
            return cells[0].Text;
        }

        var rawEmails = values.GetValueOrDefault(ImportMapping.Email)?.SelectMany(c => CellValues.SplitEmails(c.Text).Select(e => (Text: e, c.Column))).ToList() ?? [];
        var rawPhones = values.GetValueOrDefault(ImportMapping.Phone)?.SelectMany(c => CellValues.SplitPhones(c.Text).Select(p => (Text: p, c.Column))).ToList() ?? [];
        var tags = values.GetValueOrDefault(ImportMapping.Tags)?.SelectMany(c => CellValues.SplitList(c.Text)).ToArray();
        if (values.TryGetValue(ImportMapping.Tags, out var tagCells))
        {
            columns["tags"] = tagCells[0].Column;
        }

        // «Имя» beside «Фамилия» is a first name; alone, «Имя» or «ФИО» is the whole name.
        var lastName = One(ImportMapping.LastName, "lastName");
        var name = One(ImportMapping.Name, lastName is not null && !values.ContainsKey(ImportMapping.FirstName) ? "firstName" : "name");
        var firstName = One(ImportMapping.FirstName, "firstName");
        if (lastName is not null && firstName is null)
        {
            (firstName, name) = (name, null);
        }

        var input = new ContactInput(
            null, name, firstName, lastName,
            One(ImportMapping.CompanyName, "companyName"), One(ImportMapping.JobTitle, "jobTitle"),
            rawEmails.Count == 0 ? null : rawEmails.Select(e => e.Text).ToArray(),
            rawPhones.Count == 0 ? null : rawPhones.Select(p => p.Text).ToArray(),
            tags, null, One(ImportMapping.Source, "source"), null, null, One(ImportMapping.Notes, "notes"),
            CellValues.CustomFields(values, definitions, columns));
        return new Row(
            sheet, input,
            rawEmails.Select(e => Emails.Normalize(e.Text)).OfType<string>().Distinct().ToList(),
            rawPhones.Select(p => Phones.Normalize(p.Text, region)).OfType<string>().Distinct().ToList(),
            columns,
            rawEmails.Select(e => (string?)e.Column).ToList(),
            rawPhones.Select(p => (string?)p.Column).ToList());
    }

    /// <summary>The row as a patch of <paramref name="existing"/>: emails, phones and tags added to the contact's own.</summary>
    private static ContactInput MergedInput(Contact existing, ContactInput input) => input with
    {
        Emails = input.Emails is null ? null : [.. existing.Emails, .. input.Emails],
        Phones = input.Phones is null ? null : [.. existing.Phones, .. input.Phones],
        Tags = input.Tags is null ? null : [.. existing.TagList, .. input.Tags],
    };

    /// <summary>Field → column, with list items (<c>emails[2]</c>) resolved to the column their value came from.</summary>
    private static Dictionary<string, string> ColumnsOf(Row row, Contact? existing)
    {
        var columns = new Dictionary<string, string>(row.Columns, StringComparer.Ordinal);
        var emailOffset = existing is null || row.Input.Emails is null ? 0 : existing.Emails.Count();
        var phoneOffset = existing is null || row.Input.Phones is null ? 0 : existing.Phones.Count();
        for (var i = 0; i < row.EmailColumns.Count; i++)
        {
            columns[$"emails[{i + emailOffset}]"] = row.EmailColumns[i]!;
        }

        for (var i = 0; i < row.PhoneColumns.Count; i++)
        {
            columns[$"phones[{i + phoneOffset}]"] = row.PhoneColumns[i]!;
        }

        if (row.EmailColumns.Count > 0)
        {
            columns["emails"] = row.EmailColumns[0]!;
        }

        if (row.PhoneColumns.Count > 0)
        {
            columns["phones"] = row.PhoneColumns[0]!;
        }

        return columns;
    }

    private Contact CopyOf(Contact contact)
    {
        var copy = new Contact { Name = "" };
        CopyValues(contact, copy);
        copy.Channels = contact.Channels
            .Select(c => new ContactChannel { TenantId = c.TenantId, ContactId = c.ContactId, Kind = c.Kind, Value = c.Value, Position = c.Position })
            .ToList();
        return copy;
    }

    /// <summary>Whether applying the row changed nothing: every stored field equal, custom values equal as JSON (not as text), the same emails and phones.</summary>
    private bool SameAs(Contact contact, Contact copy)
    {
        foreach (var property in ContactType.GetProperties())
        {
            if (property.PropertyInfo is not { } info || info.Name is nameof(CrmRecord.SearchText))
            {
                continue;
            }

            var (before, after) = (info.GetValue(contact), info.GetValue(copy));
            var same = info.Name == nameof(CrmRecord.CustomFields)
                ? JsonNode.DeepEquals(JsonNode.Parse((string)before!), JsonNode.Parse((string)after!))
                : Equals(before, after);
            if (!same)
            {
                return false;
            }
        }

        static string Channels(Contact c) => string.Join('\n', c.Channels.OrderBy(x => x.Kind, StringComparer.Ordinal).ThenBy(x => x.Position).Select(x => $"{x.Kind}:{x.Value}"));
        return Channels(contact) == Channels(copy);
    }

    private IEntityType ContactType => db.Model.FindEntityType(typeof(Contact))!;

    /// <summary>Every stored field of <paramref name="from"/> (its id included) onto <paramref name="to"/>, as EF Core's <c>SetValues</c> does for a tracked contact.</summary>
    private void CopyValues(Contact from, Contact to)
    {
        foreach (var property in ContactType.GetProperties())
        {
            if (property.PropertyInfo is { } info)
            {
                info.SetValue(to, info.GetValue(from));
            }
        }
    }

    /// <summary>The contacts of the batch by email, phone and (for contacts without either) name; the oldest wins a tie, as in <see cref="ContactMatcher"/>.</summary>
    private sealed class Known
    {
        private readonly Dictionary<string, Contact> _byChannel = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Contact> _byName = new(StringComparer.Ordinal);

        public void Add(Contact contact)
        {
            foreach (var channel in contact.Channels)
            {
                _byChannel.TryAdd(channel.Kind + ":" + channel.Value, contact);
            }

            if (contact.Email is null && contact.Phone is null)
            {
                _byName.TryAdd(contact.Name, contact);
            }
        }

        public Contact? Find(IEnumerable<string> emails, IEnumerable<string> phones, string? name)
        {
            var found = emails.Select(e => _byChannel.GetValueOrDefault(ContactChannel.EmailKind + ":" + e))
                .Concat(phones.Select(p => _byChannel.GetValueOrDefault(ContactChannel.PhoneKind + ":" + p)))
                .OfType<Contact>()
                .OrderBy(c => c.Id)
                .FirstOrDefault();
            return found ?? (name is null ? null : _byName.GetValueOrDefault(name));
        }
    }
}
