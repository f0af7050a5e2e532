using System.Text.Json;

namespace Portico.Crm.Contacts;

/// <summary>A contact as the API shows it.</summary>
internal sealed record ContactView(
    Guid Id, string Kind, string Name, string? FirstName, string? LastName, string? CompanyName, string? JobTitle,
    IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, IReadOnlyList<string> Tags, Guid? OwnerId, string? Source,
    bool MarketingConsent, DateTimeOffset? MarketingConsentAt, bool DataProcessingConsent, DateTimeOffset? DataProcessingConsentAt,
    string? Notes, JsonElement CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ContactView From(Contact c) => new(
        c.Id, c.Kind, c.Name, c.FirstName, c.LastName, c.CompanyName, c.JobTitle, c.Emails.ToList(), c.Phones.ToList(), c.TagList, c.OwnerId, c.Source,
        c.MarketingConsent, c.MarketingConsentAt, c.DataProcessingConsent, c.DataProcessingConsentAt, c.Notes,
        JsonDocument.Parse(c.CustomFields).RootElement.Clone(), c.CreatedAt, c.UpdatedAt, c.Version);
}
