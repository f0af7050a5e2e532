namespace Portico.Kernel.Domain;

/// <summary>
/// Base of every persisted record: a UUIDv7 id (time ordered, so it doubles as a keyset
/// tiebreaker), creation and update stamps and a version used for optimistic concurrency.
/// Stamps and version are maintained by the data layer on save, never by handlers.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; init; } = Ids.NewId();

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Incremented on every update; a stale version on save is a concurrency conflict.</summary>
    public long Version { get; set; }
}

/// <summary>A record owned by one tenant. The data layer filters reads and stamps writes.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>Changes to this record are written to the audit log in the same transaction.</summary>
public interface IAudited
{
    /// <summary>The tenant an audit row belongs to; by default the record's own tenant.</summary>
    Guid? AuditTenantId => (this as ITenantOwned)?.TenantId;
}

/// <summary>Marks a property whose value must never reach the audit log (hashes, tokens, secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditSecretAttribute : Attribute;

/// <summary>Identifier generation: UUIDv7 everywhere.</summary>
public static class Ids
{
    public static Guid NewId() => Guid.CreateVersion7();
}

/// <summary>
/// A record that what a request knows about its caller is built from (a session, a membership, a tenant, a tenant's
/// custom-field schema). Those facts are cached per instance; saving such a record evicts the keys it names, before
/// and after the change, so the change applies at the next request.
/// </summary>
public interface IContextCached
{
    /// <summary>The cache keys built from this record's values (see <c>ContextCacheKeys</c> for their shapes).</summary>
    IEnumerable<string> ContextCacheKeys { get; }
}
