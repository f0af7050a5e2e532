using Portico.Crm.Activities;
using Portico.Crm.Contacts;
using Portico.Crm.CustomFields;
using Portico.Crm.CustomObjects;
using Portico.Crm.Deals;
using Portico.Crm.Forms;
using Portico.Crm.Imports;
using Portico.Crm.Leads;
using Portico.Crm.Pipelines;
using Portico.Crm.Records;
using Portico.Crm.Vehicles;
using Portico.Data;
using Portico.Kernel.Tenancy;

namespace Portico.Crm;

[ModuleSchema("crm")]
internal sealed class CrmDbContext(DbContextOptions<CrmDbContext> options, RequestContext request) : ModuleDbContext(options, request)
{
    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<ContactChannel> ContactChannels => Set<ContactChannel>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<Pipeline> Pipelines => Set<Pipeline>();

    public DbSet<Stage> Stages => Set<Stage>();

    public DbSet<StageMove> StageMoves => Set<StageMove>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<CustomFieldDefinition> CustomFields => Set<CustomFieldDefinition>();

    public DbSet<CustomObjectType> ObjectTypes => Set<CustomObjectType>();

    public DbSet<CustomRecord> ObjectRecords => Set<CustomRecord>();

    public DbSet<Settings.CrmSettings> Settings => Set<Settings.CrmSettings>();

    public DbSet<WebForm> Forms => Set<WebForm>();

    public DbSet<SpentStartedToken> SpentStartedTokens => Set<SpentStartedToken>();

    public DbSet<ImportJob> Imports => Set<ImportJob>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<OdometerReading> OdometerReadings => Set<OdometerReading>();

    /// <summary>PostgreSQL only (see <see cref="SearchTerm"/>).</summary>
    public DbSet<SearchTerm> SearchTerms => Set<SearchTerm>();

    public bool IsPostgres => Database.IsNpgsql();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        if (!IsPostgres)
        {
            // SQLite searches through FTS5 tables (migration SearchIndexes); the term rows are PostgreSQL's answer to RLS.
            modelBuilder.Ignore<SearchTerm>();
        }

        CrmSql.Register(modelBuilder, IsPostgres);
        if (IsPostgres)
        {
            // jsonb: custom field values are read in SQL by key (filters and sorts) and can be GIN-indexed later.
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(CrmRecord).IsAssignableFrom(e.ClrType)))
            {
                modelBuilder.Entity(entity.ClrType).Property(nameof(CrmRecord.CustomFields)).HasColumnType("jsonb");
            }
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<CrmRecord>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            entry.Entity.RefreshSearchText();
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public async Task<Contact> FindContactAsync(Guid id, CancellationToken cancellationToken) =>
        await Contacts.Include(c => c.Channels).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Contact", id);

    public async Task<Lead> FindLeadAsync(Guid id, CancellationToken cancellationToken) =>
        await Leads.FirstOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException("Lead", id);

    public async Task<Deal> FindDealAsync(Guid id, CancellationToken cancellationToken) =>
        await Deals.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Deal", id);

    public async Task<Pipeline> FindPipelineAsync(Guid id, CancellationToken cancellationToken) =>
        await Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Pipeline", id);
}

/// <summary>For <c>dotnet ef migrations add</c>; see scripts/add-migration.sh.</summary>
internal sealed class CrmDesignTimeFactory : ModuleDesignTimeFactory<CrmDbContext>;
