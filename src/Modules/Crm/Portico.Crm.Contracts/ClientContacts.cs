namespace Portico.Crm.Contracts;

/// <summary>
/// The CRM's clients as other modules need them (Scheduling books appointments for them): find the contact a person
/// already is by email or phone, or create one with their consent; look a contact or deal up. Runs for the current
/// tenant; another tenant's ids are simply not found. Appointments reach the contact's timeline through their
/// <c>appointment.*</c> events, which the CRM reads.
/// </summary>
public interface IClientContacts
{
    /// <summary>The contact with this email or phone, or a new one (saved in its own unit of work, raising <c>contact.created</c>).</summary>
    Task<ClientContact> MatchOrCreateAsync(ClientContactRequest request, CancellationToken cancellationToken);

    Task<ClientContact?> FindAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="take"/> people (not companies) with a phone, by name: the clients a demo books for.</summary>
    Task<IReadOnlyList<ClientContact>> PeopleWithPhonesAsync(int take, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="take"/> contacts whose name, email, phone or tags match <paramref name="q"/> (all when blank),
    /// by name: the client picker of other modules' screens (the workshop's order wizard).
    /// </summary>
    Task<IReadOnlyList<ClientContact>> SearchAsync(string? q, int take, CancellationToken cancellationToken);

    /// <summary>Whether the deal exists in the current tenant.</summary>
    Task<bool> DealExistsAsync(Guid dealId, CancellationToken cancellationToken);
}

/// <param name="Name">The person's name as they gave it.</param>
/// <param name="Email">An email address, if given (matched first).</param>
/// <param name="Phone">A phone number, if given (normalized to E.164 with the tenant's country).</param>
/// <param name="Consent">They agreed to the processing of their data (the booking form's checkbox).</param>
/// <param name="Source">Where they came from (<c>booking</c>).</param>
public sealed record ClientContactRequest(string Name, string? Email, string? Phone, bool Consent, string Source);

/// <param name="Id">The contact's id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Email">Its primary email, if any.</param>
/// <param name="Phone">Its primary phone (E.164), if any.</param>
/// <param name="Created">True when the contact was made now, false when an existing one matched.</param>
/// <param name="FirstName">A person's first name when the CRM has it (given by <c>FindAsync</c>).</param>
public sealed record ClientContact(Guid Id, string Name, string? Email, string? Phone, bool Created, string? FirstName = null);
