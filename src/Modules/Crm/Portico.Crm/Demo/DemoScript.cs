using System.Text.Json.Nodes;

namespace Portico.Crm.Demo;

/// <summary>A custom field a demo tenant defines: <c>contact</c>, <c>lead</c> or <c>deal</c>, its key, label, type and options.</summary>
internal sealed record DemoField(string RecordType, string Key, string Label, string Type, string[]? Options = null);

/// <summary>A company client of a demo tenant, with the domain of its email addresses.</summary>
internal sealed record DemoCompany(string Name, string Domain, string? JobTitleOfContact = null);

/// <summary>A logged call or a note: a subject and what was said.</summary>
internal sealed record DemoText(string Subject, string Body);

/// <summary>
/// What one demo tenant's CRM is made of, in its language: who its clients are, what they ask for, what the team
/// writes down, which custom fields it added. <see cref="CrmDemoSeeder"/> turns it into records through the
/// module's own use cases.
/// </summary>
internal sealed class DemoScript
{
    public required string Slug { get; init; }

    /// <summary>ISO country of the office phones of company clients (<c>RU</c>, <c>DE</c>), or null for international ones.</summary>
    public string? Country { get; init; }

    public required Func<Random, DemoPerson> Person { get; init; }

    public DemoCompany[] Companies { get; init; } = [];

    public required DemoField[] Fields { get; init; }

    /// <summary>Custom field values of a contact, by key.</summary>
    public required Func<Random, JsonObject> ContactFields { get; init; }

    /// <summary>Custom field values of a lead, by key.</summary>
    public Func<Random, JsonObject> LeadFields { get; init; } = _ => [];

    /// <summary>Custom field values of a deal, by key.</summary>
    public Func<Random, JsonObject> DealFields { get; init; } = _ => [];

    public required string[] Tags { get; init; }

    /// <summary>Where a contact came from (free text on contacts).</summary>
    public required string[] ContactSources { get; init; }

    /// <summary>Lead sources with their weights: a salon hears from Instagram, an auto service by phone and web form.</summary>
    public required (string Source, int Weight)[] LeadSources { get; init; }

    public required string[] ContactNotes { get; init; }

    public required string[] LeadTitles { get; init; }

    /// <summary>What people write in a web form or a message.</summary>
    public required string[] Messages { get; init; }

    /// <summary>Estimated lead values in major units of the tenant's currency: lowest, highest, rounded to step.</summary>
    public required (int Min, int Max, int Step) LeadValue { get; init; }

    public required string[] DealTitles { get; init; }

    public required (int Min, int Max, int Step) DealAmount { get; init; }

    public required string[] WonReasons { get; init; }

    public required string[] LostReasons { get; init; }

    public required DemoText[] Calls { get; init; }

    public required string[] Tasks { get; init; }
}
