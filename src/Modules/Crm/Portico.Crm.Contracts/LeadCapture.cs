namespace Portico.Crm.Contracts;

/// <summary>
/// Leads from outside the CRM's own screens (a bot's conversation, a channel): created through the CRM's one intake
/// (validation, contact matching, <c>lead.created</c>), or, for the same person's open lead, updated with what was
/// collected since. Runs for the current tenant, saved in its own unit of work.
/// </summary>
public interface ILeadCapture
{
    Task<CapturedLead> CaptureAsync(LeadCaptureRequest request, CancellationToken cancellationToken);
}

/// <param name="Source">Where the lead came from (<c>telegram</c>).</param>
/// <param name="Title">The lead's title; null lets the intake make one from the name.</param>
/// <param name="ContactName">The person's name as the channel knows it.</param>
/// <param name="Email">An email address the person gave, if any.</param>
/// <param name="Phone">A phone number the person shared, if any (matched against contacts and open leads).</param>
/// <param name="FormData">Answers collected (question → answer), merged into the lead's form data.</param>
/// <param name="ExistingLeadId">The lead this conversation already made, to update rather than duplicate.</param>
public sealed record LeadCaptureRequest(
    string Source, string? Title, string? ContactName, string? Email, string? Phone, IReadOnlyDictionary<string, string> FormData, Guid? ExistingLeadId)
{
    /// <summary>Live rooms that also hear the new lead (<c>bot:{id}</c>), besides the tenant's.</summary>
    public IReadOnlyList<string> SourceRooms { get; init; } = [];
}

public sealed record CapturedLead(Guid LeadId, bool Created);
