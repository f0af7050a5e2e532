using Portico.Crm.Contracts;
using Portico.Crm.Records;
using Portico.Data.Events;

namespace Portico.Crm.Contacts;

/// <summary>
/// The CRM side of <see cref="IClientContacts"/>: the same matching as creating a contact by hand (any email or phone
/// of an existing contact), and a new contact otherwise, with the consent recorded.
/// </summary>
internal sealed class ClientContacts(CrmDbContext db, ContactWriter writer, ContactMatcher matcher, ContactUniqueness uniqueness, CrmAccess access, Outbox outbox, TimeProvider clock)
    : IClientContacts
{
    public async Task<ClientContact> MatchOrCreateAsync(ClientContactRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = new Contact { TenantId = access.TenantId, Name = "" };
        var input = new ContactInput(
            Contact.Person, request.Name, null, null, null, null, request.Email is null ? [] : [request.Email], request.Phone is null ? [] : [request.Phone],
            null, null, request.Source, null, request.Consent ? true : null, null, null);
        await writer.ApplyAsync(draft, input, creating: true, cancellationToken);
        var existing = await matcher.FindAsync(draft.Emails.ToList(), draft.Phones.ToList(), cancellationToken);
        if (existing is not null)
        {
            if (request.Consent && !existing.DataProcessingConsent)
            {
                existing.DataProcessingConsent = true;
                existing.DataProcessingConsentAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            return new ClientContact(existing.Id, existing.Name, existing.Email, existing.Phone, Created: false);
        }

        db.Contacts.Add(draft);
        outbox.Publish(new ContactCreated(draft.Id, draft.Name, draft.Kind, draft.Email, draft.Phone, draft.Source, draft.OwnerId));
        Guid? winner = null;
        try
        {
            await uniqueness.SaveAsync(draft, () => outbox.SaveChangesAsync(db, cancellationToken), checkFirst: false, cancellationToken);
        }
        catch (ConflictException conflict) when (conflict.ExistingId is not null)
        {
            winner = conflict.ExistingId;
        }

        if (winner is { } id && await FindAsync(id, cancellationToken) is { } theirs)
        {
            // Someone booked with the same email or phone a moment earlier: theirs is the contact.
            db.ChangeTracker.Clear();
            return theirs;
        }

        return new ClientContact(draft.Id, draft.Name, draft.Email, draft.Phone, Created: true);
    }

    public async Task<ClientContact?> FindAsync(Guid contactId, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().Where(c => c.Id == contactId)
            .Select(c => new ClientContact(c.Id, c.Name, c.Email, c.Phone, false, c.FirstName)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ClientContact>> PeopleWithPhonesAsync(int take, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().Where(c => c.Kind == Contact.Person && c.Phone != null).OrderBy(c => c.Name).Take(take)
            .Select(c => new ClientContact(c.Id, c.Name, c.Email, c.Phone, false)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ClientContact>> SearchAsync(string? q, int take, CancellationToken cancellationToken) =>
        await db.Contacts.Matching(db, string.IsNullOrWhiteSpace(q) ? null : q.Trim()).AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Take(Math.Clamp(take, 1, 100))
            .Select(c => new ClientContact(c.Id, c.Name, c.Email, c.Phone, false)).ToListAsync(cancellationToken);

    public Task<bool> DealExistsAsync(Guid dealId, CancellationToken cancellationToken) =>
        db.Deals.AnyAsync(d => d.Id == dealId, cancellationToken);
}
