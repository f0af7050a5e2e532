namespace Portico.Crm.Records;

/// <summary>Finds any CRM record by its type and id, for what attaches to records of every type (activities, timelines).</summary>
internal sealed class RecordDirectory(CrmDbContext db, CrmAccess access)
{
    /// <summary>
    /// Throws a 404 unless the record exists in the tenant and the caller may see it. <paramref name="entity"/> and
    /// <paramref name="id"/> name what the 404 is about when it is not the record itself (an activity of it).
    /// </summary>
    public async Task EnsureVisibleAsync(string recordType, Guid recordId, CancellationToken cancellationToken, string? entity = null, Guid? id = null)
    {
        var (exists, responsible, name) = await FindAsync(recordType, recordId, cancellationToken);
        if (!exists)
        {
            throw new NotFoundException(entity ?? name, id ?? recordId);
        }

        await access.EnsureVisibleAsync(responsible, entity ?? name, id ?? recordId, cancellationToken);
    }

    private async Task<(bool Exists, Guid? Responsible, string Name)> FindAsync(string recordType, Guid id, CancellationToken cancellationToken)
    {
        if (RecordTypes.IsObject(recordType, out var key))
        {
            var record = await db.ObjectRecords.Where(r => r.Id == id && db.ObjectTypes.Any(t => t.Id == r.ObjectTypeId && t.Key == key))
                .Select(r => new { r.OwnerId }).FirstOrDefaultAsync(cancellationToken);
            return (record is not null, record?.OwnerId, "Record");
        }

        switch (recordType)
        {
            case RecordTypes.Contact:
                var contact = await db.Contacts.Where(c => c.Id == id).Select(c => new { c.OwnerId }).FirstOrDefaultAsync(cancellationToken);
                return (contact is not null, contact?.OwnerId, "Contact");
            case RecordTypes.Lead:
                var lead = await db.Leads.Where(l => l.Id == id).Select(l => new { l.AssigneeId }).FirstOrDefaultAsync(cancellationToken);
                return (lead is not null, lead?.AssigneeId, "Lead");
            case RecordTypes.Deal:
                var deal = await db.Deals.Where(d => d.Id == id).Select(d => new { d.AssigneeId }).FirstOrDefaultAsync(cancellationToken);
                return (deal is not null, deal?.AssigneeId, "Deal");
            default:
                throw ValidationException.For("recordType", "must be contact, lead, deal or object:{key}.");
        }
    }
}
