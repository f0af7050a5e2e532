using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.CustomFields;

/// <summary>A field a tenant added to a record type: its key in <c>customFields</c>, its type, rules, default and options.</summary>
internal sealed class CustomFieldDefinition : Entity, ITenantOwned, IAudited, IContextCached
{
    IEnumerable<string> IContextCached.ContextCacheKeys => [Portico.Data.Caching.ContextCacheKeys.TenantSchema(CustomFieldValues.SchemaName, TenantId)];

    public Guid TenantId { get; set; }

    /// <summary><c>contact</c>, <c>lead</c>, <c>deal</c> or <c>object:{key}</c>.</summary>
    public required string RecordType { get; set; }

    /// <summary>The key in <c>customFields</c> and in filters (<c>cf.{key}</c>): lower-case letters, digits and underscores.</summary>
    public required string Key { get; set; }

    public required string Label { get; set; }

    public required string Type { get; set; }

    public bool Required { get; set; }

    /// <summary>The value new records get when none is given, as JSON; validated like any value.</summary>
    public string? DefaultValue { get; set; }

    /// <summary>For select and multi-select: the allowed values, as a JSON array of strings.</summary>
    public string? Options { get; set; }

    /// <summary>For relations: the record type the value points at (<c>contact</c>, <c>deal</c>, <c>lead</c>, <c>object:{key}</c>).</summary>
    public string? Target { get; set; }

    public int Position { get; set; }

    /// <summary>An archived field is hidden from forms and refuses new values; stored values stay and can still be read and filtered.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
}

internal static class FieldTypes
{
    public const string Text = "text";
    public const string LongText = "long_text";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string DateTime = "date_time";
    public const string Boolean = "boolean";
    public const string Select = "select";
    public const string MultiSelect = "multi_select";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Url = "url";
    public const string Member = "member";
    public const string Relation = "relation";

    public static readonly string[] All = [Text, LongText, Number, Money, Date, DateTime, Boolean, Select, MultiSelect, Email, Phone, Url, Member, Relation];
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("custom_fields");
        builder.Property(f => f.RecordType).HasMaxLength(50);
        builder.Property(f => f.Key).HasMaxLength(40);
        builder.Property(f => f.Label).HasMaxLength(100);
        builder.Property(f => f.Type).HasMaxLength(20);
        builder.Property(f => f.DefaultValue).HasMaxLength(2000);
        builder.Property(f => f.Options).HasMaxLength(20000);
        builder.Property(f => f.Target).HasMaxLength(50);
        builder.HasIndex(f => new { f.TenantId, f.RecordType, f.Key }).IsUnique();
    }
}
