using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;
using Portico.Scheduling.Availability;

namespace Portico.Scheduling.SlotSearch;

/// <summary>Settings under <c>Portico:Scheduling</c>.</summary>
internal sealed class SlotCacheOptions
{
    public const string Section = "Portico:Scheduling";

    /// <summary>
    /// How long a slot search answer is reused on this node for the same question (0 turns it off). This node forgets
    /// its answers at once when the tenant's schedule changes here; another node's change reaches it after this long at
    /// most, and a booking always checks its slot against the database, so a stale answer costs a "just taken" reply.
    /// </summary>
    public int SlotCacheSeconds { get; set; } = 15;

    /// <summary>How many slots the cached answers may hold in all (a bound on the memory they take).</summary>
    public int SlotCacheCapacity { get; set; } = 500_000;
}

/// <summary>
/// Slot search answers kept in process. A busy public page asks the same question (this service, this month) again and
/// again; the answer depends only on the tenant's schedule, which changes far less often, so the answer is kept under
/// the tenant's schedule version and the services' terms. The version moves after every committed write of the
/// Scheduling module for the tenant (<see cref="SlotCacheInvalidation"/>); the minimum notice is applied again on
/// every read, since it moves with the clock.
/// </summary>
internal sealed class SlotCache(IOptions<SlotCacheOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.SlotCacheCapacity) });
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Max(0, options.Value.SlotCacheSeconds));

    internal sealed record Answer(IReadOnlyList<SlotDay> Days, Dictionary<Guid, string> Names, Duration MinimumNotice);

    public bool Enabled => _lifetime > TimeSpan.Zero;

    /// <summary>The tenant's schedule version, read before the search so an answer is never filed under a newer one.</summary>
    public long Version(Guid tenantId) => _versions.GetValueOrDefault(tenantId);

    public void Changed(Guid tenantId) => _versions.AddOrUpdate(tenantId, 1, (_, v) => v + 1);

    public Answer? Find(string key) => Enabled && _answers.TryGetValue(key, out Answer? answer) ? answer : null;

    public void Keep(string key, Answer answer)
    {
        if (Enabled)
        {
            _answers.Set(key, answer, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = _lifetime, Size = 1 + answer.Days.Sum(d => d.Slots.Count),
            });
        }
    }

    public void Dispose() => _answers.Dispose();
}

/// <summary>
/// Moves a tenant's schedule version once a write of the Scheduling module is committed: after a save outside a
/// transaction, or when the transaction commits (a booking's blocks, moves and cancellations, hours, time off,
/// holidays, settings, outside busy time). Other modules' contexts pass through untouched.
/// </summary>
internal sealed class SlotCacheInvalidation(SlotCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context, result);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saved(Microsoft.EntityFrameworkCore.DbContext? context, int rows)
    {
        if (rows > 0 && context is SchedulingDbContext { Database.CurrentTransaction: null } scheduling)
        {
            Committed(scheduling);
        }
    }

    private void Committed(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is SchedulingDbContext { CurrentTenantId: { } tenantId })
        {
            cache.Changed(tenantId);
        }
    }
}
