using System.Text.Json;
using Portico.Crm.Contracts;
using Portico.Crm.Records;

namespace Portico.Crm.Deals;

/// <summary>A deal as the API shows it.</summary>
internal sealed record DealView(
    Guid Id, string Title, Guid? ContactId, MoneyAmount? Amount, Guid PipelineId, Guid StageId, DateTimeOffset StageEnteredAt,
    DateOnly? ExpectedCloseOn, string Status, DateTimeOffset? ClosedAt, string? CloseReason, Guid? AssigneeId, Guid? LeadId,
    JsonElement CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static DealView From(Deal d) => new(
        d.Id, d.Title, d.ContactId, Money.View(d.AmountMinor, d.Currency), d.PipelineId, d.StageId, d.StageEnteredAt,
        d.ExpectedCloseOn, d.Status, d.ClosedAt, d.CloseReason, d.AssigneeId, d.LeadId,
        JsonDocument.Parse(d.CustomFields).RootElement.Clone(), d.CreatedAt, d.UpdatedAt, d.Version);
}

/// <summary>The writable fields of a deal. On update it is a merge patch (stage changes go through move).</summary>
internal sealed record DealInput(
    string? Title, Guid? ContactId, MoneyAmount? Amount, Guid? PipelineId, Guid? StageId, DateOnly? ExpectedCloseOn,
    Guid? AssigneeId, string? CloseReason, JsonElement? CustomFields);
