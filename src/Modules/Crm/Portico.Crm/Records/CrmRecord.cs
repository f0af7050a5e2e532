using Portico.Kernel.Domain;

namespace Portico.Crm.Records;

/// <summary>
/// What every CRM record type shares (contacts, leads, deals, custom objects' records): custom field values
/// as one JSON object, and the text the <c>q</c> search runs over (names, emails, phones, titles).
/// </summary>
internal abstract class CrmRecord : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>Custom field values by key, as a JSON object (jsonb on PostgreSQL); validated on every write.</summary>
    public string CustomFields { get; set; } = "{}";

    /// <summary>Lower-cased words the full-text index is built from; kept up to date by <see cref="RefreshSearchText"/>.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Called before every save of a changed record: rebuilds <see cref="SearchText"/> from the searchable fields.</summary>
    public abstract void RefreshSearchText();
}

/// <summary>The record types custom fields, activities and timelines attach to.</summary>
internal static class RecordTypes
{
    public const string Contact = "contact";
    public const string Lead = "lead";
    public const string Deal = "deal";

    public static readonly string[] BuiltIn = [Contact, Lead, Deal];

    /// <summary>A custom object's record type: <c>object:{key}</c>.</summary>
    public static string OfObject(string key) => "object:" + key;

    public static bool IsObject(string recordType, out string key)
    {
        key = recordType.StartsWith("object:", StringComparison.Ordinal) ? recordType[7..] : "";
        return key.Length > 0;
    }
}
