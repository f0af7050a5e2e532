using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Imports;

/// <summary>An uploaded CSV or XLSX file of contacts or leads, its column mapping, and the progress and outcome of importing it.</summary>
internal sealed class ImportJob : Entity, ITenantOwned, IAudited
{
    public Guid TenantId { get; set; }

    /// <summary><c>contact</c> or <c>lead</c>.</summary>
    public required string RecordType { get; set; }

    public required string FileName { get; set; }

    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public required string Format { get; set; }

    /// <summary>The uploaded file in the file store.</summary>
    public required string FileKey { get; set; }

    public long FileSize { get; set; }

    /// <summary>The file's header row, as a JSON array.</summary>
    public string Headers { get; set; } = "[]";

    /// <summary>Column → field, as a JSON object; suggested from the headers, changeable before the run.</summary>
    public string Mapping { get; set; } = "{}";

    /// <summary><c>uploaded</c>, <c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "uploaded";

    public int TotalRows { get; set; }

    public int ProcessedRows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    /// <summary>The first row errors (row number, column, message), as a JSON array.</summary>
    public string Errors { get; set; } = "[]";

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? FailureReason { get; set; }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("imports");
        builder.Property(j => j.RecordType).HasMaxLength(10);
        builder.Property(j => j.FileName).HasMaxLength(255);
        builder.Property(j => j.Format).HasMaxLength(10);
        builder.Property(j => j.FileKey).HasMaxLength(500);
        builder.Property(j => j.Headers).HasMaxLength(20000);
        builder.Property(j => j.Mapping).HasMaxLength(20000);
        builder.Property(j => j.Status).HasMaxLength(20);
        builder.Property(j => j.Errors).HasMaxLength(100000);
        builder.Property(j => j.FailureReason).HasMaxLength(2000);
        builder.HasIndex(j => new { j.TenantId, j.CreatedAt, j.Id });
    }
}
