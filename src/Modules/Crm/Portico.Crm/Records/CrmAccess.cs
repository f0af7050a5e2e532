using Portico.Crm.Settings;
using Portico.Kernel.Tenancy;
using Portico.Tenancy.Contracts;

namespace Portico.Crm.Records;

/// <summary>
/// What CRM use cases need to know about the tenant and the caller, loaded once per request: the tenant's
/// currency, country (phone numbers) and language, its members (assignees and owners must be members), and
/// whether the caller only sees the records assigned to them (restricted visibility for Employees).
/// </summary>
internal sealed class CrmAccess(CrmDbContext db, RequestContext request, ITenantProfiles profiles, IMembershipDirectory members)
{
    private TenantProfile? _profile;
    private HashSet<Guid>? _members;
    private (bool Loaded, Guid? UserId) _restriction;

    public Guid TenantId => request.RequiredTenantId;

    public async Task<TenantProfile> ProfileAsync(CancellationToken cancellationToken) =>
        _profile ??= await profiles.FindAsync(TenantId, cancellationToken) ?? throw new NotFoundException("Tenant", TenantId);

    /// <summary>The user whose records alone the caller may see, or null when the caller sees everything.</summary>
    public async Task<Guid?> RestrictedToAsync(CancellationToken cancellationToken)
    {
        if (!_restriction.Loaded)
        {
            var restricted = request.Access?.Role == Roles.Employee
                && await db.Settings.AnyAsync(s => s.RestrictedVisibility, cancellationToken);
            _restriction = (true, restricted ? request.UserId : null);
        }

        return _restriction.UserId;
    }

    /// <summary>A record a restricted caller may not see is a 404, like one that does not exist.</summary>
    public async Task EnsureVisibleAsync(Guid? responsible, string entity, Guid id, CancellationToken cancellationToken)
    {
        if (!await CanSeeAsync(responsible, cancellationToken))
        {
            throw new NotFoundException(entity, id);
        }
    }

    /// <summary>Whether the caller may see a record the member <paramref name="responsible"/> is responsible for.</summary>
    public async Task<bool> CanSeeAsync(Guid? responsible, CancellationToken cancellationToken) =>
        await RestrictedToAsync(cancellationToken) is not { } me || responsible == me;

    /// <summary>
    /// Whether a contact a record is to be linked to exists and the caller may see it (one added in this unit of work
    /// counts: converting a lead into a new contact). A linked record shows its contact's name, so a restricted caller
    /// linking to a contact they cannot see is told it does not exist.
    /// </summary>
    public async Task<bool> CanLinkContactAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var me = await RestrictedToAsync(cancellationToken);
        return db.Contacts.Local.Any(c => c.Id == contactId && (me == null || c.OwnerId == me))
            || await db.Contacts.AnyAsync(c => c.Id == contactId && (me == null || c.OwnerId == me), cancellationToken);
    }

    public async Task<bool> IsMemberAsync(Guid userId, CancellationToken cancellationToken)
    {
        _members ??= (await members.ListMembersAsync(TenantId, null, cancellationToken)).Select(m => m.UserId).ToHashSet();
        return _members.Contains(userId);
    }

    /// <summary>Adds a field error when <paramref name="userId"/> is not a member of the tenant.</summary>
    public async Task CheckMemberAsync(Guid? userId, Rules rules, string field, CancellationToken cancellationToken)
    {
        if (userId is { } id)
        {
            rules.Check(await IsMemberAsync(id, cancellationToken), field, "must be a member of the tenant.");
        }
    }

    /// <summary>A restricted caller cannot give records away to someone else (they would lose sight of them).</summary>
    public async Task<Guid?> DefaultAssigneeAsync(Guid? requested, CancellationToken cancellationToken) =>
        requested ?? await RestrictedToAsync(cancellationToken);

    public async Task<CrmSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.Settings.FirstOrDefaultAsync(cancellationToken) ?? new CrmSettings { TenantId = TenantId };
}
