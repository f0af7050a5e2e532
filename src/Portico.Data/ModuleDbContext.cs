using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Portico.Data.Auditing;
using Portico.Kernel.Domain;
using Portico.Kernel.Errors;
using Portico.Kernel.Tenancy;

namespace Portico.Data;

/// <summary>Names the module that owns a DbContext: its PostgreSQL schema and its SQLite table prefix.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ModuleSchemaAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static string Of(Type contextType) =>
        contextType.GetCustomAttribute<ModuleSchemaAttribute>()?.Name
        ?? throw new InvalidOperationException($"{contextType.Name} needs a [ModuleSchema(\"name\")] attribute.");
}

/// <summary>
/// Base of every module's DbContext. A module only declares its entities; this class gives it
/// its own schema (or table prefix), tenant filtering and stamping, UUIDv7 ids, timestamps,
/// optimistic concurrency on both providers, and an audit log written in the same transaction.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, RequestContext request) : DbContext(options)
{
    public const string TenantOwnedAnnotation = "Portico:TenantOwned";

    /// <summary>
    /// Marks a tenant table that is read before the tenant is known (memberships, invitations): no query
    /// filter, but row-level security still fences it, letting a user also see rows naming them
    /// (<see cref="UserColumnAnnotation"/>).
    /// </summary>
    public const string TenantLinkAnnotation = "Portico:TenantLink";

    public const string UserColumnAnnotation = "Portico:TenantLinkUserColumn";

    /// <summary>Read by the tenant query filter; EF Core parameterizes it per query.</summary>
    public Guid? CurrentTenantId => request.TenantId;

    /// <summary>
    /// Platform code that deliberately works across tenants. Row-level security honours it (the platform role); the query
    /// filter does not (it stays a plain equality an index can serve), so platform queries of tenant-owned rows add
    /// <c>IgnoreQueryFilters()</c>.
    /// </summary>
    public bool IsPlatformScope => request.IsPlatformScope;

    internal RequestContext Request => request;

    public string Schema => ModuleSchemaAttribute.Of(GetType());

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no native timestamp: a fixed-width UTC ISO string keeps values readable,
            // sortable and comparable in SQL (the default binary form is neither).
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcIsoStringConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcIsoStringConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // One module, one assembly, one context: every configuration in the assembly belongs here.
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.Entity<AuditEntry>(AuditEntry.Configure);

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(Entity).IsAssignableFrom(e.ClrType)))
        {
            var builder = modelBuilder.Entity(entity.ClrType);
            builder.HasKey(nameof(Entity.Id));
            builder.Property(nameof(Entity.Id)).ValueGeneratedNever();
            builder.Property(nameof(Entity.Version)).IsConcurrencyToken();
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                builder.HasIndex(nameof(ITenantOwned.TenantId));
            }
        }

        // Tenant rows that are not entities (rows kept by triggers, with a key of their own) are fenced all the same.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && !e.IsOwned()))
        {
            entity.SetAnnotation(TenantOwnedAnnotation, true);
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
        }

        if (Database.IsSqlite())
        {
            // SQLite has no schemas: a module's tables share one file, so they carry its name as a prefix.
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
            {
                entity.SetTableName($"{Schema}_{entity.GetTableName()}");
            }
        }
        else
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        // e => e.TenantId == this.CurrentTenantId : no tenant means no rows at all. A plain equality, so both
        // providers walk the (tenant_id, sort key) index; platform code that works across tenants says so with
        // IgnoreQueryFilters() (and the platform role on PostgreSQL), see docs/architecture.md.
        var e = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Convert(Expression.Property(e, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), e);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeStamper.Stamp(this, request, DateTimeOffset.UtcNow);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyException("The record was changed by someone else. Reload it and try again.");
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException("A record with the same unique value already exists.", ConflictException.DuplicateCode);
        }
    }
}

/// <summary>Stores <see cref="DateTimeOffset"/> as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (UTC) on SQLite.</summary>
public sealed class UtcIsoStringConverter() : ValueConverter<DateTimeOffset, string>(
    v => v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
    v => DateTimeOffset.Parse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal));
