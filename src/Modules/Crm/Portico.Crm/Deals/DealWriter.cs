using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Data.Events;

namespace Portico.Crm.Deals;

/// <summary>One home for creating and changing deals: from the API and from converting a lead.</summary>
internal sealed class DealWriter(CrmDbContext db, CrmAccess access, CustomFieldValues customFields, DefaultPipelines pipelines, Outbox outbox, TimeProvider clock)
{
    /// <summary>Validates and adds a new deal (and its <c>deal.created</c> event) to the unit of work; the caller saves through the outbox.</summary>
    public async Task<Deal> AddAsync(DealInput input, Guid? leadId, CancellationToken cancellationToken)
    {
        var rules = new Rules().Required(input.Title, "title");
        var (amount, assignee) = await CheckAsync(input, rules, cancellationToken);
        var custom = await customFields.ApplyAsync(RecordTypes.Deal, "{}", input.CustomFields, creating: true, rules, cancellationToken);
        rules.ThrowIfInvalid();
        var (pipeline, stage) = await pipelines.ResolveAsync(RecordTypes.Deal, input.PipelineId, input.StageId, rules, cancellationToken);
        var now = clock.GetUtcNow();
        var deal = new Deal
        {
            TenantId = access.TenantId,
            Title = input.Title!.Trim(),
            ContactId = input.ContactId,
            AmountMinor = amount?.Minor,
            Currency = amount?.Currency,
            PipelineId = pipeline.Id,
            StageId = stage.Id,
            StageEnteredAt = now,
            BoardRank = BoardRanks.AtEnd(now),
            ExpectedCloseOn = input.ExpectedCloseOn,
            Status = stage.Kind,
            ClosedAt = stage.Kind == StageKinds.Open ? null : now,
            CloseReason = stage.Kind == StageKinds.Open ? null : input.CloseReason?.Trim(),
            AssigneeId = await access.DefaultAssigneeAsync(assignee, cancellationToken),
            LeadId = leadId,
            CustomFields = custom,
        };
        db.Deals.Add(deal);
        outbox.Publish(new DealCreated(deal.Id, deal.Title, deal.ContactId, Money.View(deal.AmountMinor, deal.Currency), pipeline.Id, stage.Id, stage.Name, deal.AssigneeId));
        return deal;
    }

    public async Task UpdateAsync(Deal deal, DealInput input, CancellationToken cancellationToken)
    {
        var rules = new Rules()
            .Check(input.Title is null || !string.IsNullOrWhiteSpace(input.Title), "title", "must not be empty.")
            .Check(input.PipelineId is null && input.StageId is null, "stageId", "changes through POST .../deals/{id}/move.");
        var (amount, _) = await CheckAsync(input, rules, cancellationToken);
        deal.CustomFields = await customFields.ApplyAsync(RecordTypes.Deal, deal.CustomFields, input.CustomFields, creating: false, rules, cancellationToken);
        rules.ThrowIfInvalid();
        deal.Title = input.Title?.Trim() ?? deal.Title;
        deal.ContactId = input.ContactId ?? deal.ContactId;
        deal.ExpectedCloseOn = input.ExpectedCloseOn ?? deal.ExpectedCloseOn;
        deal.AssigneeId = input.AssigneeId ?? deal.AssigneeId;
        deal.CloseReason = input.CloseReason is null ? deal.CloseReason : string.IsNullOrWhiteSpace(input.CloseReason) ? null : input.CloseReason.Trim();
        if (amount is { } money)
        {
            (deal.AmountMinor, deal.Currency) = (money.Minor, money.Currency);
        }
    }

    private async Task<((long Minor, string Currency)? Amount, Guid? Assignee)> CheckAsync(DealInput input, Rules rules, CancellationToken cancellationToken)
    {
        var profile = await access.ProfileAsync(cancellationToken);
        rules.Length(input.Title?.Trim(), "title", 1, 300).Length(input.CloseReason?.Trim(), "closeReason", 0, 500);
        var amount = Money.Parse(input.Amount, profile.Currency, rules, "amount");
        await access.CheckMemberAsync(input.AssigneeId, rules, "assigneeId", cancellationToken);
        if (input.ContactId is { } contactId && !await access.CanLinkContactAsync(contactId, cancellationToken))
        {
            rules.Check(false, "contactId", "must be the id of an existing contact.");
        }

        return (amount, input.AssigneeId);
    }
}
