using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Forms;

/// <summary>A lead form a tenant embeds on any website; its public key is in the embed code.</summary>
internal sealed class WebForm : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary>The public, unguessable key in <c>/api/v1/public/forms/{key}</c> and <c>/forms/{key}.js</c>.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Title { get; set; }

    /// <summary>The fields as a JSON array: name, label, type, required, options, and what lead or contact field each fills.</summary>
    public string Fields { get; set; } = "[]";

    /// <summary>Shown beside the consent checkbox; null means the form asks for no consent.</summary>
    public string? ConsentText { get; set; }

    public string ThankYouMessage { get; set; } = "Thank you! We will be in touch soon.";

    public string SubmitLabel { get; set; } = "Send";

    /// <summary>Origins allowed to post the form from a browser (<c>https://salon.example</c>), space-separated; empty allows none.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>Where the leads go; the default lead pipeline's first stage when null.</summary>
    public Guid? PipelineId { get; set; }

    public Guid? StageId { get; set; }

    public Guid? AssigneeId { get; set; }

    /// <summary>A human takes seconds to fill a form; a faster submission is a bot's.</summary>
    public int MinFillSeconds { get; set; } = 3;

    public bool Enabled { get; set; } = true;

    public string Locale { get; set; } = "en";

    public int SubmissionCount { get; set; }

    public DateTimeOffset? LastSubmissionAt { get; set; }
}

internal sealed class WebFormConfiguration : IEntityTypeConfiguration<WebForm>
{
    public void Configure(EntityTypeBuilder<WebForm> builder)
    {
        builder.ToTable("forms");
        builder.Property(f => f.Key).HasMaxLength(40);
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.Title).HasMaxLength(200);
        builder.Property(f => f.Fields).HasMaxLength(20000);
        builder.Property(f => f.ConsentText).HasMaxLength(2000);
        builder.Property(f => f.ThankYouMessage).HasMaxLength(2000);
        builder.Property(f => f.SubmitLabel).HasMaxLength(100);
        builder.Property(f => f.AllowedOrigins).HasMaxLength(4000);
        builder.Property(f => f.Locale).HasMaxLength(10);
        builder.HasIndex(f => f.Key).IsUnique();
    }
}
