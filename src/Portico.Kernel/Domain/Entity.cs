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

/// <summary>
/// Identifier generation: UUIDv7 everywhere, strictly increasing within the process. <see cref="Guid.CreateVersion7()"/>
/// fills everything after the millisecond with random bits, so two records made in one millisecond (a status change and
/// the timeline entries it writes in the same save) sorted by id in any order. Here the 12 bits after the version hold a
/// counter within the millisecond (RFC 9562, 6.2, method 1); when it runs out the id borrows the next millisecond.
/// </summary>
public static class Ids
{
    /// <summary>The last id's Unix milliseconds shifted left 12 bits, with its counter in the low 12.</summary>
    private static long _last;

    public static Guid NewId() => NewId(DateTimeOffset.UtcNow);

    /// <summary>An id for a record made at <paramref name="now"/>, after every id this process made before.</summary>
    public static Guid NewId(DateTimeOffset now)
    {
        var clock = now.ToUnixTimeMilliseconds() << 12;
        long last, next;
        do
        {
            last = Volatile.Read(ref _last);
            next = Math.Max(clock, last + 1);
        }
        while (Interlocked.CompareExchange(ref _last, next, last) != last);

        // Big-endian, as the id is written and as PostgreSQL (uuid) and SQLite (its text) compare it.
        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes[8..]);
        var milliseconds = next >> 12;
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (40 - (8 * i)));
        }

        bytes[6] = (byte)(0x70 | ((next >> 8) & 0x0F));
        bytes[7] = (byte)next;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
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
