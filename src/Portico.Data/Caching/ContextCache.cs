using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portico.Kernel.Domain;

namespace Portico.Data.Caching;

/// <summary>Settings of the request-context cache, under <c>Portico:Caching</c>.</summary>
public sealed class CachingOptions
{
    public const string Section = "Portico:Caching";

    /// <summary>
    /// How long an instance keeps a fact in memory. Another instance's change reaches this one within this time;
    /// the instance that made the change evicts at once.
    /// </summary>
    public TimeSpan LocalLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the shared (Redis) level keeps a fact; changes evict it. Used only with <see cref="RedisConnectionString"/>.</summary>
    public TimeSpan SharedLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>host:port,password=…</c>: a second cache level shared by the instances. Empty: in-process only.</summary>
    public string? RedisConnectionString { get; set; }
}

/// <summary>The shapes of the cache keys, in one place, so a reader and the record that evicts it cannot disagree.</summary>
public static class ContextCacheKeys
{
    public static string Session(Guid sessionId) => $"session:{sessionId:N}";

    public static string TenantBySlug(string slug) => $"tenant:{slug}";

    public static string TenantProfile(Guid tenantId) => $"tenant-profile:{tenantId:N}";

    public static string Membership(Guid tenantId, Guid userId) => $"member:{tenantId:N}:{userId:N}";

    /// <summary>A module's per-tenant schema (the CRM's custom fields), by module-chosen name.</summary>
    public static string TenantSchema(string name, Guid tenantId) => $"schema:{name}:{tenantId:N}";
}

/// <summary>A cached answer that may be "nothing" (no such tenant, no membership), kept as one immutable instance.</summary>
[ImmutableObject(true)]
public sealed record Cached<T>(T? Value);

/// <summary>
/// What every request needs to know about its caller and tenant (session alive, tenant by slug, membership role,
/// the tenant's schema), kept in process (HybridCache; Redis as the second level when configured), so a request
/// costs the database only what it shows. Records implementing <see cref="IContextCached"/> evict their keys when
/// saved (<see cref="ContextCacheInvalidation"/>); other instances see the change within
/// <see cref="CachingOptions.LocalLifetime"/>.
/// </summary>
public sealed class ContextCache(HybridCache cache, IOptions<CachingOptions> options)
{
    private readonly HybridCacheEntryOptions _entry = new()
    {
        LocalCacheExpiration = options.Value.LocalLifetime,
        Expiration = string.IsNullOrWhiteSpace(options.Value.RedisConnectionString) ? options.Value.LocalLifetime : options.Value.SharedLifetime,
    };

    private readonly bool _shared = !string.IsNullOrWhiteSpace(options.Value.RedisConnectionString);

    /// <summary>Reads <paramref name="key"/>, or runs <paramref name="factory"/> once (concurrent misses share it) and keeps the answer.</summary>
    public ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(key, state, factory, _entry, cancellationToken: cancellationToken);

    /// <summary>Forgets <paramref name="keys"/> on this instance and in the shared level.</summary>
    public async Task EvictAsync(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await cache.RemoveAsync(keys);
        if (_shared)
        {
            // Another instance may have read the old row just before the commit and be writing it to the shared
            // level now; a second eviction after that window keeps it from lasting the shared lifetime.
            _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ => cache.RemoveAsync(keys).AsTask(), TaskScheduler.Default);
        }
    }
}

/// <summary>
/// Evicts the keys of saved <see cref="IContextCached"/> records (their values before and after the change) once the
/// change is committed: right after <c>SaveChanges</c>, or after the surrounding transaction commits (the outbox).
/// </summary>
public sealed class ContextCacheInvalidation(ContextCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly Dictionary<DbContext, HashSet<string>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Flush(eventData.Context).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await Flush(eventData.Context);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Drop(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        Flush(eventData.Context);

    void IDbTransactionInterceptor.TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Drop(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is not IContextCached cached || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (!_pending.TryGetValue(context, out var keys))
            {
                _pending[context] = keys = new HashSet<string>(StringComparer.Ordinal);
            }

            keys.UnionWith(cached.ContextCacheKeys);
            if (entry.State == EntityState.Modified && Original(entry) is { } before)
            {
                keys.UnionWith(before.ContextCacheKeys);
            }
        }
    }

    // The record as it was loaded: a renamed tenant must also forget its old slug.
    private static IContextCached? Original(EntityEntry entry) => entry.OriginalValues.ToObject() as IContextCached;

    private Task Flush(DbContext? context)
    {
        if (context is null || !_pending.Remove(context, out var keys))
        {
            return Task.CompletedTask;
        }

        return cache.EvictAsync(keys);
    }

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}

public static class ContextCacheRegistration
{
    /// <summary>HybridCache for request contexts, with Redis as its shared level when <c>Portico:Caching:RedisConnectionString</c> is set.</summary>
    public static IServiceCollection AddContextCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CachingOptions>().Bind(configuration.GetSection(CachingOptions.Section))
            .Validate(o => o.LocalLifetime > TimeSpan.Zero && o.SharedLifetime >= o.LocalLifetime, "Portico:Caching lifetimes must be positive, the shared one at least the local one.")
            .ValidateOnStart();
        var redis = configuration.GetSection(CachingOptions.Section).Get<CachingOptions>()?.RedisConnectionString;
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddStackExchangeRedisCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = "portico:context:";
            });
        }

        services.AddHybridCache();
        services.AddSingleton<ContextCache>();
        services.AddScoped<ContextCacheInvalidation>();
        return services;
    }
}
