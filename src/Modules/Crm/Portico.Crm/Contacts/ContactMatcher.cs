namespace Portico.Crm.Contacts;

/// <summary>Finds the existing contact a new contact or lead belongs to, by any of its emails or phones (one indexed lookup).</summary>
internal sealed class ContactMatcher(CrmDbContext db)
{
    public async Task<Contact?> FindAsync(IReadOnlyCollection<string> emails, IReadOnlyCollection<string> phones, CancellationToken cancellationToken)
    {
        if (emails.Count == 0 && phones.Count == 0)
        {
            return null;
        }

        var contactId = await db.ContactChannels
            .Where(c => (c.Kind == ContactChannel.EmailKind && emails.Contains(c.Value)) || (c.Kind == ContactChannel.PhoneKind && phones.Contains(c.Value)))
            .OrderBy(c => c.IsLegacyDuplicate).ThenBy(c => c.ContactId)
            .Select(c => (Guid?)c.ContactId)
            .FirstOrDefaultAsync(cancellationToken);
        return contactId is { } id ? await db.FindContactAsync(id, cancellationToken) : null;
    }
}
