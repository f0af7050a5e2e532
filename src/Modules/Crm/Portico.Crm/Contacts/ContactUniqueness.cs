using Portico.Crm.Records;
using Portico.Data;

namespace Portico.Crm.Contacts;

/// <summary>
/// "One contact per email or phone in a tenant": the unique index on the normalized channels
/// (<c>contact_channels (tenant_id, kind, value)</c>, legacy twins left out) guarantees it, and this class answers a write that breaks it
/// with a 409 <c>contact-exists</c> naming the contact that holds the value (<c>existingId</c>), whether the write was
/// caught by the check before saving or, having lost a race, by the index (<see cref="UniqueRules"/>).
/// </summary>
internal sealed class ContactUniqueness(CrmDbContext db, CrmAccess access)
{
    /// <summary>Saves <paramref name="contact"/>'s changes through <paramref name="save"/>, checking first when <paramref name="checkFirst"/>.</summary>
    public async Task SaveAsync(Contact contact, Func<Task> save, bool checkFirst, CancellationToken cancellationToken)
    {
        if (checkFirst)
        {
            UniqueRules.ThrowIf(await ConflictAsync(contact, cancellationToken));
        }

        await UniqueRules.SaveAsync(db, save, () => ConflictAsync(contact, CancellationToken.None));
    }

    /// <summary>The 409 for the first of <paramref name="contact"/>'s emails and phones that another contact holds, or null.</summary>
    public async Task<PorticoProblemException?> ConflictAsync(Contact contact, CancellationToken cancellationToken)
    {
        var own = contact.Channels.Where(c => !c.IsLegacyDuplicate).ToList();
        var emails = own.Where(c => c.Kind == ContactChannel.EmailKind).Select(c => c.Value).ToList();
        var phones = own.Where(c => c.Kind == ContactChannel.PhoneKind).Select(c => c.Value).ToList();
        if (emails.Count + phones.Count == 0)
        {
            return null;
        }

        var holder = await db.ContactChannels.AsNoTracking()
            .Where(c => c.ContactId != contact.Id && !c.IsLegacyDuplicate)
            .Where(c => (c.Kind == ContactChannel.EmailKind && emails.Contains(c.Value)) || (c.Kind == ContactChannel.PhoneKind && phones.Contains(c.Value)))
            .OrderBy(c => c.ContactId)
            .Select(c => new { c.ContactId, c.Kind, c.Value })
            .FirstOrDefaultAsync(cancellationToken);
        var existing = holder is null ? null : await db.Contacts.AsNoTracking()
            .Where(c => c.Id == holder.ContactId)
            .Select(c => new { c.Name, c.OwnerId })
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is null || existing is null)
        {
            return null;
        }

        // A restricted Employee is not shown a colleague's client, nor its id: only that the client is already known,
        // which the rule itself cannot hide.
        if (!await access.CanSeeAsync(existing.OwnerId, cancellationToken))
        {
            return new ConflictException(
                "A contact with this email or phone already exists and is assigned to a colleague. Ask them or an administrator to assign it to you.",
                "contact-assigned-elsewhere");
        }

        return new ConflictException(
            $"The {holder.Kind} '{holder.Value}' belongs to the contact '{existing.Name}' ({holder.ContactId}): a tenant has one contact per email or phone. Update that contact, or merge the two.",
            "contact-exists") { ExistingId = holder.ContactId };
    }

    /// <summary>
    /// After a merge deleted the other contact: a legacy twin on <paramref name="contact"/> whose value no other contact
    /// holds any more takes the value under the unique index.
    /// </summary>
    public async Task ClaimFreedValuesAsync(Contact contact, CancellationToken cancellationToken)
    {
        foreach (var channel in contact.Channels.Where(c => c.IsLegacyDuplicate))
        {
            channel.IsLegacyDuplicate = await db.ContactChannels.AnyAsync(
                c => c.ContactId != contact.Id && !c.IsLegacyDuplicate && c.Kind == channel.Kind && c.Value == channel.Value, cancellationToken);
        }
    }
}
