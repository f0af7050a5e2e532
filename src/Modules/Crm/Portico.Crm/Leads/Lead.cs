using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;

namespace Portico.Crm.Leads;

/// <summary>Someone who may become a client: from a web form, a bot, a channel, an import, the API or by hand.</summary>
internal sealed class Lead : CrmRecord, IBoardCard
{
    public static readonly string[] Sources = ["manual", "web_form", "telegram", "whatsapp", "instagram", "facebook", "email", "import", "api"];
    public static readonly string[] Priorities = ["low", "normal", "high", "urgent"];

    public required string Title { get; set; }

    /// <summary>The contact this lead was matched to or converted into.</summary>
    public Guid? ContactId { get; set; }

    public string? ContactName { get; set; }

    public string? Email { get; set; }

    /// <summary>E.164.</summary>
    public string? Phone { get; set; }

    public string? CompanyName { get; set; }

    public string Source { get; set; } = "manual";

    /// <summary>The web form it came from, if any.</summary>
    public Guid? FormId { get; set; }

    public Guid PipelineId { get; set; }

    public Guid StageId { get; set; }

    public DateTimeOffset StageEnteredAt { get; set; }

    public double BoardRank { get; set; }

    public string Priority { get; set; } = "normal";

    public long? ValueMinor { get; set; }

    public string? Currency { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>The submitted form or message as received, as a JSON object.</summary>
    public string? FormData { get; set; }

    public DateTimeOffset? ConvertedAt { get; set; }

    public Guid? DealId { get; set; }

    /// <summary>A hash of an imported row: importing the same file again finds it and creates nothing new.</summary>
    public string? ImportKey { get; set; }

    public override void RefreshSearchText() =>
        SearchText = Records.SearchText.Build([Title, ContactName, CompanyName, Email, Phone]);

    /// <summary>
    /// A new lead says who it is about: a contact name, an email, a phone, a company, a linked contact, or a title
    /// written by a person («Roof repair for the bakery on Elm Street»). A lead with none of them («New lead») can be
    /// neither reached nor recognized. One rule for the API, the import and web forms; a 422 on <c>contactName</c>.
    /// </summary>
    public static Rules CheckSaysWho(Rules rules, string? title, string? contactName, string? email, string? phone, string? companyName, Guid? contactId) =>
        rules.Check(
            contactId is not null || new[] { title, contactName, email, phone, companyName }.Any(v => !string.IsNullOrWhiteSpace(v)),
            "contactName",
            "A lead needs a way to reach or recognize the person: give a contact name, email, phone, company, contactId or title.");

    /// <summary>
    /// Normalises a lead's email (lower case) and phone (E.164, read in the tenant's country when written nationally);
    /// one that is neither is a 422 on <c>email</c> or <c>phone</c>. One rule for creating (by the API, a web form or the import) and changing a lead. A patch
    /// clears a field with <c>""</c> instead of failing it, and its phone message gives no country hint. The import passes
    /// <paramref name="normalizePhone"/>: the same normalisation, remembered across the rows of a file.
    /// </summary>
    public static (string? Email, string? Phone) CheckEmailAndPhone(
        Rules rules, string? email, string? phone, string? country, bool patch = false, Func<string, string?>? normalizePhone = null)
    {
        bool Given(string? value) => value is not null && !(patch && value.Length == 0);
        var normalizedEmail = Given(email) ? Emails.Normalize(email!) : null;
        var normalizedPhone = Given(phone) ? (normalizePhone ?? (p => Phones.Normalize(p, country)))(phone!) : null;
        var hint = !patch && country is null ? " (write it internationally, with +country code)" : "";
        rules.Check(!Given(email) || normalizedEmail is not null, "email", $"'{email}' is not an email address.")
            .Check(!Given(phone) || normalizedPhone is not null, "phone", $"'{phone}' is not a phone number{hint}.");
        return (normalizedEmail, normalizedPhone);
    }

    /// <summary>
    /// The limits of a lead's text fields (a title of 1 to 300 characters, a contact name of up to 300, a company name of
    /// up to 200, each trimmed) and its known sources and priorities. One rule for the API, web forms and the import.
    /// </summary>
    public static Rules CheckFields(Rules rules, string? title, string? contactName, string? companyName, string? source, string? priority) =>
        rules.Length(title?.Trim(), "title", 1, 300)
            .Length(contactName?.Trim(), "contactName", 0, 300)
            .Length(companyName?.Trim(), "companyName", 0, 200)
            .OneOf(source, "source", Sources)
            .OneOf(priority, "priority", Priorities);

    /// <summary>The title of a lead given none: «Lead: Anna Petrova» from its name, company, email or phone, in the tenant's language.</summary>
    public static string TitleFrom(string? name, string? email, string? phone, string? company, string locale)
    {
        var who = name ?? company ?? email ?? phone;
        var russian = locale.StartsWith("ru", StringComparison.Ordinal);
        return who is null ? (russian ? "Новый лид" : "New lead") : (russian ? $"Лид: {who}" : $"Lead: {who}");
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.Property(l => l.Title).HasMaxLength(300);
        builder.Property(l => l.ContactName).HasMaxLength(300);
        builder.Property(l => l.Email).HasMaxLength(254);
        builder.Property(l => l.Phone).HasMaxLength(20);
        builder.Property(l => l.CompanyName).HasMaxLength(200);
        builder.Property(l => l.Source).HasMaxLength(20);
        builder.Property(l => l.Priority).HasMaxLength(10);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.FormData).HasMaxLength(20000);
        builder.Property(l => l.ImportKey).HasMaxLength(64);
        builder.Property(l => l.SearchText).HasMaxLength(4000);
        builder.HasIndex(l => new { l.TenantId, l.CreatedAt, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.UpdatedAt, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.Title, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.ValueMinor, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.StageId, l.BoardRank, l.Id });
        // Every sort a list offers walks an index in its own order (the tenant first).
        builder.HasIndex(l => new { l.TenantId, l.StageEnteredAt, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.BoardRank, l.Id });
        builder.HasIndex(l => new { l.TenantId, l.AssigneeId });
        builder.HasIndex(l => new { l.TenantId, l.ContactId });
        // The board's counts and sums per stage: read from the index alone, not from 100 000 rows.
        builder.HasIndex(l => new { l.TenantId, l.PipelineId, l.StageId, l.Currency, l.ValueMinor });
        builder.HasIndex(l => new { l.TenantId, l.ImportKey }).IsUnique();
    }
}
