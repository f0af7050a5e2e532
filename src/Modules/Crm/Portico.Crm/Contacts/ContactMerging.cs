using System.Text.Json.Nodes;

namespace Portico.Crm.Contacts;

/// <summary>How one contact's data joins another's: on a duplicate create, and when merging two contacts.</summary>
internal static class ContactMerging
{
    /// <summary>
    /// Adds to <paramref name="target"/> what <paramref name="source"/> knows and it does not: emails, phones and tags
    /// are united; empty fields and custom values are filled; consents given stay given. Nothing the target has is overwritten.
    /// </summary>
    public static async Task AbsorbAsync(Contact target, Contact source, ContactWriter writer, CancellationToken cancellationToken)
    {
        var customFields = JsonNode.Parse(target.CustomFields)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(source.CustomFields)!.AsObject())
        {
            if (!customFields.ContainsKey(key) && value is not null)
            {
                customFields[key] = value.DeepClone();
            }
        }

        target.CustomFields = customFields.ToJsonString();
        target.FirstName ??= source.FirstName;
        target.LastName ??= source.LastName;
        target.CompanyName ??= source.CompanyName;
        target.JobTitle ??= source.JobTitle;
        target.Source ??= source.Source;
        target.OwnerId ??= source.OwnerId;
        target.Notes = target.Notes is null ? source.Notes : source.Notes is null || target.Notes.Contains(source.Notes, StringComparison.Ordinal) ? target.Notes : target.Notes + "\n\n" + source.Notes;
        await writer.ApplyAsync(target, new ContactInput(
            null, null, null, null, null, null,
            target.Emails.Concat(source.Emails).Distinct().ToArray(),
            target.Phones.Concat(source.Phones).Distinct().ToArray(),
            target.TagList.Concat(source.TagList).ToArray(),
            null, null,
            source.MarketingConsent && !target.MarketingConsent ? true : null,
            source.DataProcessingConsent && !target.DataProcessingConsent ? true : null,
            null, null), creating: false, cancellationToken);
    }
}
