using Portico.Crm.Contacts;
using Portico.Crm.Contracts;
using Portico.Crm.Deals;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Data.Events;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Leads;

internal static class ConvertLead
{
    /// <param name="ContactId">An existing contact to link; otherwise the lead's contact, a contact matching its email or phone, or a new one.</param>
    /// <param name="Deal">The deal to create; its title, amount, pipeline and assignee default to the lead's.</param>
    internal sealed record Request(Guid? ContactId, DealInput? Deal);

    internal sealed record Result(LeadView Lead, ContactView Contact, DealView Deal);

    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, ContactWriter contacts, ContactMatcher matcher, DealWriter deals, CardMoves moves, Outbox outbox, TimeProvider clock)
    {
        /// <summary>Makes (or links) the contact and creates the deal, and marks the lead converted (moved to its pipeline's won stage), in one transaction.</summary>
        public async Task<Result> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
        {
            var lead = await db.FindLeadAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(lead.AssigneeId, "Lead", id, cancellationToken);
            if (lead.ConvertedAt is not null)
            {
                throw new ConflictException("The lead was already converted.", "lead-converted");
            }

            if (request.ContactId is { } requested && !await access.CanLinkContactAsync(requested, cancellationToken))
            {
                throw ValidationException.For("contactId", "must be the id of an existing contact.");
            }

            var contact = (request.ContactId ?? lead.ContactId) is { } linked
                ? await db.Contacts.Include(c => c.Channels).FirstOrDefaultAsync(c => c.Id == linked, cancellationToken)
                    ?? throw ValidationException.For("contactId", "must be the id of an existing contact.")
                : await matcher.FindAsync(lead.Email is null ? [] : [lead.Email], lead.Phone is null ? [] : [lead.Phone], cancellationToken);
            if (contact is null)
            {
                contact = new Contact { TenantId = access.TenantId, Name = "", OwnerId = lead.AssigneeId };
                await contacts.ApplyAsync(contact, new ContactInput(
                    lead.ContactName is null && lead.CompanyName is not null ? Contact.Company : Contact.Person,
                    lead.ContactName, null, null, lead.CompanyName, null,
                    lead.Email is null ? [] : [lead.Email], lead.Phone is null ? [] : [lead.Phone], null, lead.AssigneeId, lead.Source, null, ConsentGiven(lead) ? true : null, null, null),
                    creating: true, cancellationToken);
                db.Contacts.Add(contact);
                outbox.Publish(new ContactCreated(contact.Id, contact.Name, contact.Kind, contact.Email, contact.Phone, contact.Source, contact.OwnerId));
            }

            var input = request.Deal ?? new DealInput(null, null, null, null, null, null, null, null, null);
            var deal = await deals.AddAsync(input with
            {
                Title = input.Title ?? lead.Title,
                ContactId = contact.Id,
                Amount = input.Amount ?? Money.View(lead.ValueMinor, lead.Currency),
                AssigneeId = input.AssigneeId ?? lead.AssigneeId,
            }, lead.Id, cancellationToken);

            var now = clock.GetUtcNow();
            lead.ContactId = contact.Id;
            lead.DealId = deal.Id;
            lead.ConvertedAt = now;
            var won = await db.Stages.Where(s => s.PipelineId == lead.PipelineId && s.Kind == StageKinds.Won).OrderBy(s => s.Position).FirstOrDefaultAsync(cancellationToken);
            if (won is not null && won.Id != lead.StageId)
            {
                var from = await db.Stages.FirstOrDefaultAsync(s => s.Id == lead.StageId, cancellationToken);
                lead.BoardRank = BoardRanks.AtEnd(now);
                moves.Enter(lead, from, won, now);
            }

            outbox.Publish(new LeadConverted(lead.Id, contact.Id, deal.Id, deal.Title, lead.AssigneeId));
            await outbox.SaveChangesAsync(db, cancellationToken);
            return new Result(LeadView.From(lead), ContactView.From(contact), DealView.From(deal));
        }
    }

    /// <summary>A web form lead whose visitor ticked the consent box (the submission keeps it in its form data).</summary>
    private static bool ConsentGiven(Lead lead)
    {
        if (lead.FormData is null)
        {
            return false;
        }

        using var data = System.Text.Json.JsonDocument.Parse(lead.FormData);
        return data.RootElement.TryGetProperty("consent", out var consent) && consent.ValueKind == System.Text.Json.JsonValueKind.True;
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/leads/{id:guid}/convert", async Task<Ok<Result>> (Guid id, Request request, Handler handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(id, request, ct)))
        .WithName("ConvertLead")
        .WithSummary("Convert a lead: make or link its contact and create a deal, in one transaction; a converted lead answers 409");
}
