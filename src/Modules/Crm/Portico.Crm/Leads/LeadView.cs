using System.Text.Json;
using Portico.Crm.Contracts;
using Portico.Crm.Records;

namespace Portico.Crm.Leads;

/// <summary>A lead as the API shows it.</summary>
internal sealed record LeadView(
    Guid Id, string Title, Guid? ContactId, string? ContactName, string? Email, string? Phone, string? CompanyName, string Source, Guid? FormId,
    Guid PipelineId, Guid StageId, DateTimeOffset StageEnteredAt, string Priority, MoneyAmount? Value, Guid? AssigneeId,
    JsonElement? FormData, JsonElement CustomFields, DateTimeOffset? ConvertedAt, Guid? DealId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static LeadView From(Lead l) => new(
        l.Id, l.Title, l.ContactId, l.ContactName, l.Email, l.Phone, l.CompanyName, l.Source, l.FormId,
        l.PipelineId, l.StageId, l.StageEnteredAt, l.Priority, Money.View(l.ValueMinor, l.Currency), l.AssigneeId,
        l.FormData is null ? null : JsonDocument.Parse(l.FormData).RootElement.Clone(), JsonDocument.Parse(l.CustomFields).RootElement.Clone(),
        l.ConvertedAt, l.DealId, l.CreatedAt, l.UpdatedAt, l.Version);
}

/// <summary>The writable fields of a lead. On update it is a merge patch (stage changes go through move).</summary>
internal sealed record LeadInput(
    string? Title, Guid? ContactId, string? ContactName, string? Email, string? Phone, string? CompanyName, string? Source,
    Guid? PipelineId, Guid? StageId, string? Priority, MoneyAmount? Value, Guid? AssigneeId, JsonElement? FormData, JsonElement? CustomFields);
