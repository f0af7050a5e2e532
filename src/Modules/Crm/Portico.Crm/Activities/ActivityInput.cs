namespace Portico.Crm.Activities;

internal sealed record ActivityInput(string? RecordType, Guid? RecordId, string? Kind, string? Subject, string? Body, DateTimeOffset? DueAt, bool? Done, Guid? AssigneeId);
