namespace Portico.Crm.Activities;

internal sealed record ActivityView(
    Guid Id, string RecordType, Guid RecordId, string Kind, string? Subject, string? Body, DateTimeOffset? DueAt, bool Done, DateTimeOffset? DoneAt,
    Guid? AssigneeId, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ActivityView From(Activity a) => new(
        a.Id, a.RecordType, a.RecordId, a.Kind, a.Subject, a.Body, a.DueAt, a.Done, a.DoneAt, a.AssigneeId, a.Author, a.CreatedAt, a.UpdatedAt, a.Version);
}
