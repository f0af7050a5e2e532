using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Crm.Records;
using Portico.Kernel.Domain;

namespace Portico.Crm.Contacts;

/// <summary>A client: a person or a company, with their emails and phones, consents and owner.</summary>
internal sealed class Contact : CrmRecord
{
    public const string Person = "person";
    public const string Company = "company";
    public static readonly string[] Kinds = [Person, Company];

    public string Kind { get; set; } = Person;

    /// <summary>The display name: «Anna Smirnova» or «Smirnov Motors LLC».</summary>
    public required string Name { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>For a person, the company they work for.</summary>
    public string? CompanyName { get; set; }

    public string? JobTitle { get; set; }

    /// <summary>The first email, kept on the row for lists, sorting and export; all of them are <see cref="Channels"/>.</summary>
    public string? Email { get; set; }

    /// <summary>The first phone in E.164.</summary>
    public string? Phone { get; set; }

    public List<ContactChannel> Channels { get; set; } = [];

    /// <summary>Tags as <c>|vip|regular|</c>, so «has tag» is one indexable-free LIKE on both providers and tags keep their case.</summary>
    public string Tags { get; set; } = "";

    /// <summary>The member responsible for the client.</summary>
    public Guid? OwnerId { get; set; }

    public string? Source { get; set; }

    public bool MarketingConsent { get; set; }

    public DateTimeOffset? MarketingConsentAt { get; set; }

    public bool DataProcessingConsent { get; set; }

    public DateTimeOffset? DataProcessingConsentAt { get; set; }

    public string? Notes { get; set; }

    public IEnumerable<string> Emails => Channels.Where(c => c.Kind == ContactChannel.EmailKind).OrderBy(c => c.Position).Select(c => c.Value);

    public IEnumerable<string> Phones => Channels.Where(c => c.Kind == ContactChannel.PhoneKind).OrderBy(c => c.Position).Select(c => c.Value);

    public IReadOnlyList<string> TagList => TagSet.Split(Tags);

    public override void RefreshSearchText() =>
        SearchText = Records.SearchText.Build([Name, CompanyName, JobTitle], Emails, Phones, TagList);

    /// <summary>Replaces the emails and phones, keeping their order; <see cref="Email"/> and <see cref="Phone"/> follow the first of each.</summary>
    public void SetChannels(IEnumerable<string> emails, IEnumerable<string> phones)
    {
        var wanted = emails.Select((v, i) => (Kind: ContactChannel.EmailKind, Value: v, Position: i))
            .Concat(phones.Select((v, i) => (Kind: ContactChannel.PhoneKind, Value: v, Position: i)))
            .ToList();
        Channels.RemoveAll(c => !wanted.Any(w => w.Kind == c.Kind && w.Value == c.Value));
        foreach (var (kind, value, position) in wanted)
        {
            var channel = Channels.FirstOrDefault(c => c.Kind == kind && c.Value == value);
            if (channel is null)
            {
                Channels.Add(new ContactChannel { TenantId = TenantId, ContactId = Id, Kind = kind, Value = value, Position = position });
            }
            else
            {
                channel.Position = position;
            }
        }

        Email = Emails.FirstOrDefault();
        Phone = Phones.FirstOrDefault();
    }
}

/// <summary>One email (lower-cased) or phone (E.164) of a contact. Indexed by value, so matching a new lead to a contact is one lookup.</summary>
internal sealed class ContactChannel : Entity, ITenantOwned, IAudited
{
    public const string EmailKind = "email";
    public const string PhoneKind = "phone";

    public Guid TenantId { get; set; }

    public Guid ContactId { get; set; }

    public required string Kind { get; set; }

    public required string Value { get; set; }

    public int Position { get; set; }

    /// <summary>
    /// True only on a channel that already had a twin on an older contact when the unique index came (migration
    /// <c>OneContactPerEmailOrPhone</c>): it stays, outside the index, so the duplicates list still shows both
    /// contacts to merge. Every channel written since is unique in its tenant.
    /// </summary>
    public bool IsLegacyDuplicate { get; set; }
}

/// <summary>Tags kept as <c>|a|b|</c>.</summary>
internal static class TagSet
{
    public static string Join(IEnumerable<string> tags)
    {
        var list = tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return list.Count == 0 ? "" : "|" + string.Join('|', list) + "|";
    }

    public static IReadOnlyList<string> Split(string tags) => tags.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.Property(c => c.Kind).HasMaxLength(10);
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.CompanyName).HasMaxLength(200);
        builder.Property(c => c.JobTitle).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Tags).HasMaxLength(2000);
        builder.Property(c => c.Source).HasMaxLength(40);
        builder.Property(c => c.Notes).HasMaxLength(20000);
        builder.Property(c => c.SearchText).HasMaxLength(4000);
        builder.Ignore(c => c.Emails);
        builder.Ignore(c => c.Phones);
        builder.Ignore(c => c.TagList);
        builder.HasMany(c => c.Channels).WithOne().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.UpdatedAt, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.Name, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.OwnerId });
    }
}

internal sealed class ContactChannelConfiguration : IEntityTypeConfiguration<ContactChannel>
{
    public void Configure(EntityTypeBuilder<ContactChannel> builder)
    {
        builder.ToTable("contact_channels");
        builder.Property(c => c.Kind).HasMaxLength(10);
        builder.Property(c => c.Value).HasMaxLength(254);
        builder.HasIndex(c => new { c.TenantId, c.Kind, c.Value });
        builder.HasIndex(c => new { c.ContactId, c.Kind, c.Value }).IsUnique();
        // One contact per email or phone in a tenant (values are normalized: emails lower-cased, phones E.164).
        builder.HasIndex(c => new { c.TenantId, c.Kind, c.Value }, "ux_contact_channels_one_contact_per_value")
            .IsUnique().HasFilter("NOT is_legacy_duplicate");
    }
}
