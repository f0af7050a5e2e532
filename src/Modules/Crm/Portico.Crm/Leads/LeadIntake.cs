using System.Text.Json;
using Portico.Crm.Contacts;
using Portico.Crm.Contracts;
using Portico.Crm.CustomFields;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Data.Events;

namespace Portico.Crm.Leads;

/// <summary>
/// The one way a lead comes in, whatever its source (the API, a web form, an import, a bot): validated, matched to
/// an existing contact by email or phone (linked, never duplicated), placed at the end of its stage, and announced
/// with <c>lead.created</c> (real time <c>new-lead</c>, notifications, webhooks) in the same transaction.
/// </summary>
internal sealed class LeadIntake(CrmDbContext db, CrmAccess access, CustomFieldValues customFields, ContactMatcher matcher, DefaultPipelines pipelines, Outbox outbox, TimeProvider clock)
{
    /// <summary>Checks and builds the lead without saving; errors are one 422.</summary>
    public async Task<(Lead Lead, Stage Stage)> BuildAsync(LeadInput input, string defaultSource, CancellationToken cancellationToken, Guid? formId = null)
    {
        var rules = new Rules();
        var profile = await access.ProfileAsync(cancellationToken);
        var (email, phone) = Lead.CheckEmailAndPhone(rules, input.Email, input.Phone, profile.Country);
        Lead.CheckFields(rules, input.Title, input.ContactName, input.CompanyName, input.Source, input.Priority)
            .Check(input.FormData is null or { ValueKind: JsonValueKind.Object or JsonValueKind.Null }, "formData", "must be an object.")
            .Check(input.FormData is null || input.FormData.Value.GetRawText().Length <= 20000, "formData", "must be at most 20 000 characters of JSON.");
        Lead.CheckSaysWho(rules, input.Title, input.ContactName, input.Email, input.Phone, input.CompanyName, input.ContactId);
        var value = Money.Parse(input.Value, profile.Currency, rules, "value");
        var assignee = await access.DefaultAssigneeAsync(input.AssigneeId, cancellationToken);
        await access.CheckMemberAsync(assignee, rules, "assigneeId", cancellationToken);
        if (input.ContactId is { } contactId && !await access.CanLinkContactAsync(contactId, cancellationToken))
        {
            rules.Check(false, "contactId", "must be the id of an existing contact.");
        }

        var custom = await customFields.ApplyAsync(RecordTypes.Lead, "{}", input.CustomFields, creating: true, rules, cancellationToken);
        rules.ThrowIfInvalid();
        var (pipeline, stage) = await pipelines.ResolveAsync(RecordTypes.Lead, input.PipelineId, input.StageId, rules, cancellationToken);

        var linked = input.ContactId is { } id
            ? await db.FindContactAsync(id, cancellationToken)
            : await matcher.FindAsync(email is null ? [] : [email], phone is null ? [] : [phone], cancellationToken);
        // A matched contact the caller may not see (restricted visibility) is linked, but lends the lead none of its details.
        var contact = linked is not null && await access.CanLinkContactAsync(linked.Id, cancellationToken) ? linked : null;
        var name = Clean(input.ContactName) ?? contact?.Name;
        var now = clock.GetUtcNow();
        var lead = new Lead
        {
            TenantId = access.TenantId,
            Title = Clean(input.Title) ?? Lead.TitleFrom(name, email, phone, Clean(input.CompanyName), profile.Locale),
            ContactId = linked?.Id,
            ContactName = name,
            Email = email ?? contact?.Email,
            Phone = phone ?? contact?.Phone,
            CompanyName = Clean(input.CompanyName) ?? contact?.CompanyName,
            Source = input.Source ?? defaultSource,
            FormId = formId,
            PipelineId = pipeline.Id,
            StageId = stage.Id,
            StageEnteredAt = now,
            BoardRank = BoardRanks.AtEnd(now),
            Priority = input.Priority ?? "normal",
            ValueMinor = value?.Minor,
            Currency = value?.Currency,
            AssigneeId = assignee,
            FormData = input.FormData is { ValueKind: JsonValueKind.Object } data ? data.GetRawText() : null,
            CustomFields = custom,
        };
        return (lead, stage);
    }

    /// <summary>Adds the lead and its <c>lead.created</c> event to the unit of work; the caller saves through the outbox.</summary>
    public void Add(Lead lead, Stage stage, IReadOnlyList<string>? sourceRooms = null)
    {
        db.Leads.Add(lead);
        Announce(lead, stage, sourceRooms);
    }

    /// <summary>Raises <c>lead.created</c> for a lead written by other means (the import's bulk path).</summary>
    public void Announce(Lead lead, Stage stage, IReadOnlyList<string>? sourceRooms = null) =>
        outbox.Publish(new LeadCreated(lead.Id, lead.Title, lead.Source, lead.ContactId, lead.ContactName, lead.Email, lead.Phone,
            lead.PipelineId, lead.StageId, stage.Name, Money.View(lead.ValueMinor, lead.Currency), lead.AssigneeId, lead.FormId) { SourceRooms = sourceRooms ?? [] });

    public async Task<Lead> CreateAsync(LeadInput input, string defaultSource, CancellationToken cancellationToken)
    {
        var (lead, stage) = await BuildAsync(input, defaultSource, cancellationToken);
        Add(lead, stage);
        await outbox.SaveChangesAsync(db, cancellationToken);
        return lead;
    }

    /// <summary>An open (not converted, not closed) lead with this email or phone: a repeated submission joins it instead of making a twin.</summary>
    public async Task<Lead?> FindOpenAsync(string? email, string? phone, CancellationToken cancellationToken)
    {
        if (email is null && phone is null)
        {
            return null;
        }

        return await db.Leads
            .Where(l => l.ConvertedAt == null && ((email != null && l.Email == email) || (phone != null && l.Phone == phone)))
            .Where(l => db.Stages.Any(s => s.Id == l.StageId && s.Kind == StageKinds.Open))
            .OrderByDescending(l => l.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
