using Portico.Kernel.Events;

namespace Portico.Crm.Contracts;

/// <summary>Money as the API shows it: a decimal string and an ISO 4217 currency.</summary>
public sealed record MoneyAmount(string Amount, string Currency);

/// <summary>A lead arrived (by hand, a web form, a bot, an import, the API). Real time: <c>new-lead</c>.</summary>
[EventType("lead.created", RealtimeName = "new-lead", Description = "A lead arrived: by hand, from a web form, a bot, a channel, an import or the API.")]
public sealed record LeadCreated(
    Guid LeadId, string Title, string Source, Guid? ContactId, string? ContactName, string? Email, string? Phone,
    Guid? PipelineId, Guid? StageId, string? StageName, MoneyAmount? Value, Guid? AssigneeId, Guid? FormId) : IAssignedEvent, IContactEvent, IRoomScopedEvent
{
    public Guid? AssigneeUserId => AssigneeId;

    /// <summary>Rooms of where the lead came from besides the tenant's (a bot's lead: <c>bot:{id}</c>); not part of the payload.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> SourceRooms { get; init; } = [];

    IEnumerable<string> IRoomScopedEvent.Rooms => SourceRooms;

    public EventContact? Contact => Email is null && Phone is null ? null : new EventContact(ContactName, Email, Phone);
}

/// <summary>A lead moved to another stage of its pipeline (or within one, to another board position is not an event).</summary>
[EventType("lead.stage-changed", RealtimeName = "lead-stage-changed", Description = "A lead moved to another stage.")]
public sealed record LeadStageChanged(
    Guid LeadId, string Title, Guid PipelineId, Guid? FromStageId, string? FromStageName, Guid ToStageId, string ToStageName, string ToStageKind, Guid? AssigneeId)
    : IAssignedEvent
{
    public Guid? AssigneeUserId => AssigneeId;
}

/// <summary>A lead became a deal (and a contact, new or existing).</summary>
[EventType("lead.converted", RealtimeName = "lead-converted", Description = "A lead was converted into a contact and a deal.")]
public sealed record LeadConverted(Guid LeadId, Guid ContactId, Guid DealId, string DealTitle, Guid? AssigneeId) : IAssignedEvent
{
    public Guid? AssigneeUserId => AssigneeId;
}

[EventType("deal.created", RealtimeName = "deal-created", Description = "A deal was created.")]
public sealed record DealCreated(Guid DealId, string Title, Guid? ContactId, MoneyAmount? Amount, Guid PipelineId, Guid StageId, string StageName, Guid? AssigneeId) : IAssignedEvent
{
    public Guid? AssigneeUserId => AssigneeId;
}

/// <summary>A deal moved to another stage; <see cref="ToStageKind"/> is <c>won</c> or <c>lost</c> when it closed.</summary>
[EventType("deal.stage-changed", RealtimeName = "deal-stage-changed", Description = "A deal moved to another stage (kind won or lost when it closed).")]
public sealed record DealStageChanged(
    Guid DealId, string Title, Guid PipelineId, Guid? FromStageId, string? FromStageName, Guid ToStageId, string ToStageName, string ToStageKind,
    MoneyAmount? Amount, string? Reason, Guid? AssigneeId) : IAssignedEvent
{
    public Guid? AssigneeUserId => AssigneeId;
}

[EventType("contact.created", RealtimeName = "contact-created", Description = "A contact (client) was created.")]
public sealed record ContactCreated(Guid ContactId, string Name, string Kind, string? Email, string? Phone, string? Source, Guid? OwnerId) : IAssignedEvent, IContactEvent
{
    public Guid? AssigneeUserId => OwnerId;

    public EventContact? Contact => new(Name, Email, Phone);
}

/// <summary>Two contacts were merged; <see cref="MergedContactId"/> no longer exists and its records now point at <see cref="ContactId"/>.</summary>
[EventType("contact.merged", RealtimeName = "contact-merged", Description = "A duplicate contact was merged into another.")]
public sealed record ContactsMerged(Guid ContactId, Guid MergedContactId);
