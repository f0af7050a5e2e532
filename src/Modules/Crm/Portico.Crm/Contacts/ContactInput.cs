using System.Text.Json;
using Portico.Crm.CustomFields;
using Portico.Crm.Records;

namespace Portico.Crm.Contacts;

/// <summary>The writable fields of a contact. On update it is a merge patch: absent fields stay; lists replace.</summary>
internal sealed record ContactInput(
    string? Kind, string? Name, string? FirstName, string? LastName, string? CompanyName, string? JobTitle,
    string[]? Emails, string[]? Phones, string[]? Tags, Guid? OwnerId, string? Source,
    bool? MarketingConsent, bool? DataProcessingConsent, string? Notes, JsonElement? CustomFields);

/// <summary>One home for writing a contact's fields, shared by create, update, leads, forms, import and merge.</summary>
internal sealed class ContactWriter(CustomFieldValues customFields, CrmAccess access, TimeProvider clock)
{
    /// <summary>Validates <paramref name="input"/> and applies it to <paramref name="contact"/>; throws one 422 with every broken rule.</summary>
    public async Task ApplyAsync(Contact contact, ContactInput input, bool creating, CancellationToken cancellationToken, string prefix = "")
    {
        var rules = new Rules();
        var region = (await access.ProfileAsync(cancellationToken)).Country;
        var emails = input.Emails?.Select((e, i) => (Raw: e, Value: Emails.Normalize(e), Field: $"{prefix}emails[{i}]")).ToList();
        var phones = input.Phones?.Select((p, i) => (Raw: p, Value: Phones.Normalize(p, region), Field: $"{prefix}phones[{i}]")).ToList();
        foreach (var email in emails?.Where(e => e.Value is null) ?? [])
        {
            rules.Check(false, email.Field, $"'{email.Raw}' is not an email address.");
        }

        foreach (var phone in phones?.Where(p => p.Value is null) ?? [])
        {
            rules.Check(false, phone.Field, $"'{phone.Raw}' is not a phone number{(region is null ? " (write it internationally, with +country code)" : "")}.");
        }

        rules.Check(emails is null || emails.Count <= 10, prefix + "emails", "takes at most 10 addresses.")
            .Check(phones is null || phones.Count <= 10, prefix + "phones", "takes at most 10 numbers.")
            .Check(input.Tags is null || (input.Tags.Length <= 50 && input.Tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 50 && !t.Contains('|', StringComparison.Ordinal))), prefix + "tags", "takes at most 50 tags of 1 to 50 characters, without '|'.")
            .OneOf(input.Kind, prefix + "kind", Contact.Kinds)
            .Length(input.Name?.Trim(), prefix + "name", 1, 300)
            .Length(input.FirstName?.Trim(), prefix + "firstName", 0, 100)
            .Length(input.LastName?.Trim(), prefix + "lastName", 0, 100)
            .Length(input.CompanyName?.Trim(), prefix + "companyName", 0, 200)
            .Length(input.JobTitle?.Trim(), prefix + "jobTitle", 0, 200)
            .Length(input.Source?.Trim(), prefix + "source", 0, 40)
            .Length(input.Notes, prefix + "notes", 0, 20000);
        await access.CheckMemberAsync(input.OwnerId, rules, prefix + "ownerId", cancellationToken);

        contact.Kind = input.Kind ?? contact.Kind;
        contact.FirstName = Clean(input.FirstName) ?? contact.FirstName;
        contact.LastName = Clean(input.LastName) ?? contact.LastName;
        contact.CompanyName = Clean(input.CompanyName) ?? contact.CompanyName;
        contact.JobTitle = Clean(input.JobTitle) ?? contact.JobTitle;
        contact.Source = Clean(input.Source) ?? contact.Source;
        contact.Notes = input.Notes is null ? contact.Notes : Clean(input.Notes);
        contact.OwnerId = input.OwnerId ?? contact.OwnerId;
        if (input.Tags is not null)
        {
            contact.Tags = TagSet.Join(input.Tags);
        }

        if (emails is not null || phones is not null)
        {
            contact.SetChannels(
                emails?.Select(e => e.Value).OfType<string>().Distinct() ?? contact.Emails.ToList(),
                phones?.Select(p => p.Value).OfType<string>().Distinct() ?? contact.Phones.ToList());
        }

        var now = clock.GetUtcNow();
        if (input.MarketingConsent is { } marketing && marketing != contact.MarketingConsent)
        {
            (contact.MarketingConsent, contact.MarketingConsentAt) = (marketing, now);
        }

        if (input.DataProcessingConsent is { } processing && processing != contact.DataProcessingConsent)
        {
            (contact.DataProcessingConsent, contact.DataProcessingConsentAt) = (processing, now);
        }

        var name = Clean(input.Name)
            ?? (creating || input.FirstName is not null || input.LastName is not null ? NameFrom(contact) : null);
        if (name is not null)
        {
            contact.Name = name;
        }

        rules.Check(!string.IsNullOrWhiteSpace(contact.Name), prefix + "name", "is required (or give a first name, last name, company, email or phone).");
        contact.CustomFields = await customFields.ApplyAsync(RecordTypes.Contact, contact.CustomFields, input.CustomFields, creating, rules, cancellationToken);
        rules.ThrowIfInvalid();
    }

    private static string? NameFrom(Contact c) =>
        Clean($"{c.FirstName} {c.LastName}") ?? (c.Kind == Contact.Company ? c.CompanyName : null) ?? c.Email ?? c.Phone ?? c.CompanyName;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
