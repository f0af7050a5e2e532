using Portico.Crm.CustomFields;
using Portico.Crm.Records;
using Portico.Data.Paging;
using Portico.Kernel.Paging;
using Portico.Kernel.Tenancy;
using Portico.Kernel.Http;
using Portico.Crm.Contracts;

namespace Portico.Crm.Leads;

internal static class CreateLead
{
    [RequiresPermission(CrmPermissions.Write)]
    internal sealed class Handler(LeadIntake intake)
    {
        public async Task<LeadView> HandleAsync(LeadInput input, CancellationToken cancellationToken) =>
            LeadView.From(await intake.CreateAsync(input, "manual", cancellationToken));
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapPost("/{tenant}/crm/leads", async Task<Created<LeadView>> (LeadInput input, Handler handler, RequestContext context, HttpContext http, CancellationToken ct) =>
        {
            var lead = await handler.HandleAsync(input, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(lead.Version);
            return TypedResults.Created($"/api/v1/tenants/{context.TenantSlug}/crm/leads/{lead.Id}", lead);
        })
        .WithName("CreateLead")
        .WithRequestExample(new { title = "Wedding make-up for 4", contactName = "Anna Petrova", email = "anna@example.com", phone = "+79161234567", source = "instagram", priority = "high", value = new { amount = "15000.00", currency = "RUB" } })
        .WithSummary("Create a lead; an email or phone of an existing contact links it to that contact; raises lead.created (real time new-lead)");
}

internal static class GetLead
{
    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task<LeadView> HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var lead = await db.FindLeadAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(lead.AssigneeId, "Lead", id, cancellationToken);
            return LeadView.From(lead);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/leads/{id:guid}", async Task<Ok<LeadView>> (Guid id, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            var lead = await handler.HandleAsync(id, ct);
            http.Response.Headers.ETag = ApiConventions.ETagOf(lead.Version);
            return TypedResults.Ok(lead);
        })
        .WithName("GetLead")
        .WithSummary("A lead");
}

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
            var email = input.Email is null or "" ? null : Emails.Normalize(input.Email);
            var phone = input.Phone is null or "" ? null : Phones.Normalize(input.Phone, profile.Country);
            var rules = new Rules()
                .Check(input.Email is null or "" || email is not null, "email", $"'{input.Email}' is not an email address.")
                .Check(input.Phone is null or "" || phone is not null, "phone", $"'{input.Phone}' is not a phone number.")
                .Check(input.Title is null || !string.IsNullOrWhiteSpace(input.Title), "title", "must not be empty.")
                .Length(input.Title?.Trim(), "title", 1, 300)
                .Length(input.ContactName?.Trim(), "contactName", 0, 300)
                .Length(input.CompanyName?.Trim(), "companyName", 0, 200)
                .OneOf(input.Source, "source", Leads.Lead.Sources)
                .OneOf(input.Priority, "priority", Leads.Lead.Priorities)
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

internal static class DeleteLead
{
    [RequiresPermission(CrmPermissions.Delete)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access)
    {
        public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
        {
            var lead = await db.FindLeadAsync(id, cancellationToken);
            await access.EnsureVisibleAsync(lead.AssigneeId, "Lead", id, cancellationToken);
            db.Activities.RemoveRange(await db.Activities.Where(a => a.RecordId == id).ToListAsync(cancellationToken));
            db.Leads.Remove(lead);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapDelete("/{tenant}/crm/leads/{id:guid}", async Task<NoContent> (Guid id, Handler handler, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, ct);
            return TypedResults.NoContent();
        })
        .WithName("DeleteLead")
        .WithSummary("Delete a lead and its activities");
}

internal static class ListLeads
{
    public static readonly RecordSchema<Lead> Schema = new RecordSchema<Lead>(RecordTypes.Lead, "-createdAt")
        .Field("createdAt", l => l.CreatedAt, sortable: true)
        .Field("updatedAt", l => l.UpdatedAt, sortable: true)
        .Field("title", l => l.Title, sortable: true)
        .Field("stageEnteredAt", l => l.StageEnteredAt, sortable: true)
        .Field("rank", l => l.BoardRank, sortable: true)
        .Money("value", l => l.ValueMinor, l => l.Currency)
        .Field("currency", l => l.Currency)
        .Field("source", l => l.Source)
        .Field("priority", l => l.Priority)
        .Field("pipelineId", l => l.PipelineId)
        .Field("stageId", l => l.StageId)
        .Field("assigneeId", l => l.AssigneeId)
        .Field("contactId", l => l.ContactId)
        .Field("formId", l => l.FormId)
        .Field("email", l => l.Email)
        .Field("phone", l => l.Phone)
        .Field("companyName", l => l.CompanyName)
        .Field("convertedAt", l => l.ConvertedAt);

    [RequiresPermission(CrmPermissions.Read)]
    internal sealed class Handler(CrmDbContext db, CrmAccess access, CustomFieldValues fields)
    {
        public async Task<(IQueryable<Lead> Query, SortFields<Lead> Sorts)> QueryAsync(RecordQuery parameters, CancellationToken cancellationToken)
        {
            var query = db.Leads.Matching(db, parameters.Q).AsNoTracking();
            if (await access.RestrictedToAsync(cancellationToken) is { } me)
            {
                query = query.Where(l => l.AssigneeId == me);
            }

            return await Schema.ApplyAsync(query, parameters, fields, cancellationToken);
        }

        public async Task<Page<LeadView>> HandleAsync(RecordQuery parameters, PageRequest page, CancellationToken cancellationToken)
        {
            var (query, sorts) = await QueryAsync(parameters, cancellationToken);
            return (await query.ToPageAsync(page, sorts, Shown, cancellationToken)).Map(LeadView.From);
        }

        // What a list shows (LeadView) plus the board rank it can sort by: not the search text or the import key.
        private static readonly System.Linq.Expressions.Expression<Func<Lead, Lead>> Shown = l => new Lead
        {
            Id = l.Id, TenantId = l.TenantId, Title = l.Title, ContactId = l.ContactId, ContactName = l.ContactName, Email = l.Email,
            Phone = l.Phone, CompanyName = l.CompanyName, Source = l.Source, FormId = l.FormId, PipelineId = l.PipelineId, StageId = l.StageId,
            StageEnteredAt = l.StageEnteredAt, BoardRank = l.BoardRank, Priority = l.Priority, ValueMinor = l.ValueMinor, Currency = l.Currency,
            AssigneeId = l.AssigneeId, FormData = l.FormData, CustomFields = l.CustomFields, ConvertedAt = l.ConvertedAt, DealId = l.DealId,
            CreatedAt = l.CreatedAt, UpdatedAt = l.UpdatedAt, Version = l.Version,
        };
    }

    internal static void Map(RouteGroupBuilder tenants) => tenants
        .MapGet("/{tenant}/crm/leads", async Task<Ok<Page<LeadView>>> (Handler handler, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(RecordQuery.FromQuery(http.Request.Query), http.Request.Page(), ct)))
        .RequirePermission(CrmPermissions.Read)
        .WithName("ListLeads")
        .WithSummary("Leads: q searches titles, names, emails and phones; filter on any field (field[op]=value, cf.{key}); sort createdAt, updatedAt, title, stageEnteredAt or cf.{key}");
}
