using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portico.Kernel.Domain;

namespace Portico.Crm.Records;

/// <summary>
/// One word of one record's search text, PostgreSQL only (SQLite searches through FTS5). Row-level security keeps the
/// GIN index of <c>search_vector</c> from serving <c>@@</c>, which is not leakproof; the words as rows of their own,
/// compared with plain b-tree operators in byte order (<c>COLLATE "C"</c>), are a prefix range an index can walk
/// under the policy. A trigger on every searchable table keeps them (migration <c>SearchTerms</c>): the application
/// never writes them itself. The words are <see cref="SearchText.Words"/> of the search text, split in the database by
/// <c>crm.search_words</c> (migration <c>SearchTermsSplitLikeTheApp</c>).
/// </summary>
internal sealed class SearchTerm : ITenantOwned
{
    public Guid TenantId { get; set; }

    public required string Term { get; init; }

    public Guid RecordId { get; init; }
}

internal sealed class SearchTermConfiguration : IEntityTypeConfiguration<SearchTerm>
{
    public void Configure(EntityTypeBuilder<SearchTerm> builder)
    {
        builder.ToTable("search_terms");
        builder.HasKey(t => new { t.TenantId, t.Term, t.RecordId });
        builder.Property(t => t.Term).HasMaxLength(100).UseCollation("C");
        builder.HasIndex(t => t.RecordId);
    }
}
