using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Kernel.Tenancy;

namespace Portico.Crm.Leads;

internal static class UpdateLead
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues customFields)
    {
        public async Task<LeadView> HandleAsync(Guid id, LeadInput input, long? expectedVersion, CancellationToken cancellationToken)
        {
            var lead = await db.FindLeadAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(lead.AssigneeId, "Lead", id, cancellationToken);
            ApiConventions.CheckVersion(expectedVersion, lead.Version);
            var profile = await access.ProfileAsync(cancellationToken);
            var rules = new Rules();
            var (email, phone) = Leads.Lead.CheckEmailAndPhone(rules, input.Email, input.Phone, profile.Country, patch: true);
            rules.Check(input.Title is null || !string.IsNullOrWhiteSpace(input.Title), "title", "must not be empty.");
            Leads.Lead.CheckFields(rules, input.Title, input.ContactName, input.CompanyName, input.Source, input.Priority)
                .Check(input.PipelineId is null && input.StageId is null, "stageId", "changes through POST .../leads/{id}/move.");
            var value = Money.Parse(input.Value, profile.Currency, rules, "value");
            await access.CheckMemberAsync(input.AssigneeId, rules, "assigneeId", cancellationToken);
            if (input.ContactId is { } contactId && !await access.CanLinkContactAsync(contactId, cancellationToken))
            {
                rules.Check(false, "contactId", "must be the id of an existing contact.");
            }

            lead.CustomFields = await customFields.ApplyAsync(RecordTypes.Lead, lead.CustomFields, input.CustomFields, creating: false, rules, cancellationToken);
            rules.ThrowIfInvalid();

            lead.Title = input.Title?.Trim() ?? lead.Title;
            lead.ContactId = input.ContactId ?? lead.ContactId;
            lead.ContactName = input.ContactName is null ? lead.ContactName : Clean(input.ContactName);
            lead.CompanyName = input.CompanyName is null ? lead.CompanyName : Clean(input.CompanyName);
            lead.Email = input.Email is null ? lead.Email : email;
            lead.Phone = input.Phone is null ? lead.Phone : phone;
            lead.Source = input.Source ?? lead.Source;
            lead.Priority = input.Priority ?? lead.Priority;
            lead.AssigneeId = input.AssigneeId ?? lead.AssigneeId;
            if (value is { } money)
            {
                (lead.ValueMinor, lead.Currency) = (money.Minor, money.Currency);
            }

            await db.SaveChangesAsync(cancellationToken);
            return LeadView.From(lead);
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPatch("/{tenant}/crm/leads/{id:guid}", async Task<Ok<LeadView>> (Guid id, LeadInput input, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var lead = await handler.HandleAsync(id, input, http.Request.ExpectedVersion(), ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(lead.Version);
            return TypedResults.Ok(lead);
        })
        .WithName("UpdateLead")
        .WithSummary("Change a lead (merge patch; the stage changes through move; send If-Match to avoid lost updates)");
}
