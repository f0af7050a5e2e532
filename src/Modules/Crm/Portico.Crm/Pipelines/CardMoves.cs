using Portico.Crm.Contracts;
using Portico.Crm.Deals;
using Portico.Crm.Leads;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Pipelines;

/// <summary>
/// The one way a lead or deal enters another stage, whether moved on a board or won by converting a lead: it takes the
/// stage and its pipeline from that moment, the move is recorded for the timeline and time-in-stage reports, and
/// <c>lead.stage-changed</c> or <c>deal.stage-changed</c> is raised. The caller places it in the column (its board
/// rank), sets a deal's status first, and saves through the outbox.
/// </summary>
internal sealed class CardMoves(CrmDbContext db, CrmAccess access, Outbox outbox, RequestContext context)
{
    public void Enter(IBoardCard card, Stage? from, Stage to, DateTimeOffset now)
    {
        var recordType = card is Lead ? RecordTypes.Lead : RecordTypes.Deal;
        card.PipelineId = to.PipelineId;
        card.StageId = to.Id;
        card.StageEnteredAt = now;
        db.StageMoves.Add(new StageMove { TenantId = access.TenantId, RecordType = recordType, RecordId = card.Id, PipelineId = to.PipelineId, FromStageId = from?.Id, ToStageId = to.Id, Actor = context.Actor });
        switch (card)
        {
            case Lead lead:
                outbox.Publish(new LeadStageChanged(lead.Id, lead.Title, to.PipelineId, from?.Id, from?.Name, to.Id, to.Name, to.Kind, lead.AssigneeId));
                break;
            case Deal deal:
                outbox.Publish(new DealStageChanged(deal.Id, deal.Title, to.PipelineId, from?.Id, from?.Name, to.Id, to.Name, to.Kind,
                    Money.View(deal.AmountMinor, deal.Currency), deal.CloseReason, deal.AssigneeId));
                break;
        }
    }
}
