using System.Text.Json;
using System.Text.Json.Nodes;
using Portico.Crm.Contracts;
using Portico.Data.Events;

namespace Portico.Crm.Leads;

/// <summary>The CRM side of <see cref="ILeadCapture"/>: the lead intake for a new person, an update of the open lead for a known one.</summary>
internal sealed class CaptureLead(CrmDbContext db, LeadIntake intake, Outbox outbox) : ILeadCapture
{
    public async Task<CapturedLead> CaptureAsync(LeadCaptureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = request.ExistingLeadId is { } id
            ? await db.Leads.FirstOrDefaultAsync(l => l.Id == id && l.ConvertedAt == null, cancellationToken)
            : null;
        existing ??= await intake.FindOpenAsync(request.Email, request.Phone, cancellationToken);
        if (existing is not null)
        {
            existing.FormData = Merge(existing.FormData, request.FormData);
            existing.Phone ??= request.Phone;
            existing.Email ??= request.Email;
            existing.ContactName ??= request.ContactName;
            await outbox.SaveChangesAsync(db, cancellationToken);
            return new CapturedLead(existing.Id, Created: false);
        }

        var formData = JsonSerializer.SerializeToElement(request.FormData);
        var (lead, stage) = await intake.BuildAsync(
            new LeadInput(request.Title, null, request.ContactName, request.Email, request.Phone, null, request.Source, null, null, null, null, null, formData, null),
            request.Source, cancellationToken);
        intake.Add(lead, stage, request.SourceRooms);
        await outbox.SaveChangesAsync(db, cancellationToken);
        return new CapturedLead(lead.Id, Created: true);
    }

    private static string? Merge(string? stored, IReadOnlyDictionary<string, string> answers)
    {
        if (answers.Count == 0)
        {
            return stored;
        }

        var data = (stored is null ? null : JsonNode.Parse(stored) as JsonObject) ?? [];
        foreach (var (question, answer) in answers)
        {
            data[question] = answer;
        }

        var json = data.ToJsonString();
        return json.Length <= 20000 ? json : stored;
    }
}
